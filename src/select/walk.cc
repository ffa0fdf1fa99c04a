// Reverse reachability (see walk.h): the selection's roots, the walk of each test
// executable and the reason chains.
//
// For every test executable, a breadth-first walk over reverse edges that lie in files
// the executable compiles (its link scope) runs from the changed entities to the roots:
// each case's TestBody and its fixture's set-up/tear-down (selects the case), and main,
// static initializers and ::testing::Environment subclasses (select every case of the
// executable). Override edges are followed forward: a changed override makes every call
// through the base method affected.
#include "walk.h"

#include <algorithm>
#include <set>

#include "classify.h"
#include "tia/util/fs.h"
#include "tia/util/strings.h"

namespace tia {
namespace {

const char* Verb(EdgeKind k) {
  switch (k) {
    case EdgeKind::kCall:
      return "called by";
    case EdgeKind::kReference:
      return "referenced by";
    case EdgeKind::kOverride:
      return "dispatched through";
    case EdgeKind::kTypeUse:
      return "type used by";
    case EdgeKind::kInstantiation:
      return "instantiated as";
    case EdgeKind::kMacroExpansion:
      return "expanded in";
    case EdgeKind::kDependentName:
      return "called through a template parameter by";
  }
  return "used by";
}

}  // namespace

void Walker::BuildRoots() {
  if (!ctx_.roots) own_roots_ = FindTestRoots(g_);
  roots_ = ctx_.roots ? ctx_.roots : &own_roots_;
}

std::vector<NodeId> Walker::ClassesOf(NodeId member) const {
  std::vector<NodeId> out;
  const std::string& q = g_.symbol(member).qualified_name;
  size_t sep = q.rfind("::");
  if (sep == std::string::npos) return out;
  for (NodeId p : g_.Lookup(std::string_view(q).substr(0, sep)))
    if (IsTypeKind(g_.symbol(p).kind)) out.push_back(p);
  return out;
}

bool Walker::InitRunsCode(NodeId n) const {
  if (g_.symbol(n).kind != SymbolKind::kGlobalVariable) return true;
  // Calls and instantiations in the initializer run code; a class type may have a
  // constructor or destructor; follow aliases to what they name.
  std::vector<NodeId> todo = {n};
  std::set<NodeId> seen;
  while (!todo.empty()) {
    NodeId x = todo.back();
    todo.pop_back();
    if (!seen.insert(x).second) continue;
    if (seen.size() > 64) return true;
    for (const GraphEdge& e : g_.Out(x)) {
      if (e.kind == EdgeKind::kCall || e.kind == EdgeKind::kInstantiation) return true;
      if (e.kind != EdgeKind::kTypeUse) continue;
      SymbolKind k = g_.symbol(e.other).kind;
      if (k == SymbolKind::kClass || k == SymbolKind::kStruct || k == SymbolKind::kUnion ||
          k == SymbolKind::kOther)
        return true;
      if (k == SymbolKind::kTypedef) todo.push_back(e.other);
    }
  }
  return false;
}

std::vector<std::string> Walker::Chain(NodeId n) const {
  std::vector<std::string> rev;
  while (n != kNoNode) {
    const Visit& v = visit_[n];
    if (v.seed >= 0) {
      const ChangedEntity& s = seeds_[v.seed];
      rev.push_back("changed " + s.description + " (" + s.file + ":" + std::to_string(s.line) +
                    ")");
      break;
    }
    switch (v.hop) {
      case Hop::kNameOf:  // shown by the dependent call that follows
        break;
      case Hop::kClassOf:
        rev.push_back("runs wherever " + g_.symbol(n).qualified_name +
                      " is constructed, copied or destroyed");
        break;
      case Hop::kEdge:
        if (v.kind == EdgeKind::kDependentName && visit_[v.parent].hop == Hop::kNameOf) {
          rev.push_back("called as '" + g_.symbol(v.parent).name +
                        "' through a template parameter by " + g_.symbol(n).qualified_name + " (" +
                        Rel(v.file) + ":" + std::to_string(v.line) + ")");
          break;
        }
        rev.push_back(std::string(Verb(v.kind)) + " " + g_.symbol(n).qualified_name + " (" +
                      Rel(v.file) + ":" + std::to_string(v.line) + ")");
        break;
    }
    n = v.parent;
  }
  std::reverse(rev.begin(), rev.end());
  return rev;
}

Walker::ExeResult Walker::Walk(const TestExecutable& exe,
                               const std::vector<std::pair<uint32_t, std::string>>& file_level) {
  ExeResult r;
  for (const auto& [f, reason] : file_level) {
    if (exe.HasFile(f)) {
      r.touched = true;
      r.all_reason = reason;
      r.first_chain = {reason};
      return r;
    }
  }
  ++stamp_;
  std::vector<NodeId> queue;  // breadth first: queue[head] is the next node
  size_t head = 0;
  for (size_t i = 0; i < seeds_.size(); ++i) {
    const ChangedEntity& s = seeds_[i];
    if (s.node == kNoNode) continue;
    // Link scope: the changed code must be compiled into this executable.
    int f = seed_files_[i];
    if (f >= 0 && !exe.HasFile(static_cast<uint32_t>(f))) continue;
    if (f < 0 && !DefinedIn(s.node, exe)) {
      // A file the current index does not hold (deleted, or an old version): the entity
      // still counts when it is declared in the executable.
      bool declared = false;
      for (const GraphDecl& d : g_.Decls(s.node)) declared |= exe.HasFile(d.file);
      if (!declared) continue;
    }
    Visit& v = visit_[s.node];
    if (v.stamp == stamp_) continue;
    v = Visit{
        stamp_, kNoNode, EdgeKind::kCall, 0, s.line, static_cast<int>(i), InitRunsCode(s.node)};
    queue.push_back(s.node);
  }
  auto reach = [&](NodeId to, NodeId from, const GraphEdge& e, bool init, Hop hop = Hop::kEdge) {
    Visit& v = visit_[to];
    if (v.stamp == stamp_) return;
    // What the test framework calls is not a caller in the sense of selection.
    if (roots_->IsFrameworkNode(to)) return;
    v = Visit{stamp_, from, e.kind, e.file, e.line, -1, init, hop};
    queue.push_back(to);
  };
  // Once something that runs for every case is reached (all_reason), the executable is
  // selected whole, whatever else the walk would find: it stops there.
  while (head < queue.size() && r.all_reason.empty()) {
    NodeId n = queue[head++];
    if (!r.touched) r.first_chain = Chain(n);
    r.touched = true;
    const uint16_t flags = roots_->Flags(n);
    // Shared roots: anything that runs for every case of the executable.
    if (!(flags & TestRoots::kCaseRoot)) {
      bool shared = false;
      std::string what;
      if ((flags & TestRoots::kMain) && DefinedIn(n, exe)) {
        shared = true;
        what = "main";
      } else if ((flags & TestRoots::kGlobalVariable) && visit_[n].init && DefinedIn(n, exe)) {
        shared = true;
        what = "the static initializer of " + g_.symbol(n).qualified_name;
        if (visit_[n].kind == EdgeKind::kReference)
          what += " (it hands the reference to code it calls at start-up: a registration)";
      } else if (flags & TestRoots::kEnvRoot) {
        shared = true;
        what = roots_->env_roots.at(n);
      }
      if (shared) {
        r.all_reason = Join(Chain(n), " → ") + " → " + what + " runs for every case";
      }
    }
    if (flags & TestRoots::kCaseRoot) {
      for (size_t c : roots_->case_roots.at(n)) {
        if (!exe.HasFile(g_.test_cases()[c].file) || r.cases.count(c)) continue;
        auto chain = Chain(n);
        chain.push_back(TestModel::CaseName(g_.test_cases()[c]));
        r.cases[c] = std::move(chain);
      }
    }
    // A case's own code is called by the framework only: nothing above it is a caller.
    if (flags & TestRoots::kCaseOwn) continue;
    for (const GraphEdge& e : g_.In(n)) {
      if (!exe.HasFile(e.file) || e.kind == EdgeKind::kOverride) continue;
      // Only an instantiation the standard library makes can be unseen, and it calls the
      // code the language calls (special members, operators, swap) or what they call.
      if (e.kind == EdgeKind::kDependentName && !MayBeInstantiatedUnseen(e.other)) continue;
      if (e.other == kNoNode) {
        if (r.all_reason.empty()) {
          r.all_reason = Join(Chain(n), " → ") + " → used at file scope (" + Rel(e.file) + ":" +
                         std::to_string(e.line) + ")";
        }
        continue;
      }
      // A reference runs nothing by itself, except in the initializer of a global that
      // calls code (a constructor): that code receives it and may run it at start-up or
      // register it (Catch2's METHOD_AS_TEST_CASE and REGISTER_TEST_CASE, a plugin
      // table), so the global runs for every case.
      reach(e.other, n, e, e.kind != EdgeKind::kReference || InitCalls(e.other));
    }
    if (flags & TestRoots::kOverrides)
      for (const GraphEdge& e : g_.Out(n))
        if (e.kind == EdgeKind::kOverride) reach(e.other, n, e, true);
    if (flags & TestRoots::kFunctionKind) {
      // A template may call this function by name through a template parameter in an
      // instantiation the index never saw (one made inside a standard library body).
      // Operators are left out: their class's users are reached below.
      if (!(flags & TestRoots::kOperator)) {
        if (NodeId name = DependentName(n); name != kNoNode)
          reach(name, n, GraphEdge{}, true, Hop::kNameOf);
      }
      // Special members and operators also run wherever their class is constructed,
      // copied, compared or destroyed, often from inside standard library templates whose
      // bodies carry no project edges: every user of the class may run them.
      if (flags & TestRoots::kImplicitlyCalled)
        for (NodeId cls : ClassesOf(n)) reach(cls, n, GraphEdge{}, true, Hop::kClassOf);
    }
  }
  return r;
}

}  // namespace tia
