// Test selection (see tia/select/selector.h).
//
// 1. Each changed file is classified: a build input or a file no rule or index explains
//    selects everything; a file under a tia.toml rule selects what the rule says; an
//    indexed file has its changed lines mapped to the innermost declaration on the old
//    side (old blob's shard) and the new side (new blob's shard). Lines that hold no code
//    are ignored; lines no declaration explains fall back to the file level.
// 2. For every test executable, a breadth-first walk over reverse edges that lie in
//    files the executable compiles (its link scope) runs from the changed entities to the
//    roots: each case's TestBody and its fixture's set-up/tear-down (selects the case),
//    and main, static initializers and ::testing::Environment subclasses (select every
//    case of the executable). Override edges are followed forward: a changed override
//    makes every call through the base method affected.
#include "tia/select/selector.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <deque>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "changes.h"
#include "tia/select/roots.h"
#include "tia/store/db.h"
#include "tia/util/fs.h"
#include "tia/util/hash.h"

namespace tia {
namespace {

bool IsTypeKind(SymbolKind k) {
  return k == SymbolKind::kClass || k == SymbolKind::kStruct || k == SymbolKind::kUnion ||
         k == SymbolKind::kEnum || k == SymbolKind::kTypedef;
}

// `namespace a::b {`, `inline namespace v1 {`, `namespace {`, `}` or `};` alone.
bool IsNamespaceBrace(const std::vector<std::string>& t) {
  if (t.empty()) return false;
  if (t.size() == 1) return t[0] == "}" || t[0] == "};";
  size_t i = 0;
  if (t[i] == "inline") ++i;
  if (i >= t.size() || t[i] != "namespace") return false;
  for (++i; i + 1 < t.size(); ++i)
    if (t[i] != "::" && !(std::isalpha(static_cast<unsigned char>(t[i][0])) || t[i][0] == '_'))
      return false;
  return i + 1 == t.size() && t[i] == "{";
}

bool IsBuildInput(const std::string& rel, const std::string& abs, const BuildModel& build) {
  std::string base = rel.substr(rel.rfind('/') == std::string::npos ? 0 : rel.rfind('/') + 1);
  if (base == "CMakeLists.txt" || base == "CMakePresets.json" || base == "CMakeUserPresets.json")
    return true;
  if (base.size() > 6 && base.compare(base.size() - 6, 6, ".cmake") == 0) return true;
  if (base.size() > 9 && base.compare(base.size() - 9, 9, ".cmake.in") == 0) return true;
  return std::find(build.cmake_files.begin(), build.cmake_files.end(), abs) !=
         build.cmake_files.end();
}

// Declarations of one file version, from the database (old and new sides of a diff).
struct ShardView {
  bool found = false;
  bool is_system = false;
  struct Decl {
    NodeId node;
    bool is_definition;
    int start, end;
  };
  std::vector<Decl> decls;
  std::set<int> include_lines;
  std::map<int, std::string> case_lines;  // line of each test macro -> "suite.name"
};

bool LoadShard(Db& db, const CodeGraph& graph, const std::string& abs_path,
               const std::string& content_id, ShardView* out, std::string* err) {
  *out = ShardView();
  if (content_id.empty()) return true;
  Stmt st;
  if (!db.Prepare("SELECT s.id, s.is_system FROM shards s JOIN files f ON f.id = s.file_id "
                  "WHERE f.path = tia_rel(?) AND s.content_id = ?",
                  &st, err))
    return false;
  st.Bind(1, abs_path).Bind(2, content_id);
  if (!st.Step()) return true;
  int64_t shard = st.Int(0);
  out->found = true;
  out->is_system = st.Int(1) != 0;
  if (!db.Prepare("SELECT symbol_id, is_definition, line_start, line_end FROM decls "
                  "WHERE shard_id = ?",
                  &st, err))
    return false;
  st.Bind(1, shard);
  while (st.Step()) {
    NodeId n = graph.NodeForDbId(st.Int(0));
    if (n == kNoNode) continue;
    out->decls.push_back(
        {n, st.Int(1) != 0, static_cast<int>(st.Int(2)), static_cast<int>(st.Int(3))});
  }
  if (!db.Prepare("SELECT line FROM includes WHERE shard_id = ?", &st, err)) return false;
  st.Bind(1, shard);
  while (st.Step()) out->include_lines.insert(static_cast<int>(st.Int(0)));
  if (!db.Prepare("SELECT line, suite, name FROM test_cases WHERE shard_id = ?", &st, err))
    return false;
  st.Bind(1, shard);
  while (st.Step()) out->case_lines[static_cast<int>(st.Int(0))] = st.Text(1) + "." + st.Text(2);
  return true;
}

// How a changed file contributes to the selection.
struct FileVerdict {
  enum Kind { kIgnore, kEntities, kFileLevel, kAll, kRuleTests } kind = kIgnore;
  std::string reason;
  const PathRule* rule = nullptr;
  // Test cases were added, removed or renamed: what listing commands print changes.
  bool registrations = false;
};

class Analyzer {
 public:
  explicit Analyzer(const SelectContext& ctx) : ctx_(ctx), g_(*ctx.graph) {}

