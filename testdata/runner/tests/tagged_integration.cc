// Runs only with --tags integration.
// tia:build integration

#include <gtest/gtest.h>

TEST(Integration, Works) {
  SUCCEED();
}
