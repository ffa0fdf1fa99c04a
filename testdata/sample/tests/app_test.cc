// Application tests with a custom main() that runs InitApp() before every case.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/app.h"

namespace {

TEST(AppTest, SquareAreaReport) {
  EXPECT_EQ(app::SquareAreaReport("1 + 2"), "9.00");
}

TEST(AppTest, MalformedReport) {
  EXPECT_EQ(app::SquareAreaReport("+"), "error");
}

TEST(AppEnvTest, DataDirExists) {
  ASSERT_TRUE(app::Config().initialized);
  ASSERT_FALSE(app::Config().data_dir.empty());
  EXPECT_TRUE(std::filesystem::is_directory(app::Config().data_dir));
}

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  app::InitApp();
  return RUN_ALL_TESTS();
}
