// Catch2 v2's single header, compiled into this TU with its main, and a listener.
#define CATCH_CONFIG_MAIN
#include "catch.hpp"

#include "calc.h"

namespace {

// A generator of the project's own: Catch2 calls next() through its base class.
class StepGenerator : public Catch::Generators::IGenerator<int> {
 public:
  int const& get() const override { return value_; }
  bool next() override {
    value_ = calc::Step(value_);
    return value_ < 3;
  }

 private:
  int value_ = 0;
};

struct JournalListener : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testCaseStarting(const Catch::TestCaseInfo&) override { calc::Journal::Record("case"); }
};

}  // namespace

CATCH_REGISTER_LISTENER(JournalListener)

TEST_CASE("add") {
  REQUIRE(calc::Add(2, 3) == 5);
}

TEST_CASE("neg") {
  REQUIRE(calc::Neg(2) == -2);
}

TEST_CASE("journal sees every case") {
  REQUIRE(calc::Journal::Entries() >= 1);
}

TEST_CASE("steps") {
  int v = GENERATE(Catch::Generators::GeneratorWrapper<int>(
      std::unique_ptr<Catch::Generators::IGenerator<int>>(new StepGenerator)));
  REQUIRE(v >= 0);
}

TEST_CASE("points differ") {
  REQUIRE(calc::Point{1, 2} != calc::Point{2, 1});
}

// A name with escaped quotes: the program names it `says "six"`.
TEST_CASE("says \"six\"") {
  REQUIRE(calc::Mul(2, 3) == 6);
}
