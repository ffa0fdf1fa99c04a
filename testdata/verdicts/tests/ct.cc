// Catch2 v2 cases run by several CTest tests with their own test specs and properties.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <iostream>

#include "geometry.h"

TEST_CASE("area of a square", "[area]") {
  REQUIRE(geometry::Area(3, 3) == 9);
}

TEST_CASE("area of a rectangle", "[area][rect]") {
  REQUIRE(geometry::Area(2, 5) == 10);
}

TEST_CASE("perimeter of a square", "[perimeter]") {
  REQUIRE(geometry::Perimeter(3, 3) == 12);
}

// Hidden: only a spec that names it runs it.
TEST_CASE("diagonal of a square", "[.][diagonal]") {
  REQUIRE(geometry::Diagonal2(3, 4) == 25);
}

// No assertion: fails under -w NoAssertions.
TEST_CASE("empty case") {}

// Prints a line of its own (Catch2's XML reporter captures it).
TEST_CASE("prints a warning", "[print]") {
  std::cout << "careful: low battery" << std::endl;
  REQUIRE(geometry::Area(1, 1) == 1);
}

// Catch2 lists a name that starts with '#' in quotes.
TEST_CASE("#42 a name that starts with a hash", "[hash]") {
  REQUIRE(geometry::Area(2, 2) == 4);
}
