// GoogleTest cases over the sample code.
#include <gtest/gtest.h>

#include "callbacks.h"
#include "shapes.h"

TEST(ShapesTest, SquareArea) {
  geo::Square s(2);
  EXPECT_EQ(s.Area(), 4);
}

class CallbackFixture : public ::testing::Test {
 protected:
  int base_ = 1;
};

TEST_F(CallbackFixture, Dispatches) {
  EXPECT_EQ(Dispatch(0, base_), 2);
}

class ScaleParam : public ::testing::TestWithParam<int> {};

TEST_P(ScaleParam, Positive) {
  EXPECT_GT(geo::Scale(GetParam()), 0);
}

INSTANTIATE_TEST_SUITE_P(Small, ScaleParam, ::testing::Values(1, 2));

template <typename T>
class TypedBox : public ::testing::Test {};
using BoxTypes = ::testing::Types<geo::Box>;
TYPED_TEST_SUITE(TypedBox, BoxTypes);

TYPED_TEST(TypedBox, HasSize) {
  TypeParam b;
  EXPECT_EQ(geo::SizeOf(b), 3);
}

TEST(CallbacksTest, Lambda) {
  EXPECT_EQ(ApplyLambda(2), 4);
}
