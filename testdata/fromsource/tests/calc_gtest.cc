// GoogleTest cases run by gtest_main (built from source).
#include <gtest/gtest.h>

#include "calc.h"

TEST(CalcTest, Add) {
  EXPECT_EQ(calc::Add(2, 3), 5);
}

TEST(CalcTest, Mul) {
  EXPECT_EQ(calc::Mul(2, 3), 6);
}

TEST(CalcTest, Neg) {
  EXPECT_EQ(calc::Neg(2), -2);
}
