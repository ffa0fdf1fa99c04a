#include <gtest/gtest.h>

#include "calc.h"

TEST(Plain, Runs) {
  EXPECT_EQ(calc::Add(1, 1), 2);
}
