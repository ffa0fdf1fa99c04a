// The project's own main, a global environment and an event listener: code GoogleTest
// runs for every case.
#include <gtest/gtest.h>

#include "calc.h"

namespace {

class JournalEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { calc::Journal::Clear(); }
};

class CountingListener : public ::testing::EmptyTestEventListener {
 public:
  void OnTestStart(const ::testing::TestInfo&) override { calc::Journal::Record("start"); }
};

TEST(JournalTest, RecordsStarts) {
  EXPECT_GE(calc::Journal::Entries(), 1);
}

TEST(JournalTest, AddStillWorks) {
  EXPECT_EQ(calc::Add(1, 1), 2);
}

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new JournalEnvironment);
  ::testing::UnitTest::GetInstance()->listeners().Append(new CountingListener);
  return RUN_ALL_TESTS();
}