  // Classifies one changed file, appending seeds to `seeds`.
  bool Classify(const FileChange& fc, std::vector<ChangedEntity>* seeds, FileVerdict* v,
                std::string* err);

 private:
  std::string Abs(const std::string& rel) const { return ctx_.repo->workdir() + "/" + rel; }
  std::optional<std::string> Content(const std::string& rel, const std::string& id, bool worktree);
  void MapLines(const ShardView& shard, const CodeText& code, int first, int count,
                const std::string& rel, std::vector<ChangedEntity>* seeds,
                std::vector<int>* unexplained);

  const SelectContext& ctx_;
  const CodeGraph& g_;
};

std::optional<std::string> Analyzer::Content(const std::string& rel, const std::string& id,
                                             bool worktree) {
  std::string err, text;
  if (worktree && ReadFile(Abs(rel), &text, &err) && GitBlobId(text) == id) return text;
  if (id.empty()) return std::nullopt;
  auto blob = ctx_.repo->ReadBlob(id, &err);
  return blob;
}

void Analyzer::MapLines(const ShardView& shard, const CodeText& code, int first, int count,
                        const std::string& rel, std::vector<ChangedEntity>* seeds,
                        std::vector<int>* unexplained) {
  for (int line = first; line < first + count; ++line) {
    if (line > 0 && static_cast<size_t>(line) < code.has_code.size() && !code.has_code[line])
      continue;
    if (shard.include_lines.count(line)) {
      unexplained->push_back(line);
      continue;
    }
    const ShardView::Decl* best = nullptr;
    for (const auto& d : shard.decls) {
      if (line < d.start || line > d.end) continue;
      SymbolKind k = g_.symbol(d.node).kind;
      if (k == SymbolKind::kNamespace) continue;
      // Innermost wins; on equal extents prefer the definition.
      if (!best || d.end - d.start < best->end - best->start ||
          (d.end - d.start == best->end - best->start && d.is_definition && !best->is_definition))
        best = &d;
    }
    if (!best) {
      // Opening or closing a namespace changes no code (an unbalanced brace would not
      // compile); anything else at file scope is unexplained.
      if (!IsNamespaceBrace(TokensInLines(code, line, 1))) unexplained->push_back(line);
      continue;
    }
    // All declarations sharing the innermost extent (e.g. several variables declared on
    // one line) are changed.
    for (const auto& d : shard.decls) {
      if (d.start != best->start || d.end != best->end) continue;
      if (g_.symbol(d.node).kind == SymbolKind::kNamespace) continue;
      const GraphSymbol& s = g_.symbol(d.node);
      seeds->push_back(
          {d.node, rel, line, std::string(SymbolKindName(s.kind)) + " " + s.qualified_name});
    }
  }
}

bool Analyzer::Classify(const FileChange& fc, std::vector<ChangedEntity>* seeds, FileVerdict* v,
                        std::string* err) {
  const std::string& rel = fc.new_path.empty() ? fc.old_path : fc.new_path;
  bool worktree = ctx_.repo != nullptr;
  // Rules first: they are how a project says what a file means.
  for (const std::string* p : {&fc.new_path, &fc.old_path}) {
    if (p->empty() || !ctx_.config) continue;
    if (const PathRule* r = ctx_.config->Match(*p)) {
      v->rule = r;
      std::string where = ctx_.config->path + ":" + std::to_string(r->line);
      if (r->action == PathRule::Action::kNone) {
        v->kind = FileVerdict::kIgnore;
        v->reason = *p + " matches the rule at " + where + " (select none)";
      } else if (r->action == PathRule::Action::kAll) {
        v->kind = FileVerdict::kAll;
        v->reason = *p + " matches the rule at " + where + " (select all)";
      } else {
        v->kind = FileVerdict::kRuleTests;
        v->reason = *p + " matches the rule at " + where;
      }
      return true;
    }
  }
  for (const std::string* p : {&fc.new_path, &fc.old_path}) {
    if (!p->empty() && IsBuildInput(*p, Abs(*p), *ctx_.build)) {
      v->kind = FileVerdict::kAll;
      v->reason = "build input " + *p + " changed";
      return true;
    }
  }
  // The test framework's own code: what it runs is everything, so a change to it selects
  // every test that compiles the file.
  if (ctx_.roots) {
    for (const std::string* p : {&fc.new_path, &fc.old_path}) {
      if (p->empty()) continue;
      int f = g_.FileIndex(Abs(*p));
      if (f < 0) continue;
      const std::string& fw = ctx_.roots->FrameworkOfFile(static_cast<uint32_t>(f));
      if (fw.empty()) continue;
      v->kind = FileVerdict::kFileLevel;
      v->reason = *p + " is part of the test framework (" + fw + ")";
      return true;
    }
  }
  ShardView old_shard, new_shard;
  if (!fc.old_path.empty() &&
      !LoadShard(*ctx_.db, g_, Abs(fc.old_path), fc.old_id, &old_shard, err))
    return false;
  if (!fc.new_path.empty() &&
      !LoadShard(*ctx_.db, g_, Abs(fc.new_path), fc.new_id, &new_shard, err))
    return false;
  bool known_now = (!fc.new_path.empty() && g_.FileIndex(Abs(fc.new_path)) >= 0) ||
                   (!fc.old_path.empty() && g_.FileIndex(Abs(fc.old_path)) >= 0);
  if (!known_now && !old_shard.found && !new_shard.found) {
    v->kind = FileVerdict::kAll;
    v->reason = rel + " is not known to the index (add a rule to tia.toml to map it)";
    return true;
  }
  if (fc.binary) {
    v->kind = FileVerdict::kFileLevel;
    v->reason = rel + ": binary change";
    return true;
  }
  // A side whose shard is missing cannot be narrowed: fall back to the file level.
  bool old_needed = !fc.old_path.empty() && !fc.old_id.empty();
  bool new_needed = !fc.new_path.empty() && !fc.new_id.empty();
  if ((old_needed && (!old_shard.found || old_shard.is_system)) ||
      (new_needed && (!new_shard.found || new_shard.is_system))) {
    v->kind = FileVerdict::kFileLevel;
    bool old_missing = old_needed && !old_shard.found;
    v->reason =
        rel + ": " +
        (old_shard.is_system || new_shard.is_system
             ? std::string("a system header (no facts kept)")
             : std::string("the ") + (old_missing ? "old" : "new") + " version was never indexed");
    return true;
  }
  std::vector<int> old_unexplained, new_unexplained;
  CodeText old_code, new_code;
  if (old_needed) {
    if (auto text = Content(fc.old_path, fc.old_id, false)) old_code = LexCode(*text);
  }
  if (new_needed) {
    if (auto text = Content(fc.new_path, fc.new_id, worktree)) new_code = LexCode(*text);
  }
  size_t before = seeds->size();
  std::vector<ChangedEntity> old_seeds, new_seeds;
  auto case_names = [](const ShardView& sv) {
    std::multiset<std::string> n;
    for (const auto& [line, name] : sv.case_lines) n.insert(name);
    return n;
  };
  auto touches_case = [](const ShardView& sv, int first, int count) {
    auto it = sv.case_lines.lower_bound(first);
    return it != sv.case_lines.end() && it->first < first + count;
  };
  v->registrations = case_names(old_shard) != case_names(new_shard);
  if (fc.status == ChangeStatus::kDeleted) {
    MapLines(old_shard, old_code, 1, static_cast<int>(old_code.has_code.size()), rel, &old_seeds,
             &old_unexplained);
  } else if (fc.status == ChangeStatus::kAdded) {
    MapLines(new_shard, new_code, 1, static_cast<int>(new_code.has_code.size()), rel, &new_seeds,
             &new_unexplained);
  } else {
    for (const Hunk& h : fc.hunks) {
      // The same tokens on both sides (only spacing or comments differ): the same program.
      if (old_needed && new_needed && !old_code.tokens.empty() && !new_code.tokens.empty() &&
          TokensInLines(old_code, h.old_start, h.old_lines) ==
              TokensInLines(new_code, h.new_start, h.new_lines))
        continue;
      v->registrations |= touches_case(old_shard, h.old_start, h.old_lines) ||
                          touches_case(new_shard, h.new_start, h.new_lines);
      if (old_needed)
        MapLines(old_shard, old_code, h.old_start, h.old_lines, fc.old_path, &old_seeds,
                 &old_unexplained);
      if (new_needed)
        MapLines(new_shard, new_code, h.new_start, h.new_lines, fc.new_path, &new_seeds,
                 &new_unexplained);
    }
  }
  // A function that exists on one side only (added, deleted, or its signature changed):
  // calls to its name may now bind to another overload, so every function of the same
  // qualified name is changed too.
  auto declared = [](const ShardView& sv, NodeId n) {
    for (const auto& d : sv.decls)
      if (d.node == n) return true;
    return false;
  };
  auto overloads = [&](const std::vector<ChangedEntity>& side, const ShardView& other,
                       bool other_exists) {
    for (const ChangedEntity& e : side) {
      seeds->push_back(e);
      if (e.node == kNoNode || !IsFunctionKind(g_.symbol(e.node).kind)) continue;
      if (other_exists && declared(other, e.node)) continue;
      for (NodeId n : g_.Lookup(g_.symbol(e.node).qualified_name)) {
        if (n == e.node || !IsFunctionKind(g_.symbol(n).kind) ||
            g_.symbol(n).qualified_name != g_.symbol(e.node).qualified_name)
          continue;
        seeds->push_back(
            {n, e.file, e.line,
             std::string(SymbolKindName(g_.symbol(n).kind)) + " " + g_.symbol(n).qualified_name +
                 " (overload of " +
                 (other_exists ? "a changed signature" : "an added or removed function") + ")"});
      }
    }
  };
  overloads(old_seeds, new_shard, new_needed);
  overloads(new_seeds, old_shard, old_needed);
  if (!old_unexplained.empty() || !new_unexplained.empty()) {
    v->kind = FileVerdict::kFileLevel;
    bool is_new = !new_unexplained.empty();
    int line = is_new ? new_unexplained[0] : old_unexplained[0];
    const ShardView& sv = is_new ? new_shard : old_shard;
    v->reason =
        rel + ":" + std::to_string(line) + ": " +
        (sv.include_lines.count(line) ? "#include changed" : "change outside any function or type");
    return true;
  }
  v->kind = seeds->size() > before ? FileVerdict::kEntities : FileVerdict::kIgnore;
  if (v->kind == FileVerdict::kIgnore) v->reason = rel + ": only comments or whitespace changed";
  return true;
}

// A reason chain as one line: "changed X (f:l) → called by Y (f:l) → ...".
std::string Join(const std::vector<std::string>& chain) {
  std::string out;
  for (const auto& s : chain) out += (out.empty() ? "" : " → ") + s;
  return out;
}

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

// Gathers the selection's roots and the per-executable reverse walk.
class Walker {
 public:
  Walker(const SelectContext& ctx, const std::vector<ChangedEntity>& seeds)
      : ctx_(ctx), g_(*ctx.graph), seeds_(seeds) {
    BuildRoots();
    visit_.assign(g_.size(), Visit{});
    // The dependent-name node of each function, looked up on first use.
    dependent_name_.assign(g_.size(), kNotLooked);
    for (const ChangedEntity& s : seeds_)
      seed_files_.push_back(g_.FileIndex(ctx_.repo ? ctx_.repo->workdir() + "/" + s.file : s.file));
  }

