#include <gtest/gtest.h>

#include "calc.h"

TEST(Calc, Add) {
  EXPECT_EQ(calc::Add(2, 3), 5);
}

TEST(Calc, Mul) {
  EXPECT_EQ(calc::Mul(2, 3), 6);
}

TEST(Calc, Skipped) {
  GTEST_SKIP() << "not ready";
}

TEST(Calc, DISABLED_Later) {
  FAIL() << "disabled cases do not run";
}
