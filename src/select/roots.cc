// The roots of selection (see tia/select/roots.h).
#include "tia/select/roots.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace tia {
namespace {

// A test framework, known by the namespace its code lives in and a function only its
// runner defines (present when its sources are indexed).
struct Framework {
  const char* name;
  const char* ns;
  const char* runner;
  // Prefixes of the names its macros give globals (in its files and in test files alike).
  std::vector<const char*> macro_prefixes;
  // Classes whose project subclasses the framework runs for every case.
  std::vector<const char*> shared_bases;
};

const std::vector<Framework>& Frameworks() {
  static const std::vector<Framework> kFrameworks = {
      {"GoogleTest",
       "testing",
       "testing::UnitTest::Run",
       {"gtest_", "GTEST_"},
       {"testing::Environment", "testing::TestEventListener", "testing::EmptyTestEventListener"}},
      {"Catch2",
       "Catch",
       "Catch::Session::run",
       {"C_A_T_C_H", "____C_A_T_C_H", "CATCH_", "catch_"},
       {"Catch::EventListenerBase", "Catch::IEventListener", "Catch::TestEventListenerBase",
        "Catch::IStreamingReporter", "Catch::StreamingReporterBase",
        "Catch::CumulativeReporterBase", "Catch::ReporterBase"}},
      {"doctest",
       "doctest",
       "doctest::Context::run",
       {"doctest_detail_", "DOCTEST_"},
       {"doctest::IReporter"}},
  };
  return kFrameworks;
}

// The first component of a qualified name ("testing" of "testing::internal::X").
std::string_view TopNamespace(std::string_view q) {
  size_t sep = q.find("::");
  return sep == std::string_view::npos ? q : q.substr(0, sep);
}

// A template or a member of one, by its USR: `@ST>` a class template, `@SP>` a partial
// specialization, `@FT@>` a function template.
bool IsTemplateUsr(std::string_view usr) {
  return usr.find("@ST>") != std::string_view::npos || usr.find("@SP>") != std::string_view::npos ||
         usr.find("@FT@>") != std::string_view::npos;
}

// Files of an indexed test framework: the framework's runner is defined somewhere in the
// index, the file defines something in the framework's namespace, everything else it
// defines is neutral (`main`, file-local code, declarations in namespace std, globals
// named by the framework's macros), and it holds no test case. Recognised by what the
// files define, wherever they live (vendored, FetchContent, add_subdirectory, a single
// header); a project file that mixes its own code in is never the framework's.
void FindFramework(const CodeGraph& g, TestRoots* roots) {
  roots->framework_file.assign(g.files().size(), "");
  roots->framework_node.assign(g.size(), 0);
  std::vector<const Framework*> present;
  for (const Framework& fw : Frameworks()) {
    for (NodeId n : g.Lookup(fw.runner)) {
      bool defined = false;
      for (const GraphDecl& d : g.Decls(n)) defined |= d.is_definition;
      if (defined && g.symbol(n).qualified_name == fw.runner) {
        present.push_back(&fw);
        break;
      }
    }
  }
  if (present.empty()) return;
  auto neutral = [&](std::string_view top, const std::string& q) {
    if (top == "(anonymous namespace)" || top == "std" || q == "main") return true;
    for (const Framework* fw : present)
      for (const char* p : fw->macro_prefixes)
        if (top.rfind(p, 0) == 0) return true;
    return false;
  };
  // Per file: which framework its definitions belong to (-1 none yet, -2 mixed).
  std::vector<int> owner(g.files().size(), -1);
  for (const GraphTestCase& tc : g.test_cases()) owner[tc.file] = -2;
  for (NodeId n = 0; n < g.size(); ++n) {
    const GraphSymbol& s = g.symbol(n);
    if (s.kind == SymbolKind::kMacro || s.kind == SymbolKind::kNamespace ||
        s.kind == SymbolKind::kOther)
      continue;
    std::string_view top = TopNamespace(s.qualified_name);
    if (neutral(top, s.qualified_name)) continue;
    int fw = -2;
    for (size_t i = 0; i < present.size(); ++i)
      if (top == present[i]->ns) fw = static_cast<int>(i);
    for (const GraphDecl& d : g.Decls(n)) {
      if (!d.is_definition) continue;
      int& o = owner[d.file];
      if (o == -1)
        o = fw;
      else if (o != fw)
        o = -2;
    }
  }
  for (uint32_t f = 0; f < owner.size(); ++f)
    if (owner[f] >= 0) roots->framework_file[f] = present[owner[f]]->name;
  for (NodeId n = 0; n < g.size(); ++n) {
    auto decls = g.Decls(n);
    if (decls.empty()) continue;
    bool all = true;
    for (const GraphDecl& d : decls) all &= !roots->framework_file[d.file].empty();
    if (all) roots->framework_node[n] = IsTemplateUsr(g.symbol(n).usr) ? 2 : 1;
  }
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
      roots.case_own.insert(tc.body);
      const std::string& q = g.symbol(tc.body).qualified_name;
      size_t sep = q.rfind("::");
      if (sep != std::string::npos) {
        for (NodeId n : g.Lookup(q.substr(0, sep))) {
          if (!IsTypeKind(g.symbol(n).kind)) continue;
          classes.push_back(n);
          // The case's own class: everything in it belongs to the case, including the
          // static registration (GoogleTest's test_info_) that runs before main().
          for (NodeId m : g.Members(n)) {
            case_roots[m].push_back(c);
            roots.case_own.insert(m);
          }
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
  // Subclasses the framework runs for every case (their base appears as a type use).
  for (const Framework& fw : Frameworks()) {
    for (const char* base : fw.shared_bases) {
      for (NodeId b : g.Lookup(base)) {
        if (g.symbol(b).qualified_name != base) continue;
        std::string what =
            std::string("the ") + fw.name + " " +
            (std::string_view(base).find("Environment") != std::string_view::npos ? "environment "
             : std::string_view(base).find("Report") != std::string_view::npos    ? "reporter "
                                                                                  : "listener ");
        for (const GraphEdge& e : g.In(b)) {
          if (e.other == kNoNode || e.kind != EdgeKind::kTypeUse) continue;
          if (!IsTypeKind(g.symbol(e.other).kind)) continue;
          env_roots.emplace(e.other, what + g.symbol(e.other).qualified_name);
          // Members by name, but of this class: two classes of one name in anonymous
          // namespaces of different files are different classes.
          std::set<uint32_t> files;
          for (const GraphDecl& d : g.Decls(e.other)) files.insert(d.file);
          for (NodeId m : g.Members(e.other)) {
            bool here = false;
            for (const GraphDecl& d : g.Decls(m)) here |= files.count(d.file) > 0;
            if (here || g.Decls(m).empty())
              env_roots.emplace(m, what + g.symbol(e.other).qualified_name);
          }
        }
      }
    }
  }
  FindFramework(g, &roots);
  roots.node_flags.assign(g.size(), 0);
  std::vector<uint16_t>& flags = roots.node_flags;
  for (const auto& [n, cs] : case_roots) flags[n] |= TestRoots::kCaseRoot;
  for (NodeId n : roots.case_own) flags[n] |= TestRoots::kCaseOwn;
  for (const auto& [n, what] : env_roots) flags[n] |= TestRoots::kEnvRoot;
  for (NodeId n = 0; n < g.size(); ++n) {
    const GraphSymbol& s = g.symbol(n);
    if (s.kind == SymbolKind::kFunction && s.name == "main") flags[n] |= TestRoots::kMain;
    if (s.kind == SymbolKind::kGlobalVariable) flags[n] |= TestRoots::kGlobalVariable;
    if (IsFunctionKind(s.kind)) flags[n] |= TestRoots::kFunctionKind;
    if (s.name.rfind("operator", 0) == 0) flags[n] |= TestRoots::kOperator;
    if (IsImplicitlyCalled(s)) flags[n] |= TestRoots::kImplicitlyCalled;
    for (const GraphEdge& e : g.Out(n))
      if (e.kind == EdgeKind::kOverride) flags[n] |= TestRoots::kOverrides;
    if (roots.framework_node[n] == 2) flags[n] |= TestRoots::kFrameworkTemplate;
    if (s.kind == SymbolKind::kFunction && IsCalledByLibraryTemplates(s.name))
      flags[n] |= TestRoots::kFreeAdl;
  }
  return roots;
}

bool IsCalledByLibraryTemplates(std::string_view name) {
  // Asked of every function of the graph: most names fail on the first letter.
  if (name.empty() || (name[0] != 'o' && name[0] != 's' && name[0] != 'P')) return false;
  static const std::set<std::string_view> kNames = {
      "operator==", "operator!=",  "operator<",  "operator>", "operator<=",
      "operator>=", "operator<=>", "operator<<", "swap",      "PrintTo"};
  return kNames.count(name) > 0;
}

bool IsImplicitlyCalled(const GraphSymbol& s) {
  return s.kind == SymbolKind::kConstructor || s.kind == SymbolKind::kDestructor ||
         s.kind == SymbolKind::kConversion || s.name.rfind("operator", 0) == 0;
}

bool MayBeInstantiatedUnseen(const CodeGraph& g, NodeId n) {
  auto implicit = [](const GraphSymbol& s) { return IsImplicitlyCalled(s) || s.name == "swap"; };
  if (implicit(g.symbol(n))) return true;
  for (const GraphEdge& e : g.In(n))
    if (e.kind == EdgeKind::kCall && e.other != kNoNode && implicit(g.symbol(e.other))) return true;
  return false;
}

}  // namespace tia
