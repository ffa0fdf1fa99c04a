// doctest cases in test suites, run by several CTest tests with their own filters.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "geometry.h"

TEST_SUITE("area") {
  TEST_CASE("square area") {
    CHECK(geometry::Area(3, 3) == 9);
  }
  TEST_CASE("rect area") {
    CHECK(geometry::Area(2, 5) == 10);
  }
}

TEST_SUITE("perimeter") {
  TEST_CASE("square perimeter") {
    CHECK(geometry::Perimeter(3, 3) == 12);
  }
}

TEST_CASE("outside any suite") {
  CHECK(1 + 1 == 2);
}
