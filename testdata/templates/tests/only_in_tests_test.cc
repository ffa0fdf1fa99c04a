// Instantiates a header template that no library TU instantiates.
#include <gtest/gtest.h>

#include "idioms/only_in_tests.h"

namespace {

TEST(OnlyInTests, WeighsParcel) {
  EXPECT_EQ(idioms::Weigh(idioms::Parcel{}), 16);
}

}  // namespace
