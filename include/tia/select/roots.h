// The roots of selection: the code that runs for one test case (its body, the members of
// its generated class, its fixture and the fixture's project base classes with their
// constructors, destructors and set-up/tear-down hooks), the code the framework runs for
// every case of an executable (environments, listeners, reporters), and the boundary of
// the test framework's own code.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tia/graph/code_graph.h"

namespace tia {

struct TestRoots {
  // Node -> indexes into CodeGraph::test_cases() of the cases it belongs to (sorted).
  std::unordered_map<NodeId, std::vector<size_t>> case_roots;
  // The case's own code: TestBody and the members of the class TEST() generates, the
  // function a Catch2/doctest TEST_CASE defines. Only the framework calls it, so the walk
  // stops there.
  std::unordered_set<NodeId> case_own;
  // Code the framework runs for every case of an executable: members of subclasses of
  // ::testing::Environment, GoogleTest event listeners, Catch2 listeners and reporters,
  // doctest reporters (and the subclasses); the value says what the class is.
  std::unordered_map<NodeId, std::string> env_roots;
  // The test framework's own code (GoogleTest/GoogleMock, Catch2, doctest) when its
  // sources are indexed (built from source, vendored, a single header): per graph file and
  // per node, the framework's name or empty. What the framework calls is not a caller in
  // the sense of selection: the walk never enters these nodes, and a change in these files
  // selects every test that compiles them. framework_node: 0 not the framework's; 1 the
  // framework's (the walk stops there: its runner calls every case); 2 a template of the
  // framework (an assertion's comparison, a printer, a matcher): its instantiations run
  // inside the test code that names them and call the project's code (the operator== of
  // `EXPECT_EQ(a, b)`, `REQUIRE(p != nullptr)`), so the walk passes on to its callers.
  std::vector<std::string> framework_file;
  std::vector<char> framework_node;
  const std::string& FrameworkOfFile(uint32_t f) const {
    static const std::string kNone;
    return f < framework_file.size() ? framework_file[f] : kNone;
  }
  bool IsFrameworkNode(NodeId n) const { return n < framework_node.size() && framework_node[n]; }
  bool StopsWalk(NodeId n) const { return n < framework_node.size() && framework_node[n] == 1; }
  // Per node, what a selection's walk asks of every node it reaches, so that it reads one
  // dense array instead of the maps above and the symbol's strings (computed once with the
  // roots, not once per selection). kOverrides: the node has an outgoing override edge;
  // kOperator: its name starts with "operator"; kImplicitlyCalled: IsImplicitlyCalled;
  // kFrameworkTemplate: framework_node 2 (only its callers are followed); kFreeAdl: a
  // free function IsCalledByLibraryTemplates names.
  enum NodeFlag : uint16_t {
    kCaseRoot = 1,
    kCaseOwn = 2,
    kEnvRoot = 4,
    kOverrides = 8,
    kMain = 16,
    kGlobalVariable = 32,
    kFunctionKind = 64,
    kOperator = 128,
    kImplicitlyCalled = 256,
    kFrameworkTemplate = 512,
    kFreeAdl = 1024,
  };
  std::vector<uint16_t> node_flags;
  uint16_t Flags(NodeId n) const { return n < node_flags.size() ? node_flags[n] : 0; }
};

TestRoots FindTestRoots(const CodeGraph& g);

// The free functions the standard library's and the test frameworks' templates call on a
// project's values by argument-dependent lookup: comparisons (std::find, std::sort, map
// keys, EXPECT_EQ, REQUIRE(a != b)), stream output (printers), swap and PrintTo.
bool IsCalledByLibraryTemplates(std::string_view name);

// Constructors, destructors, conversion functions and operators: code the language calls
// without naming it, often from inside standard library templates.
bool IsImplicitlyCalled(const GraphSymbol& s);

// True for a template function that an instantiation made inside a skipped standard
// library body may run (so its calls by dependent name count): a special member, an
// operator or swap, or a function one of those calls.
bool MayBeInstantiatedUnseen(const CodeGraph& g, NodeId n);

}  // namespace tia
