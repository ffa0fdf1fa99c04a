// The roots of selection (see tia/select/roots.h).
#include "tia/select/roots.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace tia {
namespace {

bool IsTypeKind(SymbolKind k) {
  return k == SymbolKind::kClass || k == SymbolKind::kStruct || k == SymbolKind::kUnion ||
         k == SymbolKind::kEnum || k == SymbolKind::kTypedef;
}

}  // namespace

TestRoots FindTestRoots(const CodeGraph& g) {
  TestRoots roots;
  auto& case_roots = roots.case_roots;
  auto& env_roots = roots.env_roots;
  static const std::set<std::string> kFixtureHooks = {"SetUp",          "TearDown",
                                                      "SetUpTestSuite", "TearDownTestSuite",
                                                      "SetUpTestCase",  "TearDownTestCase"};
  const auto& cases = g.test_cases();
  for (size_t c = 0; c < cases.size(); ++c) {
    const GraphTestCase& tc = cases[c];
    std::vector<NodeId> classes;
    if (tc.body != kNoNode) {
      case_roots[tc.body].push_back(c);
      const std::string& q = g.symbol(tc.body).qualified_name;
      size_t sep = q.rfind("::");
      if (sep != std::string::npos) {
        for (NodeId n : g.Lookup(q.substr(0, sep))) {
          if (!IsTypeKind(g.symbol(n).kind)) continue;
          classes.push_back(n);
          // The case's own class: everything in it belongs to the case, including the
          // static registration (GoogleTest's test_info_) that runs before main().
          for (NodeId m : g.Members(n)) case_roots[m].push_back(c);
        }
      }
    }
    if (tc.fixture != kNoNode) classes.push_back(tc.fixture);
    // The test class, its fixture and their project base classes: their construction,
    // set-up and tear-down run around the case.
    std::set<NodeId> seen;
    while (!classes.empty()) {
      NodeId cls = classes.back();
      classes.pop_back();
      if (!seen.insert(cls).second || g.Decls(cls).empty()) continue;
      case_roots[cls].push_back(c);
      for (NodeId m : g.Members(cls)) {
        const GraphSymbol& s = g.symbol(m);
        if (s.kind == SymbolKind::kConstructor || s.kind == SymbolKind::kDestructor ||
            kFixtureHooks.count(s.name))
          case_roots[m].push_back(c);
      }
      for (const GraphEdge& e : g.Out(cls))
        if (e.kind == EdgeKind::kTypeUse && IsTypeKind(g.symbol(e.other).kind))
          classes.push_back(e.other);
    }
  }
  // Catch2 and doctest register a case through a global defined on its macro's line: it
  // belongs to that case, not to every case of the executable.
  std::map<std::pair<uint32_t, int>, std::vector<size_t>> macro_lines;
  for (size_t c = 0; c < cases.size(); ++c)
    if (cases[c].framework == "catch2" || cases[c].framework == "doctest")
      macro_lines[{cases[c].file, cases[c].line}].push_back(c);
  for (NodeId n = 0; !macro_lines.empty() && n < g.size(); ++n) {
    if (g.symbol(n).kind != SymbolKind::kGlobalVariable) continue;
    for (const GraphDecl& d : g.Decls(n)) {
      auto it = macro_lines.find({d.file, d.line_start});
      if (it != macro_lines.end())
        case_roots[n].insert(case_roots[n].end(), it->second.begin(), it->second.end());
    }
  }
  for (auto& [n, v] : case_roots) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }
  for (NodeId env : g.Lookup("testing::Environment")) {
    for (const GraphEdge& e : g.In(env)) {
      if (e.other == kNoNode || e.kind != EdgeKind::kTypeUse) continue;
      if (!IsTypeKind(g.symbol(e.other).kind)) continue;
      env_roots.insert(e.other);
      for (NodeId m : g.Members(e.other)) env_roots.insert(m);
    }
  }
  return roots;
}

}  // namespace tia
