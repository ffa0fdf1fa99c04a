#include <gtest/gtest.h>

// Order.Second passes only when Order.First ran before it in the same process.
static bool first_ran = false;

TEST(Order, First) {
  first_ran = true;
}

TEST(Order, Second) {
  EXPECT_TRUE(first_ran) << "Order.First did not run before";
}

TEST(Order, Third) {}

TEST(Order, Fourth) {}
