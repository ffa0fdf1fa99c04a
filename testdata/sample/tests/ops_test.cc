// Value-parameterized tests of the operation table (the parameter is the op index).
#include <gtest/gtest.h>

#include "geometry/ops.h"

namespace {

class OpsTest : public ::testing::TestWithParam<int> {};

TEST_P(OpsTest, Apply) {
  const int expected[geometry::kOpCount] = {5, 6};  // add(2, 3), mul(2, 3)
  EXPECT_EQ(geometry::ApplyOp(GetParam(), 2, 3), expected[GetParam()]);
}

INSTANTIATE_TEST_SUITE_P(AllOps, OpsTest, ::testing::Values(0, 1));

}  // namespace
