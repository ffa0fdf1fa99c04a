// Joins the build model (targets, CTest tests) with the code graph (files, test cases):
// which files each test executable compiles and links, which cases it holds, and which
// cases each CTest test runs.
#pragma once

#include <string>
#include <vector>

#include "tia/buildmodel/build_model.h"
#include "tia/graph/code_graph.h"
#include "tia/select/own_selection.h"

namespace tia {

// A test executable: a CMake executable target that some CTest test runs.
struct TestExecutable {
  std::string target;
  std::string artifact;
  // files_in[f] is true when graph file f is read by a TU linked into the executable.
  std::vector<char> files_in;
  std::vector<size_t> cases;  // indexes into CodeGraph::test_cases()
  // A compiled source of the link closure that no indexed TU has as its main file (not in
  // the compile database, or paths that do not match): tia cannot see all the code the
  // executable runs, so its tests are selected on any change.
  std::string unindexed_source;
  bool unindexed_failed = false;  // unindexed_source has TUs, but every one failed
  bool HasFile(uint32_t f) const { return f < files_in.size() && files_in[f]; }
};

// One CTest test and what tia knows of it.
struct TestEntry {
  CTestTest ctest;
  int exe = -1;  // index into TestModel::executables(); -1: tia cannot see what it runs
  // Cases the test may run: those its own selection (a --gtest_filter, a Catch2 test spec,
  // doctest -tc=/-ts=, ...) does not exclude; none for a listing command.
  std::vector<size_t> cases;
  // What the command's own arguments select (the default set, a subset, or a listing).
  OwnSelection own;
  // True when the test runs exactly one case (gtest_discover_tests style).
  bool single_case = false;
  // False when tia cannot tell which cases the test runs (no indexed cases in the
  // executable, or a discovered name it did not index): the test then depends on
  // everything linked into its executable.
  bool cases_known = true;
};

class TestModel {
 public:
  // Builds the model. Nothing here can fail: what tia cannot tell (a test it cannot relate
  // to a target, a test source it cannot read) is recorded as unknown, which selects more.
  void Build(const BuildModel& build, const CodeGraph& graph);

  const std::vector<TestExecutable>& executables() const { return exes_; }
  const std::vector<TestEntry>& tests() const { return tests_; }
  // What the source says about Catch2/doctest case `c` (an index into
  // CodeGraph::test_cases()), null for other cases.
  const CaseSource* Source(size_t c) const {
    return c < sources_.size() && sources_[c].framework_read ? &sources_[c].source : nullptr;
  }

  // The GoogleTest full-name pattern selecting case `c` ("S.N", "*/S.N/*" for TEST_P, ...).
  static std::string GtestPattern(const GraphTestCase& c);
  // The display name of a case ("Suite.Name"; the name alone for Catch2/doctest).
  static std::string CaseName(const GraphTestCase& c);
  // The name a Catch2 program gives case `c` of test `t` when the source names it not:
  // "Anonymous test case 1" for the program's only TEST_CASE() without a name (Catch2
  // counts them over the program in registration order, which tia does not know when
  // there are several); empty otherwise.
  static std::string AnonymousName(const CodeGraph& g, const TestEntry& t, size_t c);
  // True when `full`, a name a GoogleTest program lists or accepts ("AllOps/OpsTest.Apply/0",
  // "StatsTest/0.Mean"), is an instance of case `c`.
  static bool ListedNameIsCase(std::string_view full, const GraphTestCase& c);
  // True when a GoogleTest filter ("A.*:B.c-C.d") may run case `c`.
  static bool FilterMayRun(const std::string& filter, const GraphTestCase& c);

 private:
  struct SourceSlot {
    bool framework_read = false;
    CaseSource source;
  };
  std::vector<TestExecutable> exes_;
  std::vector<TestEntry> tests_;
  std::vector<SourceSlot> sources_;
};

}  // namespace tia
