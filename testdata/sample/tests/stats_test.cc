// Typed tests of Stats<T>, and the one test that uses Stats<int>::Max.
#include <gtest/gtest.h>

#include "geometry/stats.h"

namespace {

template <typename T>
class StatsTest : public ::testing::Test {};

using StatsTypes = ::testing::Types<int, double>;
TYPED_TEST_SUITE(StatsTest, StatsTypes);

TYPED_TEST(StatsTest, Mean) {
  geometry::Stats<TypeParam> stats;
  stats.Add(TypeParam(2));
  stats.Add(TypeParam(4));
  EXPECT_DOUBLE_EQ(stats.Mean(), 3.0);
}

TEST(StatsIntTest, Max) {
  geometry::Stats<int> stats;
  stats.Add(3);
  stats.Add(7);
  stats.Add(5);
  EXPECT_EQ(stats.Max(), 7);
}

}  // namespace
