// doctest's single header, compiled into this TU with its main, and a listener.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "doctest.h"

#include "calc.h"

namespace {

struct JournalListener : doctest::IReporter {
  explicit JournalListener(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_start(const doctest::TestCaseData&) override { calc::Journal::Record("case"); }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};

}  // namespace

REGISTER_LISTENER("journal", 1, JournalListener);

TEST_CASE("add") {
  CHECK(calc::Add(2, 3) == 5);
}

TEST_CASE("mul") {
  CHECK(calc::Mul(2, 3) == 6);
  CHECK(doctest::String("six") == doctest::Contains("ix"));
}

TEST_CASE("journal sees every case") {
  CHECK(calc::Journal::Entries() >= 1);
}

TEST_CASE("points differ") {
  CHECK(calc::Point{1, 2} != calc::Point{2, 1});
}
