// A test command's own case selection: GoogleTest filters and listing flags, Catch2 v2
// test specs (names, tags, wildcards, exclusions, alternatives, hidden cases) and doctest
// filters, evaluated against indexed cases the way each framework would; and what a test
// source says about its Catch2/doctest cases (tags, suites). The framework behaviour these
// rules copy is checked against the real programs in tests/run (own_selection cases of
// testdata/verdicts).
#include <gtest/gtest.h>

#include "tia/select/own_selection.h"

namespace tia {
namespace {

using Kind = OwnSelection::Kind;

GraphTestCase Case(const std::string& framework, const std::string& suite, const std::string& name,
                   const std::string& macro = "TEST") {
  GraphTestCase c;
  c.framework = framework;
  c.suite = suite;
  c.name = name;
  c.macro = framework == "gtest" ? macro : "TEST_CASE";
  return c;
}

CaseSource Tags(std::vector<std::string> tags, bool hidden = false) {
  CaseSource s;
  s.known = true;
  s.tags = std::move(tags);
  s.hidden = hidden;
  if (hidden) s.tags.insert(s.tags.end(), {".", "!hide"});
  return s;
}

TEST(OwnSelection, GtestFilterLastOneWinsOverEnvironment) {
  OwnSelection s = OwnSelection::Parse(
      "gtest", {"--gtest_filter=A.*", "--gtest_color=no", "--gtest_filter=B.*"}, {});
  EXPECT_EQ(s.kind(), Kind::kSubset);
  EXPECT_TRUE(s.plain());
  EXPECT_EQ(s.gtest_filter(), "B.*");
  EXPECT_FALSE(s.MayRun(Case("gtest", "A", "x"), nullptr));
  EXPECT_TRUE(s.MayRun(Case("gtest", "B", "x"), nullptr));

  OwnSelection e = OwnSelection::Parse("gtest", {}, {"GTEST_FILTER=Fast.*-Fast.Slow"});
  EXPECT_EQ(e.kind(), Kind::kSubset);
  EXPECT_TRUE(e.MayRun(Case("gtest", "Fast", "One"), nullptr));
  EXPECT_FALSE(e.MayRun(Case("gtest", "Fast", "Slow"), nullptr));
  EXPECT_FALSE(e.MayRun(Case("gtest", "Other", "One"), nullptr));
  // The command line beats the environment.
  OwnSelection both = OwnSelection::Parse("gtest", {"--gtest_filter=Other.*"}, {"GTEST_FILTER=X"});
  EXPECT_TRUE(both.MayRun(Case("gtest", "Other", "One"), nullptr));
}

TEST(OwnSelection, GtestDefaultListingHelpAndFlagsTiaCannotCombine) {
  OwnSelection d = OwnSelection::Parse("gtest", {"--gtest_color=no", "data/dir"}, {});
  EXPECT_EQ(d.kind(), Kind::kDefault);
  EXPECT_TRUE(d.plain());
  EXPECT_TRUE(d.MayRun(Case("gtest", "A", "b"), nullptr));

  for (const char* listing :
       {"--gtest_list_tests", "--gtest_list_tests=1", "--help", "-h", "--gtest_no_such_flag"}) {
    OwnSelection l = OwnSelection::Parse("gtest", {listing}, {});
    EXPECT_EQ(l.kind(), Kind::kListing) << listing;
    EXPECT_FALSE(l.MayRun(Case("gtest", "A", "b"), nullptr)) << listing;
  }
  EXPECT_EQ(OwnSelection::Parse("gtest", {"--gtest_list_tests=0"}, {}).kind(), Kind::kDefault);

  OwnSelection r = OwnSelection::Parse("gtest", {"--gtest_repeat=3"}, {});
  EXPECT_EQ(r.kind(), Kind::kDefault);
  EXPECT_FALSE(r.plain());
  OwnSelection f = OwnSelection::Parse("gtest", {"--gtest_flagfile=flags.txt"}, {});
  EXPECT_EQ(f.kind(), Kind::kSubset);
  EXPECT_TRUE(f.MayRun(Case("gtest", "Any", "thing"), nullptr));
}

TEST(OwnSelection, CatchNamesWildcardsAreCaseInsensitiveAndOnlyAtTheEnds) {
  GraphTestCase adds = Case("catch2", "", "Calc adds numbers");
  GraphTestCase muls = Case("catch2", "", "Calc multiplies");
  CaseSource none = Tags({});
  OwnSelection exact = OwnSelection::Parse("catch2", {"calc ADDS numbers"}, {});
  EXPECT_EQ(exact.kind(), Kind::kSubset);
  EXPECT_FALSE(exact.plain());
  EXPECT_TRUE(exact.MayRun(adds, &none));
  EXPECT_FALSE(exact.MayRun(muls, &none));

  OwnSelection prefix = OwnSelection::Parse("catch2", {"Calc*"}, {});
  EXPECT_TRUE(prefix.MayRun(adds, &none));
  EXPECT_TRUE(prefix.MayRun(muls, &none));
  OwnSelection suffix = OwnSelection::Parse("catch2", {"*numbers"}, {});
  EXPECT_TRUE(suffix.MayRun(adds, &none));
  EXPECT_FALSE(suffix.MayRun(muls, &none));
  OwnSelection inner = OwnSelection::Parse("catch2", {"*adds*"}, {});
  EXPECT_TRUE(inner.MayRun(adds, &none));
  // A '*' inside a name is an ordinary character for Catch2.
  OwnSelection middle = OwnSelection::Parse("catch2", {"Calc*numbers"}, {});
  EXPECT_FALSE(middle.MayRun(adds, &none));
}

TEST(OwnSelection, CatchTagsExclusionsAndAlternatives) {
  GraphTestCase fast = Case("catch2", "", "fast one");
  GraphTestCase slow = Case("catch2", "", "slow one");
  GraphTestCase plain = Case("catch2", "", "plain one");
  CaseSource fast_tags = Tags({"fast", "calc"}), slow_tags = Tags({"slow", "calc"}),
             no_tags = Tags({});
  OwnSelection tag = OwnSelection::Parse("catch2", {"[FAST]"}, {});
  EXPECT_TRUE(tag.MayRun(fast, &fast_tags));
  EXPECT_FALSE(tag.MayRun(slow, &slow_tags));
  // Juxtaposed patterns must all match; ',' separates alternatives.
  OwnSelection both = OwnSelection::Parse("catch2", {"[calc][slow]"}, {});
  EXPECT_FALSE(both.MayRun(fast, &fast_tags));
  EXPECT_TRUE(both.MayRun(slow, &slow_tags));
  OwnSelection either = OwnSelection::Parse("catch2", {"[fast],plain one"}, {});
  EXPECT_TRUE(either.MayRun(fast, &fast_tags));
  EXPECT_TRUE(either.MayRun(plain, &no_tags));
  EXPECT_FALSE(either.MayRun(slow, &slow_tags));
  // Separate arguments join the same filter (Catch2 2.13): both must match.
  OwnSelection two_args = OwnSelection::Parse("catch2", {"[calc]", "~[slow]"}, {});
  EXPECT_TRUE(two_args.MayRun(fast, &fast_tags));
  EXPECT_FALSE(two_args.MayRun(slow, &slow_tags));
  EXPECT_FALSE(two_args.MayRun(plain, &no_tags));
  OwnSelection excl = OwnSelection::Parse("catch2", {"exclude:slow one"}, {});
  EXPECT_TRUE(excl.MayRun(fast, &fast_tags));
  EXPECT_FALSE(excl.MayRun(slow, &slow_tags));
  // Quoted names and escaped commas.
  GraphTestCase comma = Case("catch2", "", "a, b");
  OwnSelection escaped = OwnSelection::Parse("catch2", {"a\\, b"}, {});
  EXPECT_TRUE(escaped.MayRun(comma, &no_tags));
  OwnSelection quoted = OwnSelection::Parse("catch2", {"\"plain one\""}, {});
  EXPECT_TRUE(quoted.MayRun(plain, &no_tags));
  EXPECT_FALSE(quoted.MayRun(fast, &fast_tags));
  // Unknown tags never exclude.
  EXPECT_TRUE(tag.MayRun(slow, nullptr));
  EXPECT_TRUE(OwnSelection::Parse("catch2", {"~[fast]"}, {}).MayRun(fast, nullptr));
  // Options and their values are not specs; -f reads names from a file tia cannot see.
  OwnSelection opts =
      OwnSelection::Parse("catch2", {"-r", "xml", "-w", "NoAssertions", "[fast]"}, {});
  EXPECT_TRUE(opts.MayRun(fast, &fast_tags));
  EXPECT_FALSE(opts.MayRun(slow, &slow_tags));
  EXPECT_TRUE(OwnSelection::Parse("catch2", {"-f", "names.txt"}, {}).MayRun(slow, &slow_tags));
}

TEST(OwnSelection, CatchHiddenCasesRunOnlyWhenASpecMatchesThem) {
  GraphTestCase hidden = Case("catch2", "", "benchmarks");
  CaseSource hidden_tags = Tags({"perf"}, true);
  OwnSelection none = OwnSelection::Parse("catch2", {}, {});
  EXPECT_EQ(none.kind(), Kind::kDefault);
  EXPECT_TRUE(none.plain());
  EXPECT_FALSE(none.MayRun(hidden, &hidden_tags));
  EXPECT_TRUE(none.MayRun(hidden, nullptr));  // tags unknown: it may run
  EXPECT_TRUE(OwnSelection::Parse("catch2", {"[perf]"}, {}).MayRun(hidden, &hidden_tags));
  EXPECT_TRUE(OwnSelection::Parse("catch2", {"[.]"}, {}).MayRun(hidden, &hidden_tags));
  // Catch2 2.13 lets an exclusion-only spec match hidden cases too.
  EXPECT_TRUE(OwnSelection::Parse("catch2", {"~[slow]"}, {}).MayRun(hidden, &hidden_tags));
}

TEST(OwnSelection, CatchListingModes) {
  for (const char* l : {"--list-tests", "-l", "--list-tags", "-t", "--list-test-names-only",
                        "--list-reporters", "--help"}) {
    OwnSelection s = OwnSelection::Parse("catch2", {"[fast]", l}, {});
    EXPECT_EQ(s.kind(), Kind::kListing) << l;
    EXPECT_FALSE(s.MayRun(Case("catch2", "", "x"), nullptr)) << l;
  }
}

TEST(OwnSelection, CatchV3ValuedOptionsAndUnknownOptions) {
  GraphTestCase adds = Case("catch2", "", "adds");
  GraphTestCase hidden = Case("catch2", "", "slow");
  CaseSource none = Tags({});
  CaseSource hidden_tags = Tags({"perf"}, true);
  // Catch2 v3's valued options take the next argument: "none" is no test spec.
  OwnSelection colour =
      OwnSelection::Parse("catch2", {"--colour-mode", "none", "--shard-count", "1"}, {});
  EXPECT_EQ(colour.kind(), Kind::kDefault);
  EXPECT_TRUE(colour.MayRun(adds, &none));
  EXPECT_FALSE(colour.MayRun(hidden, &hidden_tags));
  // Flags without a value leave the next argument a test spec.
  OwnSelection flag = OwnSelection::Parse("catch2", {"--success", "adds"}, {});
  EXPECT_EQ(flag.kind(), Kind::kSubset);
  EXPECT_TRUE(flag.MayRun(adds, &none));
  EXPECT_FALSE(flag.MayRun(hidden, &hidden_tags));
  // An option tia does not know may take the next argument or not: any case may run.
  OwnSelection unknown = OwnSelection::Parse("catch2", {"--future-option", "adds"}, {});
  EXPECT_EQ(unknown.kind(), Kind::kSubset);
  EXPECT_TRUE(unknown.MayRun(hidden, &hidden_tags));
  EXPECT_FALSE(unknown.plain());
  EXPECT_EQ(OwnSelection::Parse("catch2", {"--list-listeners"}, {}).kind(), Kind::kListing);
}

TEST(OwnSelection, UnreadableCommandMayRunAnyCaseAndTakesNoFilter) {
  OwnSelection u = OwnSelection::Unreadable("gtest", "run through valgrind");
  EXPECT_EQ(u.kind(), Kind::kSubset);
  EXPECT_FALSE(u.plain());
  EXPECT_EQ(u.gtest_filter(), "");
  EXPECT_TRUE(u.MayRun(Case("gtest", "Any", "thing"), nullptr));
  CaseSource hidden_tags = Tags({"perf"}, true);
  EXPECT_TRUE(OwnSelection::Unreadable("catch2", "run through sh")
                  .MayRun(Case("catch2", "", "slow"), &hidden_tags));
}

TEST(OwnSelection, DoctestFiltersLastOccurrenceAndSuites) {
  GraphTestCase a = Case("doctest", "", "Parser reads");
  GraphTestCase b = Case("doctest", "", "Printer writes");
  CaseSource io;
  io.known = true;
  io.suite = "io";
  CaseSource core;
  core.known = true;
  core.suite = "core";
  OwnSelection tc = OwnSelection::Parse("doctest", {"-tc=parser*"}, {});
  EXPECT_EQ(tc.kind(), Kind::kSubset);
  EXPECT_TRUE(tc.MayRun(a, &core));
  EXPECT_FALSE(tc.MayRun(b, &core));
  // The last -tc= counts; --test-case= adds to it; --dt- prefixes are the same options.
  OwnSelection last = OwnSelection::Parse("doctest", {"-tc=Parser*", "--dt-tc=Printer*"}, {});
  EXPECT_FALSE(last.MayRun(a, &core));
  EXPECT_TRUE(last.MayRun(b, &core));
  OwnSelection added = OwnSelection::Parse("doctest", {"-tc=Parser*", "--test-case=Printer*"}, {});
  EXPECT_TRUE(added.MayRun(a, &core));
  EXPECT_TRUE(added.MayRun(b, &core));
  OwnSelection excl = OwnSelection::Parse("doctest", {"-tce=*writes"}, {});
  EXPECT_TRUE(excl.MayRun(a, &core));
  EXPECT_FALSE(excl.MayRun(b, &core));
  OwnSelection cs = OwnSelection::Parse("doctest", {"-tc=parser*", "-cs"}, {});
  EXPECT_FALSE(cs.MayRun(a, &core));
  OwnSelection ts = OwnSelection::Parse("doctest", {"-ts=io"}, {});
  EXPECT_TRUE(ts.MayRun(a, &io));
  EXPECT_FALSE(ts.MayRun(b, &core));
  EXPECT_TRUE(ts.MayRun(b, nullptr));  // suite unknown
  OwnSelection tse = OwnSelection::Parse("doctest", {"-tse=io"}, {});
  EXPECT_FALSE(tse.MayRun(a, &io));
  EXPECT_TRUE(tse.MayRun(b, &core));
  for (const char* l :
       {"-ltc", "--list-test-cases", "-lts", "--dt-list-test-suites", "-c", "-h", "-nr"}) {
    EXPECT_EQ(OwnSelection::Parse("doctest", {l}, {}).kind(), Kind::kListing) << l;
  }
  EXPECT_EQ(OwnSelection::Parse("doctest", {"-s", "-d"}, {}).kind(), Kind::kDefault);
  EXPECT_FALSE(OwnSelection::Parse("doctest", {"-s"}, {}).plain());
}

// The order cases run in and the random seed leave a command plain: tia keeps them and
// adds its case selection. Anything else (a reporter, a warning, a spec) does not.
TEST(OwnSelection, OrderAndSeedKeepACommandPlain) {
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"--order", "rand", "--rng-seed", "time"}, {"--order=lex"}, {"--rng-seed:7"}}) {
    OwnSelection s = OwnSelection::Parse("catch2", args, {});
    EXPECT_TRUE(s.plain()) << args[0];
    EXPECT_EQ(s.kind(), Kind::kDefault) << args[0];
  }
  EXPECT_FALSE(OwnSelection::Parse("catch2", {"--order", "rand", "-s"}, {}).plain());
  EXPECT_FALSE(OwnSelection::Parse("catch2", {"--rng-seed", "7", "[fast]"}, {}).plain());
  EXPECT_FALSE(OwnSelection::Parse("catch2", {"-w", "NoAssertions"}, {}).plain());
  EXPECT_TRUE(OwnSelection::Parse("doctest", {"-ob=rand", "--rand-seed=7"}, {}).plain());
  EXPECT_TRUE(OwnSelection::Parse("doctest", {"--dt-order-by=name"}, {}).plain());
  EXPECT_FALSE(OwnSelection::Parse("doctest", {"-ob=rand", "-s"}, {}).plain());
  EXPECT_FALSE(OwnSelection::Parse("doctest", {"-ob"}, {}).plain());
}

