// Narrowing a selection by recorded per-case coverage (`tia run --record-coverage`).
//
// A case that did not run a function, at the commit the coverage was recorded at, cannot
// observe a change made only inside that function's body: its run is the same up to the
// first call of changed code, and there is none. So, when the selection's base is the
// recorded commit, a function changed only inside its body (both versions have the same
// tokens up to the body's opening brace, with no constexpr, consteval, auto or decltype
// among them) selects the cases that ran it, and the cases nothing was recorded for that the
// code graph reaches. Every other change (types, variables, macros, signatures, added or
// removed functions, files) selects through the code graph as before.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "tia/graph/code_graph.h"
#include "tia/store/coverage.h"

namespace tia {

struct CoverageIndex {
  std::string commit;  // empty: no coverage
  // The commit the records hold for: the recorded one, or a later base whose changes since
  // (bodies of functions only) are taken off the records of the cases that ran them.
  std::string holds_at;
  std::vector<char> known;  // per node: the build's coverage notes describe it
  struct Case {
    std::string name;         // as the program names it; empty: the whole test
    std::vector<NodeId> ran;  // sorted
    bool recorded = true;     // false: its process left no data; it may have run anything
    // The test's CTest command run whole, recorded beside its cases (name empty): what the
    // command runs, which tia's runs of single cases may not (the framework's reporter).
    bool command = false;
  };
  std::map<std::string, std::vector<Case>> tests;  // CTest name → its recorded cases
  // Tests whose cases were recorded without the reporter their CTest command uses.
  std::set<std::string> reporter_replaced;

  // From the stored rows, for `graph` (USRs the graph does not know are dropped).
  static CoverageIndex Build(const StoredCoverage& stored, const CodeGraph& graph);
  bool empty() const { return commit.empty(); }
  // The records hold at `base` too, where the functions `changed` since the recorded commit
  // are different: a case (or command) that ran one of them has no record.
  void CarryOver(const std::string& base, const std::vector<NodeId>& changed);
};

}  // namespace tia
