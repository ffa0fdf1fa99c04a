// Static coverage: for each test executable, a forward walk over the code graph from
// what its cases run (the selection's roots: case bodies, fixtures, main, static
// initializers, test environments, file-scope uses) over the edges located in files it
// compiles — the dual of the selector's reverse walk, so a function counts as reached
// exactly when `tia tests-for` on it finds a test case. An upper bound of what runs.
#include <algorithm>
#include <deque>
#include <map>

#include "tia/audit/audit.h"
#include "tia/store/facts.h"

namespace tia {
namespace {

bool IsSpecialMember(const GraphSymbol& s) {
  return s.kind == SymbolKind::kConstructor || s.kind == SymbolKind::kDestructor ||
         s.kind == SymbolKind::kConversion ||
         (IsFunctionKind(s.kind) && s.name.rfind("operator", 0) == 0);
}

std::string DirOf(const std::string& rel) {
  size_t slash = rel.rfind('/');
  return slash == std::string::npos ? "." : rel.substr(0, slash);
}

}  // namespace

StaticCoverage ComputeStaticCoverage(const AuditModel& m) {
  const CodeGraph& g = m.graph();
  StaticCoverage out;
  // Project functions: the first definition outside system headers and test code.
  for (NodeId n = 0; n < g.size(); ++n) {
    if (!IsFunctionKind(g.symbol(n).kind)) continue;
    const GraphDecl* def = nullptr;
    for (const GraphDecl& d : g.Decls(n))
      if (d.is_definition && !m.IsSystem(d.file) &&
          (!def || std::make_pair(m.Rel(d.file), d.line_start) <
                       std::make_pair(m.Rel(def->file), def->line_start)))
        def = &d;
    if (!def || m.IsTestCode(def->file)) continue;
    out.functions.push_back({n, def->file, def->line_start, false});
  }

  const TestRoots& roots = m.roots();
  std::vector<std::vector<NodeId>> case_nodes(g.test_cases().size());
  for (const auto& [n, cases] : roots.case_roots)
    for (size_t c : cases) case_nodes[c].push_back(n);
  std::vector<NodeId> mains, globals;
  std::vector<std::pair<NodeId, uint32_t>> file_scope;  // (used node, file of the use)
  for (NodeId n = 0; n < g.size(); ++n) {
    const GraphSymbol& s = g.symbol(n);
    if (s.kind == SymbolKind::kFunction && s.name == "main") mains.push_back(n);
    if (s.kind == SymbolKind::kGlobalVariable) globals.push_back(n);
    for (const GraphEdge& e : g.In(n))
      if (e.other == kNoNode) file_scope.push_back({n, e.file});
  }
  auto defined_in = [&](NodeId n, const TestExecutable& exe) {
    for (const GraphDecl& d : g.Decls(n))
      if (d.is_definition && exe.HasFile(d.file)) return true;
    return false;
  };

  std::vector<uint32_t> stamp(g.size(), 0), special(g.size(), 0);
  uint32_t cur = 0;
  for (const TestExecutable& exe : m.tests().executables()) {
    ++cur;
    std::deque<NodeId> queue;
    auto visit = [&](NodeId n) {
      if (n == kNoNode || stamp[n] == cur) return;
      stamp[n] = cur;
      queue.push_back(n);
    };
    for (size_t c : exe.cases)
      for (NodeId n : case_nodes[c]) visit(n);
    for (const auto& [n, what] : roots.env_roots) visit(n);
    for (NodeId n : mains)
      if (defined_in(n, exe)) visit(n);
    // A static initializer runs what it calls, not what it merely refers to.
    for (NodeId n : globals) {
      if (!defined_in(n, exe)) continue;
      for (const GraphEdge& e : g.Out(n))
        if (e.kind != EdgeKind::kReference && e.kind != EdgeKind::kOverride && exe.HasFile(e.file))
          visit(e.other);
    }
    for (const auto& [n, file] : file_scope)
      if (exe.HasFile(file)) visit(n);
    while (!queue.empty()) {
      NodeId n = queue.front();
      queue.pop_front();
      for (const GraphEdge& e : g.Out(n)) {
        if (e.kind == EdgeKind::kOverride || !exe.HasFile(e.file)) continue;
        if (e.kind == EdgeKind::kDependentName && !MayBeInstantiatedUnseen(g, n)) continue;
        visit(e.other);
      }
      // A call through a base method may dispatch to any override.
      for (const GraphEdge& e : g.In(n))
        if (e.kind == EdgeKind::kOverride) visit(e.other);
      // Special members and operators run wherever their class is used (library
      // templates such as std::make_unique call them without a project edge).
      const GraphSymbol& s = g.symbol(n);
      // A template's call by name through its parameter may run any function of the name
      // (of a member, for `t.f()`; a free function, for `f(t)`).
      if (s.usr == DependentNameUsr(s.name, true) || s.usr == DependentNameUsr(s.name, false)) {
        bool member = s.usr == DependentNameUsr(s.name, true);
        for (NodeId f : g.Lookup(s.name))
          if (IsFunctionKind(g.symbol(f).kind) && s.name.rfind("operator", 0) != 0 &&
              (g.symbol(f).kind != SymbolKind::kFunction) == member)
            visit(f);
      }
      if (IsTypeKind(s.kind) && s.kind != SymbolKind::kTypedef && s.kind != SymbolKind::kEnum)
        for (NodeId member : g.Members(n))
          if (IsSpecialMember(g.symbol(member))) special[member] = cur;
    }
    for (CoveredFunction& f : out.functions)
      if (!f.reached && (stamp[f.node] == cur || special[f.node] == cur) && exe.HasFile(f.file))
        f.reached = true;
  }

  std::sort(out.functions.begin(), out.functions.end(),
            [&](const CoveredFunction& a, const CoveredFunction& b) {
              return std::make_tuple(m.Rel(a.file), a.line, g.symbol(a.node).qualified_name) <
                     std::make_tuple(m.Rel(b.file), b.line, g.symbol(b.node).qualified_name);
            });
  std::map<std::string, CoverageGroup> dirs, targets;
  for (const CoveredFunction& f : out.functions) {
    out.reached += f.reached;
    std::string dir = DirOf(m.Rel(f.file));
    CoverageGroup& d = dirs[dir];
    d.name = dir;
    d.functions++;
    d.reached += f.reached;
    std::vector<std::string> names;
    for (int t : m.TargetsOfFile(f.file)) names.push_back(m.build().targets[t].name);
    if (names.empty()) names.push_back("(no target)");
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (const std::string& name : names) {
      CoverageGroup& t = targets[name];
      t.name = name;
      t.functions++;
      t.reached += f.reached;
    }
  }
  for (auto& [k, v] : dirs) out.directories.push_back(v);
  for (auto& [k, v] : targets) out.targets.push_back(v);
  return out;
}

}  // namespace tia