  // Result of walking one executable.
  struct ExeResult {
    bool touched = false;    // anything of the change is linked into the executable
    std::string all_reason;  // non-empty: every case is affected (a shared root)
    std::map<size_t, std::vector<std::string>> cases;  // case index -> chain
    std::vector<std::string> first_chain;              // chain to the first reached node
  };

  ExeResult Walk(const TestExecutable& exe,
                 const std::vector<std::pair<uint32_t, std::string>>& file_level);

 private:
  // How a node was reached from its parent.
  enum class Hop : uint8_t {
    kEdge,     // an edge of the graph (kind, file, line)
    kNameOf,   // the parent is a function of this name: a dependent call may reach it
    kClassOf,  // the parent is a special member or operator of this class
  };
  struct Visit {
    uint32_t stamp = 0;
    NodeId parent = kNoNode;
    EdgeKind kind = EdgeKind::kCall;
    uint32_t file = 0;
    int line = 0;
    int seed = -1;      // index into seeds_ for walk starts
    bool init = false;  // reached through an edge that runs code (not a mere reference)
    Hop hop = Hop::kEdge;
  };

  void BuildRoots();
  std::vector<std::string> Chain(NodeId n) const;
  // The node standing for every function of n's name (kDependentName edges), or kNoNode.
  NodeId DependentName(NodeId n) {
    NodeId& d = dependent_name_[n];
    if (d == kNotLooked) {
      const GraphSymbol& s = g_.symbol(n);
      d = g_.FindUsr(DependentNameUsr(s.name, s.kind != SymbolKind::kFunction));
    }
    return d;
  }
  bool MayBeInstantiatedUnseen(NodeId n) const { return tia::MayBeInstantiatedUnseen(g_, n); }
  // The class (or classes: one name, several configurations) a member belongs to.
  std::vector<NodeId> ClassesOf(NodeId member) const {
    std::vector<NodeId> out;
    const std::string& q = g_.symbol(member).qualified_name;
    size_t sep = q.rfind("::");
    if (sep == std::string::npos) return out;
    for (NodeId p : g_.Lookup(std::string_view(q).substr(0, sep)))
      if (IsTypeKind(g_.symbol(p).kind)) out.push_back(p);
    return out;
  }
  // False for a changed global variable whose initialization runs no code (a constant
  // initializer of a scalar, pointer or array of them): only its users are affected, not
  // every case of the executables that link it. True for everything else.
  bool InitRunsCode(NodeId n) const;
  // True for a global variable whose initializer calls a function or constructor.
  bool InitCalls(NodeId n) const {
    if (g_.symbol(n).kind != SymbolKind::kGlobalVariable) return false;
    for (const GraphEdge& e : g_.Out(n))
      if (e.kind == EdgeKind::kCall) return true;
    return false;
  }
  std::string Rel(uint32_t file) const {
    return RelativeTo(g_.files()[file], ctx_.repo ? ctx_.repo->workdir() : "");
  }
  bool DefinedIn(NodeId n, const TestExecutable& exe) const {
    for (const GraphDecl& d : g_.Decls(n))
      if (d.is_definition && exe.HasFile(d.file)) return true;
    return false;
  }

