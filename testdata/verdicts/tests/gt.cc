// GoogleTest cases run by several CTest tests with their own filters and properties.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "geometry.h"

TEST(Area, Square) {
  EXPECT_EQ(geometry::Area(3, 3), 9);
}

TEST(Area, Rect) {
  EXPECT_EQ(geometry::Area(2, 5), 10);
}

TEST(Perimeter, Square) {
  EXPECT_EQ(geometry::Perimeter(3, 3), 12);
}

TEST(Misc, Prints) {
  std::printf("hello verdicts\n");
}

// Fails when VERDICTS_BROKEN is set (a test that is expected to fail sets it).
TEST(Broken, WhenAsked) {
  EXPECT_EQ(std::getenv("VERDICTS_BROKEN"), nullptr) << "asked to fail";
}

// Sleeps 3 s when VERDICTS_SLOW is set: longer than the timeouts of the tests that set it.
TEST(Slow, Sleeps) {
  if (std::getenv("VERDICTS_SLOW")) std::this_thread::sleep_for(std::chrono::seconds(3));
}

// Exits 77 before running anything when VERDICTS_SKIP is set (SKIP_RETURN_CODE); prints
// a note after its cases when VERDICTS_EXIT_NOTE is set.
int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (std::getenv("VERDICTS_SKIP")) return 77;
  int failed = RUN_ALL_TESTS();
  if (std::getenv("VERDICTS_EXIT_NOTE")) std::printf("note at exit\n");
  return failed;
}
