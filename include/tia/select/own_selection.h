// What a CTest test's own command line asks its test framework to run: the framework's
// default set of cases, a subset picked by a filter or test spec (GoogleTest
// --gtest_filter or GTEST_FILTER, Catch2 test specs, doctest -tc=/-ts=/...), or no case at
// all (listing and help modes). tia evaluates a subset against the indexed cases, so that
// a test whose own selection cannot include an affected case is not selected, and it
// narrows only tests whose command runs the default set.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tia/graph/code_graph.h"

namespace tia {

// What the source says about a Catch2 or doctest case that the index does not keep.
struct CaseSource {
  bool known = false;             // the TEST_CASE call was read and holds only literals
  std::vector<std::string> tags;  // Catch2 tags, lowercased as Catch2 matches them
  bool hidden = false;            // Catch2 `[.]`, `[.x]`, `[!hide]`, `[!benchmark]`
  std::string suite;              // doctest TEST_SUITE around the case ("" outside any)
  bool decorated = false;         // doctest decorators (`* doctest::skip()`, ...)
};

// Reads the TEST_CASE / TEST_CASE_METHOD / SCENARIO call of case `c` (its line) in the
// source `text`, and for doctest the TEST_SUITE blocks and TEST_SUITE_BEGIN/END around it.
// `known` is false when the call cannot be read (a name or tags built by macros).
CaseSource ReadCaseSource(std::string_view text, const GraphTestCase& c);

// The case selection of a test's command line.
class OwnSelection {
 public:
  enum class Kind {
    kDefault,  // the framework's default set of cases
    kSubset,   // a filter or test spec picks cases
    kListing,  // lists cases, tags or reporters, or prints help: runs no case
  };

  // Reads the arguments (the command without its executable) and the CTest ENVIRONMENT of
  // a program whose cases are of `framework` ("gtest", "catch2", "doctest"; "" unknown).
  static OwnSelection Parse(const std::string& framework, const std::vector<std::string>& args,
                            const std::vector<std::string>& env);

  // A command tia cannot read (the program runs through a wrapper that passes arguments
  // of its own): it may run any case, hidden ones included.
  static OwnSelection Unreadable(const std::string& framework, const std::string& why);

  Kind kind() const { return kind_; }
  // True when tia may add its own case selection and report arguments without changing
  // what else the command does: GoogleTest flags tia knows (a filter included; no
  // --gtest_repeat or --gtest_flagfile) plus the program's own arguments; Catch2 and
  // doctest programs whose arguments only set the order of cases and the random seed
  // (`--order rand --rng-seed time`, `-ob=rand -rs=7`).
  bool plain() const { return plain_; }
  // The arguments that select or list, as written ("--gtest_filter=A.*", "[fast]").
  const std::string& text() const { return text_; }
  // The filter GoogleTest applies (command line over GTEST_FILTER), empty when none.
  const std::string& gtest_filter() const { return gtest_filter_; }
  // GoogleTest runs DISABLED_ cases too (--gtest_also_run_disabled_tests).
  bool also_run_disabled() const { return also_run_disabled_; }

  // False only when the command certainly does not run case `c` (`src`: what its source
  // says, null when unknown). Listing commands run no case.
  bool MayRun(const GraphTestCase& c, const CaseSource* src) const;

 private:
  // Catch2: one pattern of a filter (a name with `*` at either end, or a tag).
  struct CatchPattern {
    bool tag = false;
    bool exclude = false;
    std::string text;  // lowercased
  };
  bool CatchMayRun(const GraphTestCase& c, const CaseSource* src) const;
  bool DoctestMayRun(const GraphTestCase& c, const CaseSource* src) const;

  Kind kind_ = Kind::kDefault;
  bool plain_ = true;
  std::string text_;
  std::string framework_;
  bool unknown_subset_ = false;  // selects by something tia cannot evaluate (e.g. -f FILE)
  // GoogleTest
  std::string gtest_filter_;
  bool also_run_disabled_ = false;
  // Catch2: filters are OR-ed, the patterns of a filter AND-ed.
  std::vector<std::vector<CatchPattern>> catch_filters_;
  bool catch_file_tags_ = false;  // -#: file names as tags
  // doctest: test-case, test-case-exclude, test-suite, test-suite-exclude, source-file,
  // source-file-exclude.
  std::vector<std::string> dt_tc_, dt_tce_, dt_ts_, dt_tse_, dt_sf_, dt_sfe_;
  bool dt_case_sensitive_ = false;
};

}  // namespace tia