  const SelectContext& ctx_;
  const CodeGraph& g_;
  const std::vector<ChangedEntity>& seeds_;
  TestRoots own_roots_;               // computed here when the context holds none
  const TestRoots* roots_ = nullptr;  // case roots and ::testing::Environment members
  std::vector<Visit> visit_;
  std::vector<int> seed_files_;  // graph file index of each seed's file, -1 when not current
  uint32_t stamp_ = 0;
  static constexpr NodeId kNotLooked = kNoNode - 1;
  std::vector<NodeId> dependent_name_;  // per node: DependentName, kNotLooked until asked
};

void Walker::BuildRoots() {
  if (!ctx_.roots) own_roots_ = FindTestRoots(g_);
  roots_ = ctx_.roots ? ctx_.roots : &own_roots_;
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
        r.all_reason = Join(Chain(n)) + " → " + what + " runs for every case";
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
          r.all_reason = Join(Chain(n)) + " → used at file scope (" + Rel(e.file) + ":" +
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

// Expands seeds by the selection rules for non-function entities.
void ExpandSeeds(const CodeGraph& g, std::vector<ChangedEntity>* seeds) {
  std::vector<ChangedEntity> extra;
  std::set<NodeId> have;
  for (const auto& s : *seeds) have.insert(s.node);
  auto add = [&](NodeId n, const ChangedEntity& from, const std::string& why) {
    if (n == kNoNode || !have.insert(n).second) return;
    const GraphSymbol& sym = g.symbol(n);
    extra.push_back(
        {n, from.file, from.line,
         std::string(SymbolKindName(sym.kind)) + " " + sym.qualified_name + " (" + why + ")"});
  };
  auto parent_of = [&](NodeId n) -> std::vector<NodeId> {
    const std::string& q = g.symbol(n).qualified_name;
    size_t sep = q.rfind("::");
    std::vector<NodeId> out;
    if (sep == std::string::npos) return out;
    for (NodeId p : g.Lookup(q.substr(0, sep)))
      if (IsTypeKind(g.symbol(p).kind)) out.push_back(p);
    return out;
  };
  for (const ChangedEntity& s : *seeds) {
    if (s.node == kNoNode) continue;
    SymbolKind k = g.symbol(s.node).kind;
    if (k == SymbolKind::kClass || k == SymbolKind::kStruct || k == SymbolKind::kUnion) {
      // A type's layout or inline definitions changed: its methods behave differently.
      for (NodeId m : g.Members(s.node))
        if (IsFunctionKind(g.symbol(m).kind))
          add(m, s, "member of changed " + g.symbol(s.node).qualified_name);
    } else if (k == SymbolKind::kField) {
      // A field (its default initializer, its type): the class and its constructors.
      for (NodeId p : parent_of(s.node)) {
        add(p, s, "holds changed field " + g.symbol(s.node).name);
        for (NodeId m : g.Members(p))
          if (g.symbol(m).kind == SymbolKind::kConstructor)
            add(m, s, "constructs changed field " + g.symbol(s.node).name);
      }
    } else if (k == SymbolKind::kConstructor || k == SymbolKind::kDestructor ||
               k == SymbolKind::kConversion ||
               (IsFunctionKind(k) && g.symbol(s.node).name.rfind("operator", 0) == 0)) {
      // Special members and operators are often invoked from library templates
      // (std::make_unique, containers, algorithms) whose bodies carry no project edges:
      // every user of the class may run them.
      for (NodeId p : parent_of(s.node)) add(p, s, "class of changed " + g.symbol(s.node).name);
    } else if (k == SymbolKind::kEnumConstant) {
      for (NodeId p : parent_of(s.node)) add(p, s, "holds changed enumerator");
    }
  }
  seeds->insert(seeds->end(), extra.begin(), extra.end());
}

// The selection of a whole test, with the reason.
SelectedCase WholeCase(std::string reason) {
  SelectedCase c;
  c.chain.push_back(std::move(reason));
  return c;
}

// Turns per-executable results into the selection of CTest tests.
void Assemble(const SelectContext& ctx, const std::vector<ChangedEntity>& seeds,
              const std::vector<std::pair<uint32_t, std::string>>& file_level,
              const std::vector<std::pair<const PathRule*, std::string>>& rule_hits,
              const std::vector<std::pair<std::string, std::string>>& registrations,
              Selection* out) {
  const CodeGraph& g = *ctx.graph;
  const TestModel& model = *ctx.tests;
  out->total_tests = model.tests().size();
  out->total_executables = model.executables().size();
  std::vector<Walker::ExeResult> results;
  if (!out->all) {
    Walker walker(ctx, seeds);
    for (const TestExecutable& exe : model.executables())
      results.push_back(walker.Walk(exe, file_level));
  }
  bool anything = out->all || !seeds.empty() || !file_level.empty() || !rule_hits.empty();
  std::set<int> exes;
  for (const TestEntry& t : model.tests()) {
    SelectedTest st;
    st.name = t.ctest.name;
    st.labels = t.ctest.labels;
    if (t.exe >= 0) st.executable = model.executables()[t.exe].target;
    if (out->all) {
      st.whole = true;
      st.cases.push_back(WholeCase(out->all_reason));
    } else {
      for (const auto& [rule, reason] : rule_hits) {
        bool hit = false;
        for (const auto& glob : rule->tests) hit |= GlobMatch(glob, t.ctest.name);
        for (const auto& l : rule->labels)
          hit |= std::find(t.ctest.labels.begin(), t.ctest.labels.end(), l) != t.ctest.labels.end();
        if (hit) {
          st.whole = true;
          st.cases = {WholeCase(reason)};
          break;
        }
      }
      // Fixture set-up/clean-up tests run because selected tests require them (ctest and
      // tia run add them), not because of the change itself.
      bool fixture_only = !t.ctest.fixtures_setup.empty() || !t.ctest.fixtures_cleanup.empty();
      if (!st.whole && t.exe < 0 && anything && !fixture_only) {
        st.whole = true;
        st.cases.push_back(
            WholeCase("runs a command tia cannot analyse (" +
                      (t.ctest.command.empty() ? std::string("none") : t.ctest.command[0]) + ")"));
      }
      if (!st.whole && t.exe >= 0 && anything &&
          !model.executables()[t.exe].unindexed_source.empty()) {
        const TestExecutable& e = model.executables()[t.exe];
        st.whole = true;
        st.cases.push_back(
            WholeCase(e.target + " compiles " +
                      RelativeTo(e.unindexed_source, ctx.repo ? ctx.repo->workdir() : "") +
                      (e.unindexed_failed ? ", which failed to index (tia stats lists why)"
                                          : ", which is not in the index")));
      }
      if (!st.whole && t.exe >= 0) {
        const Walker::ExeResult& r = results[t.exe];
        if (!r.all_reason.empty() && r.touched) {
          st.whole = true;
          st.cases.push_back(WholeCase(r.all_reason));
        } else if (t.own.kind() == OwnSelection::Kind::kListing && t.cases_known) {
          // A listing prints the registered cases, not what their bodies do.
          for (const auto& [path, reason] : registrations) {
            int f = g.FileIndex(path);
            if (f >= 0 && !model.executables()[t.exe].HasFile(static_cast<uint32_t>(f))) continue;
            st.whole = true;
            st.cases.push_back(
                WholeCase(reason + " → " + t.ctest.name + " lists them (" + t.own.text() + ")"));
            break;
          }
        } else if (!t.cases_known && r.touched) {
          st.whole = true;
          st.cases.push_back(WholeCase(Join(r.first_chain) + " → linked into " +
                                       model.executables()[t.exe].target));
        } else {
          for (size_t c : t.cases) {
            auto it = r.cases.find(c);
            if (it == r.cases.end()) continue;
            const GraphTestCase& tc = g.test_cases()[c];
            if (tc.name.empty() && tc.framework != "gtest") {
              // Catch2 and doctest name an anonymous TEST_CASE by a counter over the whole
              // program ("Anonymous test case 3"): no spec can pick it alone.
              st.whole = true;
              st.cases = {WholeCase(Join(it->second) + "an anonymous " + tc.macro +
                                    " (the program names it by its registration order)")};
              break;
            }
            SelectedCase sc;
            sc.name = TestModel::CaseName(tc);
            sc.pattern = TestModel::GtestPattern(tc);
            sc.chain = it->second;
            sc.test_case = static_cast<int>(c);
            st.cases.push_back(std::move(sc));
          }
          if (!st.cases.empty() && st.cases.size() == t.cases.size() && !t.single_case)
            st.whole = true;
        }
      }
    }
    if (st.cases.empty()) continue;
    if (t.exe >= 0) exes.insert(t.exe);
    out->tests.push_back(std::move(st));
  }
  out->selected_executables = exes.size();
  for (const auto& s : seeds)
    if (s.node != kNoNode && IsFunctionKind(g.symbol(s.node).kind)) ++out->changed_functions;
}

}  // namespace

namespace {

// `ctx` with its roots: the given ones, or `local` computed from the graph.
SelectContext WithRoots(const SelectContext& ctx, TestRoots* local) {
  SelectContext c = ctx;
  if (!c.roots) {
    *local = FindTestRoots(*ctx.graph);
    c.roots = local;
  }
  return c;
}

}  // namespace

bool SelectForChanges(const SelectContext& given, const std::vector<FileChange>& changes,
                      Selection* out, std::string* err) {
  TestRoots local_roots;
  const SelectContext ctx = WithRoots(given, &local_roots);
  Analyzer analyzer(ctx);
  std::vector<ChangedEntity> seeds;
  std::vector<std::pair<uint32_t, std::string>> file_level;
  std::vector<std::pair<const PathRule*, std::string>> rule_hits;
  std::vector<std::pair<std::string, std::string>> registrations;  // file, reason
  out->changed_files = changes;
  for (const FileChange& fc : changes) {
    FileVerdict v;
    if (!analyzer.Classify(fc, &seeds, &v, err)) return false;
    const std::string& rel = fc.new_path.empty() ? fc.old_path : fc.new_path;
    if (v.registrations)
      registrations.push_back(
          {ctx.repo->workdir() + "/" + rel, "test cases added, removed or renamed in " + rel});
    switch (v.kind) {
      case FileVerdict::kIgnore:
      case FileVerdict::kEntities:
        break;
      case FileVerdict::kAll:
        if (!out->all) {
          out->all = true;
          out->all_reason = v.reason;
        }
        out->changed.push_back({kNoNode, rel, 0, "file-level: " + v.reason, true});
        break;
      case FileVerdict::kRuleTests:
        rule_hits.push_back({v.rule, v.reason});
        out->changed.push_back({kNoNode, rel, 0, "rule: " + v.reason, true});
        break;
      case FileVerdict::kFileLevel: {
        bool placed = false;
        for (const std::string* p : {&fc.new_path, &fc.old_path}) {
          if (p->empty()) continue;
          int f = ctx.graph->FileIndex(ctx.repo->workdir() + "/" + *p);
          if (f >= 0) {
            file_level.push_back({static_cast<uint32_t>(f), "file-level: " + v.reason});
            placed = true;
          }
        }
        if (!placed && !out->all) {
          // No executable compiles the file now (it was deleted or renamed away):
          // nothing can be narrowed, select everything.
          out->all = true;
          out->all_reason = v.reason + " (and no current TU reads it)";
        }
        out->changed.push_back({kNoNode, rel, 0, "file-level: " + v.reason, true});
        break;
      }
    }
  }
  // Deduplicate seeds by node, keeping the first place each was seen.
  std::vector<ChangedEntity> unique;
  std::set<NodeId> seen;
  for (auto& s : seeds)
    if (seen.insert(s.node).second) unique.push_back(std::move(s));
  ExpandSeeds(*ctx.graph, &unique);
  for (const auto& s : unique) out->changed.push_back(s);
  Assemble(ctx, unique, file_level, rule_hits, registrations, out);
  return true;
}

void SelectForEntities(const SelectContext& given, const std::vector<ChangedEntity>& seeds,
                       Selection* out) {
  TestRoots local_roots;
  const SelectContext ctx = WithRoots(given, &local_roots);
  std::vector<ChangedEntity> expanded;
  std::vector<std::pair<uint32_t, std::string>> file_level;
  // The framework's own code reaches every test that compiles it.
  for (const ChangedEntity& e : seeds) {
    if (e.node == kNoNode || !ctx.roots->IsFrameworkNode(e.node)) {
      expanded.push_back(e);
      continue;
    }
    for (const GraphDecl& d : ctx.graph->Decls(e.node))
      file_level.push_back({d.file, "file-level: " + e.file + " is part of the test framework (" +
                                        ctx.roots->FrameworkOfFile(d.file) + ")"});
  }
  ExpandSeeds(*ctx.graph, &expanded);
  out->changed = expanded;
  Assemble(ctx, expanded, file_level, {}, {}, out);
}

void SelectForFiles(const SelectContext& given,
                    const std::vector<std::pair<uint32_t, std::string>>& files, Selection* out) {
  TestRoots local_roots;
  const SelectContext ctx = WithRoots(given, &local_roots);
  for (const auto& [f, reason] : files)
    out->changed.push_back({kNoNode, ctx.graph->files()[f], 0, reason, true});
  Assemble(ctx, {}, files, {}, {}, out);
}

bool ResolveTarget(const SelectContext& ctx, const std::string& spec,
                   std::vector<ChangedEntity>* out, std::string* err) {
  const CodeGraph& g = *ctx.graph;
  std::string root = ctx.repo ? ctx.repo->workdir() : "";
  // FILE[:LINE]
  std::string file = spec;
  int line = 0;
  if (size_t colon = spec.rfind(':');
      colon != std::string::npos && colon + 1 < spec.size() &&
      spec.find_first_not_of("0123456789", colon + 1) == std::string::npos &&
      (colon == 0 || spec[colon - 1] != ':')) {
    file = spec.substr(0, colon);
    // Digits only (checked above), so the one failure is a value past int's range.
    auto [p, ec] = std::from_chars(spec.data() + colon + 1, spec.data() + spec.size(), line);
    if (ec != std::errc() || line < 1) {
      *err = spec + ": line " + spec.substr(colon + 1) + " is out of range (lines are 1 to " +
             std::to_string(std::numeric_limits<int>::max()) + ")";
      return false;
    }
  }
  char cwd[4096];
  std::string base = getcwd(cwd, sizeof(cwd)) ? cwd : root;
  int f = g.FileIndex(NormalizePath(file, base));
  if (f < 0 && !root.empty()) f = g.FileIndex(NormalizePath(file, root));
  if (f >= 0) {
    std::string rel = RelativeTo(g.files()[f], root);
    const GraphDecl* best = nullptr;
    NodeId best_node = kNoNode;
    for (NodeId n = 0; n < g.size(); ++n) {
      for (const GraphDecl& d : g.Decls(n)) {
        if (d.file != static_cast<uint32_t>(f)) continue;
        if (g.symbol(n).kind == SymbolKind::kNamespace) continue;
        if (line == 0) {
          if (d.is_definition)
            out->push_back(
                {n, rel, d.line_start,
                 std::string(SymbolKindName(g.symbol(n).kind)) + " " + g.symbol(n).qualified_name});
          continue;
        }
        if (line < d.line_start || line > d.line_end) continue;
        if (!best || d.line_end - d.line_start < best->line_end - best->line_start) {
          best = &d;
          best_node = n;
        }
      }
    }
    if (best)
      out->push_back({best_node, rel, line,
                      std::string(SymbolKindName(g.symbol(best_node).kind)) + " " +
                          g.symbol(best_node).qualified_name});
    if (out->empty()) {
      *err = spec + ": no function, type or variable " +
             (line ? "at that line" : "is defined in that file");
      return false;
    }
    return true;
  }
  for (NodeId n : g.Lookup(spec)) {
    std::string where;
    int l = 0;
    for (const GraphDecl& d : g.Decls(n)) {
      if (where.empty() || d.is_definition) {
        where = RelativeTo(g.files()[d.file], root);
        l = d.line_start;
      }
    }
    if (where.empty()) continue;
    out->push_back(
        {n, where, l,
         std::string(SymbolKindName(g.symbol(n).kind)) + " " + g.symbol(n).qualified_name});
  }
  if (out->empty()) {
    *err = spec + ": no indexed file or symbol of that name";
    return false;
  }
  return true;
}

}  // namespace tia
