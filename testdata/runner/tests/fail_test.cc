#include <gtest/gtest.h>

#include <cstdlib>

TEST(Broken, Fails) {
  EXPECT_EQ(1 + 1, 3) << "arithmetic is broken";
}

TEST(Broken, Aborts) {
  std::abort();
}
