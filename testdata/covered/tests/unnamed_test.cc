// Catch2 v2: a function registered without a name before a TEST_CASE without one, and a
// named case. The program calls the first two "Anonymous test case 1" and "Anonymous test
// case 2"; the index knows only the TEST_CASEs as cases.
#include <catch2/catch.hpp>

#include "banner.h"

namespace {

void Registered() {
  REQUIRE(2 * 2 == 4);
}

}  // namespace

REGISTER_TEST_CASE(Registered, "");

TEST_CASE() {
  REQUIRE(Banner() == "covered 1.0");
}

TEST_CASE("doubles") {
  REQUIRE(2 + 2 == 4);
}
