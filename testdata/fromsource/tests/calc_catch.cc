// Catch2 v2's single header, compiled into this TU with its main, and a listener.
#define CATCH_CONFIG_MAIN
#include "catch.hpp"

#include "calc.h"

namespace {

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
