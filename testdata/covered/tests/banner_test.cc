// A main that prints the banner when a report file is asked for (--gtest_output), as tia
// asks in every process it starts; run as its CTest command, only Banner.Prints runs it.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>

#include "banner.h"

TEST(Banner, Prints) {
  EXPECT_EQ(Banner(), "covered 1.0");
}

TEST(Banner, Adds) {
  EXPECT_EQ(1 + 1, 2);
}

int main(int argc, char** argv) {
  bool report = false;
  for (int i = 1; i < argc; ++i) report |= std::strncmp(argv[i], "--gtest_output=", 15) == 0;
  ::testing::InitGoogleTest(&argc, argv);
  if (report) std::printf("%s\n", Banner().c_str());
  return RUN_ALL_TESTS();
}
