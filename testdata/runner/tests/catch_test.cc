// Catch2 v2 cases in one executable, run as a single CTest test.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "calc.h"

TEST_CASE("catch adds", "[calc]") {
  REQUIRE(calc::Add(2, 3) == 5);
}

TEST_CASE("catch multiplies, in order [x]", "[calc]") {
  REQUIRE(calc::Mul(2, 3) == 6);
}

TEST_CASE("catch is plain") {
  CHECK(1 + 1 == 2);
}
