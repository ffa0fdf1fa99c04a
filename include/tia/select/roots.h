// The roots of selection: the code that runs for one test case (its body, the members of
// its generated class, its fixture and the fixture's project base classes with their
// constructors, destructors and set-up/tear-down hooks) and the members of
// ::testing::Environment subclasses, which run for every case of an executable.
#pragma once

#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tia/graph/code_graph.h"

namespace tia {

struct TestRoots {
  // Node -> indexes into CodeGraph::test_cases() of the cases it belongs to (sorted).
  std::unordered_map<NodeId, std::vector<size_t>> case_roots;
  // Members of ::testing::Environment subclasses (and the subclasses).
  std::unordered_set<NodeId> env_roots;
};

TestRoots FindTestRoots(const CodeGraph& g);

}  // namespace tia
