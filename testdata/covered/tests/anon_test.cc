// Catch2 v2: a TEST_CASE without a name, which the program calls "Anonymous test case 1"
// (it is the program's only one), beside a named case.
#include <catch2/catch.hpp>

#include "banner.h"

TEST_CASE() {
  REQUIRE(Banner() == "covered 1.0");
}

TEST_CASE("adds") {
  REQUIRE(1 + 1 == 2);
}
