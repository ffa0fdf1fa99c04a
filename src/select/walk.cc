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

Walker::Walker(const SelectContext& ctx, const std::vector<ChangedEntity>& seeds)
    : ctx_(ctx), g_(*ctx.graph), seeds_(seeds) {
  if (!ctx_.roots) own_roots_ = FindTestRoots(g_);
  roots_ = ctx_.roots ? ctx_.roots : &own_roots_;
  // The dependent-name node of each function, looked up on first use.
  dependent_name_.assign(g_.size(), kNotLooked);
  for (const ChangedEntity& s : seeds_)
    seed_files_.push_back(g_.FileIndex(ctx_.repo ? ctx_.repo->workdir() + "/" + s.file : s.file));
}

bool Walker::RunsOnAnObjectOf(NodeId member, NodeId cls) const {
  const SymbolKind k = g_.symbol(member).kind;
  if (k != SymbolKind::kMethod && k != SymbolKind::kDestructor && k != SymbolKind::kConversion)
    return false;
  for (NodeId c : ClassesOf(member))
    if (c == cls) return true;
  return false;
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

NodeId Walker::DependentName(NodeId n) {
  NodeId& d = dependent_name_[n];
  if (d != kNotLooked) return d;
  if (!dependent_names_found_) {
    // FindUsr(DependentNameUsr(name, member)) for every name at once: the first node of
    // each such USR.
    const std::string member = DependentNameUsr("", true), free = DependentNameUsr("", false);
    for (NodeId x = 0; x < g_.size(); ++x) {
      std::string_view usr = g_.symbol(x).usr;
      if (StartsWith(usr, member))
        by_dependent_name_[0].emplace(usr.substr(member.size()), x);
      else if (StartsWith(usr, free))
        by_dependent_name_[1].emplace(usr.substr(free.size()), x);
    }
    dependent_names_found_ = true;
  }
  const GraphSymbol& s = g_.symbol(n);
  const auto& names = by_dependent_name_[s.kind != SymbolKind::kFunction ? 0 : 1];
  auto it = names.find(s.name);
  d = it == names.end() ? kNoNode : it->second;
  return d;
}

Walker::Mask Walker::DeclaredMask(NodeId n) const {
  Mask m = 0;
  for (const GraphDecl& d : g_.Decls(n)) m |= scope_[d.file];
  return m;
}

Walker::Mask Walker::DefinedMask(NodeId n) const {
  Mask m = 0;
  for (const GraphDecl& d : g_.Decls(n))
    if (d.is_definition) m |= scope_[d.file];
  return m;
}

std::vector<std::string> Walker::Chain(uint32_t entry) const {
  std::vector<std::string> rev;
  while (entry != kNoEntry) {
    const Entry& v = entries_[entry];
    if (v.seed >= 0) {
      const ChangedEntity& s = seeds_[v.seed];
      rev.push_back("changed " + s.description + " (" + s.file + ":" + std::to_string(s.line) +
                    ")");
      break;
    }
    const GraphSymbol& sym = g_.symbol(v.node);
    switch (v.hop) {
      case Hop::kNameOf:  // shown by the dependent call that follows
        break;
      case Hop::kClassOf:
        rev.push_back("runs wherever " + sym.qualified_name +
                      " is constructed, copied or destroyed");
        break;
      case Hop::kVirtualOf:
        rev.push_back(
            "overrides a virtual that the test framework or code outside the index "
            "calls (" +
            Rel(v.file) + ":" + std::to_string(v.line) + ") on each " + sym.qualified_name +
            " it is given");
        break;
      case Hop::kEdge:
        if (v.kind == EdgeKind::kDependentName && entries_[v.parent].hop == Hop::kNameOf) {
          rev.push_back("called as '" + g_.symbol(entries_[v.parent].node).name +
                        "' through a template parameter by " + sym.qualified_name + " (" +
                        Rel(v.file) + ":" + std::to_string(v.line) + ")");
          break;
        }
        rev.push_back(std::string(Verb(v.kind)) + " " + sym.qualified_name + " (" + Rel(v.file) +
                      ":" + std::to_string(v.line) + ")");
        break;
    }
    entry = v.parent;
  }
  std::reverse(rev.begin(), rev.end());
  return rev;
}

Walker::Mask Walker::Again(NodeId to, Mask in, bool init) {
  if (!init) return 0;
  Mask again = in & reached_[to] & ~reached_init_[to];
  reached_init_[to] |= in;
  if (!again) return 0;
  const bool holds_init =
      (roots_->Flags(to) & TestRoots::kGlobalVariable) || g_.symbol(to).kind == SymbolKind::kField;
  return holds_init ? again : 0;
}

void Walker::Reach(NodeId to, uint32_t from, const GraphEdge& e, bool init, Mask exes, Hop hop) {
  Mask fresh = (exes & ~reached_[to]) | Again(to, exes, init);
  // What the test framework calls is not a caller in the sense of selection.
  if (!fresh || roots_->StopsWalk(to)) return;
  reached_[to] |= fresh;
  entries_.push_back(Entry{fresh, to, from, e.file, e.line, -1, e.kind, init, hop});
}

std::vector<Walker::ExeResult> Walker::WalkAll(
    const std::vector<TestExecutable>& exes,
    const std::vector<std::pair<uint32_t, std::string>>& file_level, size_t width) {
  width = std::clamp<size_t>(width, 1, 64);
  std::vector<ExeResult> results(exes.size());
  for (size_t first = 0; first < exes.size(); first += width)
    WalkBatch(exes, first, std::min(width, exes.size() - first), file_level, &results);
  entries_ = {};
  reached_ = {};
  reached_init_ = {};
  return results;
}

void Walker::WalkBatch(const std::vector<TestExecutable>& exes, size_t first, size_t count,
                       const std::vector<std::pair<uint32_t, std::string>>& file_level,
                       std::vector<ExeResult>* results) {
  auto result = [&](int bit) -> ExeResult& { return (*results)[first + bit]; };
  auto each = [](Mask m, auto f) {
    for (; m; m &= m - 1) f(__builtin_ctzll(m));
  };
  // Link scope: the executables of the batch that compile each file.
  scope_.assign(g_.files().size(), 0);
  for (size_t i = 0; i < count; ++i) {
    const std::vector<char>& in = exes[first + i].files_in;
    for (size_t f = 0; f < in.size() && f < scope_.size(); ++f)
      if (in[f]) scope_[f] |= Mask{1} << i;
  }
  // Executables that compile a file changed as a whole are selected whole, without a walk.
  Mask active = 0;
  for (size_t i = 0; i < count; ++i) {
    ExeResult& r = result(static_cast<int>(i));
    for (const auto& [f, reason] : file_level) {
      if (exes[first + i].HasFile(f)) {
        r.touched = true;
        r.all_reason = reason;
        r.first_chain = {reason};
        break;
      }
    }
    if (!r.touched) active |= Mask{1} << i;
  }
  entries_.clear();
  reached_.assign(g_.size(), 0);
  reached_init_.assign(g_.size(), 0);
  for (size_t i = 0; i < seeds_.size(); ++i) {
    const ChangedEntity& s = seeds_[i];
    if (s.node == kNoNode) continue;
    // Link scope: the changed code must be compiled into the executable. A file the
    // current index does not hold (deleted, or an old version): the entity still counts
    // where it is declared.
    int f = seed_files_[i];
    Mask in = active & (f >= 0 ? scope_[f] : DeclaredMask(s.node)) & ~reached_[s.node];
    if (!in) continue;
    reached_[s.node] |= in;
    if (InitRunsCode(s.node)) reached_init_[s.node] |= in;
    Entry e;
    e.exes = in;
    e.node = s.node;
    e.line = s.line;
    e.seed = static_cast<int>(i);
    e.init = InitRunsCode(s.node);
    entries_.push_back(e);
  }
  // Once something that runs for every case is reached (all_reason), the executable is
  // selected whole, whatever else its walk would find: it leaves `active` there.
  Mask touched = 0;
  for (uint32_t head = 0; head < entries_.size() && active; ++head) {
    const Entry cur = entries_[head];  // a copy: Reach appends to entries_
    Mask m = cur.exes & active;
    if (!m) continue;
    const NodeId n = cur.node;
    std::vector<std::string> chain;  // Chain(head), computed once when needed
    auto chain_here = [&]() -> const std::vector<std::string>& {
      if (chain.empty()) chain = Chain(head);
      return chain;
    };
    if (Mask fresh = m & ~touched) {
      each(fresh, [&](int x) { result(x).first_chain = chain_here(); });
      touched |= fresh;
    }
    // The walk of these executables ends after this node.
    auto stop = [&](Mask done, const std::string& reason) {
      each(done, [&](int x) { result(x).all_reason = reason; });
      active &= ~done;
    };
    const uint16_t flags = roots_->Flags(n);
    // Shared roots: anything that runs for every case of the executable.
    if (!(flags & TestRoots::kCaseRoot)) {
      Mask rest = m;
      if (flags & TestRoots::kMain) {
        Mask main = rest & DefinedMask(n);
        if (main) stop(main, Join(chain_here(), " → ") + " → main runs for every case");
        rest &= ~main;
      }
      if (rest && (flags & TestRoots::kGlobalVariable) && cur.init) {
        Mask init = rest & DefinedMask(n);
        if (init) {
          std::string what = "the static initializer of " + g_.symbol(n).qualified_name;
          if (cur.kind == EdgeKind::kReference)
            what += " (it hands the reference to code it calls at start-up: a registration)";
          stop(init, Join(chain_here(), " → ") + " → " + what + " runs for every case");
        }
        rest &= ~init;
      }
      if (rest && (flags & TestRoots::kEnvRoot))
        stop(rest,
             Join(chain_here(), " → ") + " → " + roots_->env_roots.at(n) + " runs for every case");
    }
    if (flags & TestRoots::kCaseRoot) {
      for (size_t c : roots_->case_roots.at(n)) {
        each(m & scope_[g_.test_cases()[c].file], [&](int x) {
          auto& cases = result(x).cases;
          if (cases.count(c)) return;
          auto with_case = chain_here();
          with_case.push_back(TestModel::CaseName(g_.test_cases()[c]));
          cases[c] = std::move(with_case);
        });
      }
    }
    // A case's own code is called by the framework only: nothing above it is a caller.
    if (flags & TestRoots::kCaseOwn) continue;
    for (const GraphEdge& e : g_.In(n)) {
      if (e.kind == EdgeKind::kOverride) continue;
      if (n == made_class_ && e.other != kNoNode && RunsOnAnObjectOf(e.other, n)) continue;
      Mask in = m & scope_[e.file];
      if (!in) continue;
      // Only an instantiation the standard library makes can be unseen, and it calls the
      // code the language calls (special members, operators, swap) or what they call.
      if (e.kind == EdgeKind::kDependentName && !MayBeInstantiatedUnseen(e.other)) continue;
      // The framework's templates are instantiated in indexed test code, where each call
      // an instantiation makes is an edge of its own: none is left to a name.
      if (e.kind == EdgeKind::kDependentName && roots_->IsFrameworkNode(e.other)) continue;
      if (e.other == kNoNode) {
        Mask open = in & active;
        if (open)
          stop(open, Join(chain_here(), " → ") + " → used at file scope (" + Rel(e.file) + ":" +
                         std::to_string(e.line) + ")");
        continue;
      }
      // A reference runs nothing by itself, except in the initializer of a global that
      // calls code (a constructor): that code receives it and may run it at start-up or
      // register it (Catch2's METHOD_AS_TEST_CASE and REGISTER_TEST_CASE, a plugin
      // table), so the global runs for every case.
      // (Reach, inlined: this loop is most of a large walk.)
      const bool init = e.kind != EdgeKind::kReference || InitCalls(e.other);
      Mask fresh = in & ~reached_[e.other];
      if (in & reached_[e.other])
        fresh |= Again(e.other, in, init);
      else if (init)
        reached_init_[e.other] |= in;
      if (!fresh || roots_->StopsWalk(e.other)) continue;
      reached_[e.other] |= fresh;
      entries_.push_back(Entry{fresh, e.other, head, e.file, e.line, -1, e.kind, init, Hop::kEdge});
    }
    // A template of the framework (reached because its instantiation calls project code)
    // runs where test code names it: its callers above, nothing more.
    if (flags & TestRoots::kFrameworkTemplate) continue;
    // A field's default initializer and its type's constructor run wherever its class is
    // constructed (`struct M { int top = DefaultMargin(); };`, `Foo member;`): the
    // class's users may run them even where the field is never named. Not for a field
    // reached by a mere reference (`App* app_;`, `void (*cb)() = &f;`): constructing
    // the class runs nothing of it; the field's users are reached above.
    if (cur.init && g_.symbol(n).kind == SymbolKind::kField)
      for (NodeId cls : ClassesOf(n)) Reach(cls, head, GraphEdge{}, true, m, Hop::kClassOf);
    if (flags & TestRoots::kOverrides)
      for (const GraphEdge& e : g_.Out(n)) {
        if (e.kind != EdgeKind::kOverride) continue;
        // An override of a virtual whose callers the index cannot follow: the test
        // framework's own (its runner calls everything) or one declared outside the
        // project (a Catch2 generator's next(), called from an installed header; a
        // std::streambuf's overflow()). That code calls it on the objects it is handed,
        // so the users of the overriding class may run it.
        const bool framework = roots_->StopsWalk(e.other);
        const bool unseen = g_.Decls(e.other).empty();
        if (framework || unseen)
          for (NodeId cls : ClassesOf(n)) Reach(cls, head, e, true, m, Hop::kVirtualOf);
        if (framework) continue;
        // A call through the project's base reaches this override only on an object of
        // its class: the base's callers count in the cases that construct one.
        std::vector<NodeId> classes = unseen ? std::vector<NodeId>{} : ClassesOf(n);
        if (depth_ < kMaxDispatchDepth && !classes.empty()) {
          dispatches_.push_back(Dispatch{e.other, std::move(classes), m, head, e});
          continue;
        }
        Reach(e.other, head, e, true, m, Hop::kEdge);
      }
    if (flags & TestRoots::kFunctionKind) {
      // A template may call this function by name through a template parameter in an
      // instantiation the index never saw (one made inside a standard library body).
      // Operators are left out: their class's users are reached below.
      if (!(flags & TestRoots::kOperator)) {
        if (NodeId name = DependentName(n); name != kNoNode)
          Reach(name, head, GraphEdge{}, true, m, Hop::kNameOf);
      }
      // Special members and operators also run wherever their class is constructed,
      // copied, compared or destroyed, often from inside standard library templates whose
      // bodies carry no project edges: every user of the class may run them.
      if (flags & TestRoots::kImplicitlyCalled)
        for (NodeId cls : ClassesOf(n)) Reach(cls, head, GraphEdge{}, true, m, Hop::kClassOf);
      // A free comparison, operator<<, swap or PrintTo is found by argument-dependent
      // lookup inside templates whose bodies the index does not see (the standard
      // library's, a test framework's installed headers: `EXPECT_EQ(a, b)` compares in
      // gtest.h): every user of a class it names may run it.
      if (flags & TestRoots::kFreeAdl)
        for (const GraphEdge& e : g_.Out(n))
          if (e.kind == EdgeKind::kTypeUse && e.other != kNoNode &&
              IsTypeKind(g_.symbol(e.other).kind))
            Reach(e.other, head, GraphEdge{}, true, m, Hop::kClassOf);
    }
  }
  if (!dispatches_.empty()) {
    batch_.assign(exes.begin() + static_cast<std::ptrdiff_t>(first),
                  exes.begin() + static_cast<std::ptrdiff_t>(first + count));
    ResolveDispatches(&active, result);
    dispatches_.clear();
    walked_from_.clear();
    batch_.clear();
  }
  for (size_t i = 0; i < count; ++i)
    if (touched & (Mask{1} << i)) result(static_cast<int>(i)).touched = true;
}

const std::vector<Walker::ExeResult>& Walker::WalkFrom(NodeId n) {
  auto it = walked_from_.find(n);
  if (it != walked_from_.end()) return it->second;
  const GraphSymbol& s = g_.symbol(n);
  std::vector<ChangedEntity> seeds(1);
  seeds[0].node = n;
  seeds[0].description = s.qualified_name;
  Walker sub(ctx_, seeds);
  sub.depth_ = depth_ + 1;
  if (IsTypeKind(s.kind)) sub.made_class_ = n;
  return walked_from_.emplace(n, sub.WalkAll(batch_, {}, batch_.size())).first->second;
}

void Walker::ResolveDispatches(Mask* active, const std::function<ExeResult&(int)>& result) {
  // The chain of a nested walk without its first element ("changed <its seed>").
  auto rest = [](const std::vector<std::string>& chain) {
    return std::vector<std::string>(chain.begin() + (chain.empty() ? 0 : 1), chain.end());
  };
  for (const Dispatch& disp : dispatches_) {  // WalkFrom walks with a Walker of its own
    for (Mask m = disp.exes & *active; m; m &= m - 1) {
      const int x = __builtin_ctzll(m);
      // The cases that construct the overriding class, or all of them.
      bool every = false;
      std::map<size_t, std::string> constructs;  // case -> the class it constructs
      for (NodeId cls : disp.classes) {
        // Past a bound on the walks of one batch, the class counts as made everywhere:
        // the base's callers are then taken whole, as without this rule.
        if (!walked_from_.count(cls) && walked_from_.size() >= kMaxNestedWalks) {
          every = true;
          break;
        }
        const ExeResult& b = WalkFrom(cls)[x];
        every |= !b.all_reason.empty();
        for (const auto& [c, chain] : b.cases) constructs.emplace(c, g_.symbol(cls).qualified_name);
      }
      if (!every && constructs.empty()) continue;  // no such object in this executable
      const ExeResult& a = WalkFrom(disp.base)[x];
      std::vector<std::string> prefix = Chain(disp.entry);
      prefix.push_back(std::string(Verb(EdgeKind::kOverride)) + " " +
                       g_.symbol(disp.base).qualified_name + " (" + Rel(disp.edge.file) + ":" +
                       std::to_string(disp.edge.line) + ")");
      ExeResult& r = result(x);
      if (!a.all_reason.empty()) {
        size_t sep = a.all_reason.find(" → ");
        r.all_reason =
            Join(prefix, " → ") + (sep == std::string::npos ? "" : a.all_reason.substr(sep));
        *active &= ~(Mask{1} << x);
        continue;
      }
      for (const auto& [c, chain] : a.cases) {
        if (r.cases.count(c)) continue;
        auto k = constructs.find(c);
        if (!every && k == constructs.end()) continue;
        std::vector<std::string> full = prefix;
        std::vector<std::string> tail = rest(chain);
        full.insert(full.end(), tail.begin(), tail.end());
        if (!every && !full.empty())
          full.insert(full.end() - 1, "on a " + k->second + " the case constructs");
        r.cases[c] = std::move(full);
      }
    }
  }
}

}  // namespace tia