TEST(ReadCaseSource, CatchTagsAndHiddenCases) {
  const char* text =
      "#include <catch2/catch.hpp>\n"
      "TEST_CASE(\"fast one\", \"[Fast][calc]\") {}\n"
      "TEST_CASE(\"hidden one\", \"[.perf]\") {}\n"
      "TEST_CASE_METHOD(Fixture, \"with fixture\",\n"
      "                 \"[fx]\") {}\n"
      "SCENARIO(\"adds\") {}\n"
      "#define TAGS \"[m]\"\n"
      "TEST_CASE(\"macro tags\", TAGS) {}\n"
      "TEST_CASE(\"no tags\") {}\n";
  GraphTestCase c = Case("catch2", "", "fast one");
  c.line = 2;
  CaseSource s = ReadCaseSource(text, c);
  EXPECT_TRUE(s.known);
  EXPECT_EQ(s.tags, (std::vector<std::string>{"fast", "calc"}));
  EXPECT_FALSE(s.hidden);
  c.name = "hidden one";
  c.line = 3;
  s = ReadCaseSource(text, c);
  EXPECT_TRUE(s.known && s.hidden);
  EXPECT_EQ(s.tags, (std::vector<std::string>{"perf", ".", "!hide"}));
  c.name = "with fixture";
  c.line = 4;
  s = ReadCaseSource(text, c);
  EXPECT_TRUE(s.known);
  EXPECT_EQ(s.tags, std::vector<std::string>{"fx"});
  c.name = "Scenario: adds";
  c.line = 6;
  EXPECT_TRUE(ReadCaseSource(text, c).known);
  c.name = "macro tags";
  c.line = 8;
  EXPECT_FALSE(ReadCaseSource(text, c).known);
  c.name = "no tags";
  c.line = 9;
  s = ReadCaseSource(text, c);
  EXPECT_TRUE(s.known);
  EXPECT_TRUE(s.tags.empty());
  // A line that holds another case (an index older than the file): unknown.
  c.line = 2;
  EXPECT_FALSE(ReadCaseSource(text, c).known);
}

TEST(ReadCaseSource, DoctestSuitesAndDecorators) {
  const char* text =
      "TEST_CASE(\"outside\") {}\n"
      "TEST_SUITE(\"io\") {\n"
      "  TEST_CASE(\"reads\") { if (1) { } }\n"
      "  TEST_CASE(\"skipped\" * doctest::skip()) {}\n"
      "}\n"
      "TEST_SUITE_BEGIN(\"core\");\n"
      "TEST_CASE(\"begun\") {}\n"
      "TEST_SUITE_END();\n"
      "TEST_CASE(\"after\") {}\n";
  auto at = [&](const char* name, int line) {
    GraphTestCase c = Case("doctest", "", name);
    c.line = line;
    return ReadCaseSource(text, c);
  };
  EXPECT_EQ(at("outside", 1).suite, "");
  CaseSource reads = at("reads", 3);
  EXPECT_TRUE(reads.known);
  EXPECT_EQ(reads.suite, "io");
  EXPECT_FALSE(reads.decorated);
  EXPECT_TRUE(at("\"skipped\"*doctest::skip()", 4).decorated);
  EXPECT_EQ(at("begun", 7).suite, "core");
  EXPECT_EQ(at("after", 9).suite, "");
}

}  // namespace
}  // namespace tia
