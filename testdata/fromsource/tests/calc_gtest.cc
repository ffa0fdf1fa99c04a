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

// Parameterized and typed cases: the program names their instances.
class AddParamTest : public ::testing::TestWithParam<int> {};

TEST_P(AddParamTest, Commutes) {
  EXPECT_EQ(calc::Add(GetParam(), 1), calc::Add(1, GetParam()));
}

INSTANTIATE_TEST_SUITE_P(Small, AddParamTest, ::testing::Values(1, 2));

template <typename T>
class TypedAddTest : public ::testing::Test {};

using AddTypes = ::testing::Types<int, long>;
TYPED_TEST_SUITE(TypedAddTest, AddTypes);

TYPED_TEST(TypedAddTest, Identity) {
  EXPECT_EQ(calc::Add(static_cast<int>(TypeParam(3)), 0), 3);
}
