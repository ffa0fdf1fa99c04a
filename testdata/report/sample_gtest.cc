// A small GoogleTest program with every outcome the report parsers must understand.
#include <gtest/gtest.h>

#include <cstdio>

TEST(Math, Add) {
  EXPECT_EQ(2 + 2, 4);
}

TEST(Math, Fails) {
  std::printf("about to fail <&>\n");
  EXPECT_EQ(2 + 2, 5) << "arithmetic is broken";
}

TEST(Math, Skips) {
  GTEST_SKIP() << "needs a GPU";
}

TEST(Math, DISABLED_Slow) {
  EXPECT_TRUE(true);
}

template <typename T>
class Ty : public ::testing::Test {};
using Types = ::testing::Types<int, char>;
TYPED_TEST_SUITE(Ty, Types);
TYPED_TEST(Ty, Zero) {
  EXPECT_EQ(TypeParam(0), TypeParam());
}

class Evens : public ::testing::TestWithParam<int> {};
TEST_P(Evens, Even) {
  EXPECT_EQ(GetParam() % 2, 0);
}
INSTANTIATE_TEST_SUITE_P(Small, Evens, ::testing::Values(2, 4, 5));
