// doctest cases in one executable, run as a single CTest test.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "calc.h"

TEST_CASE("doctest adds") {
  CHECK(calc::Add(2, 3) == 5);
}

TEST_CASE("doctest multiplies, too") {
  CHECK(calc::Mul(2, 3) == 6);
}

TEST_CASE("doctest is plain") {
  CHECK(1 + 1 == 2);
}
