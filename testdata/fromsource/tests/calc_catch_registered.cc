// Catch2 cases tia cannot name: a method registered with METHOD_AS_TEST_CASE, a function
// registered with REGISTER_TEST_CASE, an anonymous TEST_CASE (the program calls it
// "Anonymous test case N"); a change they reach runs the whole program. And a
// TEMPLATE_TEST_CASE: one case per type, named as the program names it ("square - int",
// "square - unsigned int"; a type with a comma comes in parentheses and names its case
// without them); TEMPLATE_PRODUCT_TEST_CASE: one per template and argument ("cells -
// Cell<int>", "cells - std::vector<long>"); TEMPLATE_LIST_TEST_CASE: one per type of the
// list, by position ("listed - Listed - 1").
#include <tuple>
#include <utility>
#include <vector>

#include "catch.hpp"

#include "calc.h"

namespace {

class Subtraction {
 public:
  void Run() { REQUIRE(calc::Sub(3, 1) == 2); }
};

void TwiceRegistered() {
  REQUIRE(calc::Twice(2) == 4);
}

}  // namespace

METHOD_AS_TEST_CASE(Subtraction::Run, "subtracts")

REGISTER_TEST_CASE(TwiceRegistered, "twice");

TEST_CASE() {
  REQUIRE(calc::Zero() == 0);
}

// The blanks inside "unsigned   int" are what the test is about.
// clang-format off
TEMPLATE_TEST_CASE("square", "", int, long, unsigned   int) {
  // clang-format on
  REQUIRE(calc::Square(3) == TestType(9));
}

template <class T>
struct Cell {
  T value{};
};

TEMPLATE_PRODUCT_TEST_CASE("cells", "", (Cell, std::vector), (int, long)) {
  TestType cell{};
  (void)cell;
  REQUIRE(calc::Square(2) == 4);
}

TEMPLATE_TEST_CASE("pairs", "", (std::pair<int, long>)) {
  REQUIRE(calc::Square(1) == TestType(1, 1).first);
}

using Listed = std::tuple<int, long>;

TEMPLATE_LIST_TEST_CASE("listed", "", Listed) {
  REQUIRE(calc::Square(3) == TestType(9));
}
