// Recorded per-case coverage, indexed for selection (see tia/select/coverage.h).
#include "tia/select/coverage.h"

#include <algorithm>

namespace tia {

CoverageIndex CoverageIndex::Build(const StoredCoverage& stored, const CodeGraph& graph) {
  CoverageIndex out;
  if (stored.commit.empty()) return out;
  out.commit = stored.commit;
  out.holds_at = stored.commit;
  out.reporter_replaced = stored.reporter_replaced;
  out.known.assign(graph.size(), 0);
  for (const std::string& u : stored.known) {
    NodeId n = graph.FindUsr(u);
    if (n != kNoNode) out.known[n] = 1;
  }
  for (const CoverageCase& c : stored.cases) {
    Case k;
    k.name = c.name;
    k.recorded = c.recorded;
    for (const std::string& u : c.usrs) {
      NodeId n = graph.FindUsr(u);
      if (n != kNoNode) k.ran.push_back(n);
    }
    std::sort(k.ran.begin(), k.ran.end());
    out.tests[c.test].push_back(std::move(k));
  }
  std::set<std::string> by_case = TestsRecordedByCase(stored);
  for (auto& [test, cases] : out.tests)
    for (Case& c : cases) c.command = c.name.empty() && by_case.count(test);
  return out;
}

void CoverageIndex::CarryOver(const std::string& base, const std::vector<NodeId>& changed) {
  holds_at = base;
  std::vector<NodeId> sorted = changed;
  std::sort(sorted.begin(), sorted.end());
  for (auto& [test, cases] : tests)
    for (Case& c : cases) {
      bool ran_one = false;
      for (NodeId n : sorted) ran_one |= std::binary_search(c.ran.begin(), c.ran.end(), n);
      if (!ran_one) continue;
      c.recorded = false;
      c.ran.clear();
    }
}

}  // namespace tia
