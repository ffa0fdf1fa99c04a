// tia:build !linux

#include <gtest/gtest.h>

TEST(NotLinux, Works) {
  SUCCEED();
}
