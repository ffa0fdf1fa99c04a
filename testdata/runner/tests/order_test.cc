#include <gtest/gtest.h>

#include <cstdlib>

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

// Aborts when TIA_RUNNER_CRASH is set: the runner must name the case that was running.
TEST(Order, Fifth) {
  if (std::getenv("TIA_RUNNER_CRASH")) std::abort();
}
