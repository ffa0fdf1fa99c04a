// Change classification and line mapping (see classify.h).
//
// Each changed file is classified: a build input or a file no rule or index explains
// selects everything; a file under a tia.toml rule selects what the rule says; an indexed
// file has its changed lines mapped to the innermost declaration on the old side (old
// blob's shard) and the new side (new blob's shard). Lines that hold no code are ignored;
// lines no declaration explains fall back to the file level. The changed entities are then
// expanded by the rules for types, fields, special members and enumerators.
#include "classify.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "tia/select/coverage.h"
#include "tia/store/graph_rows.h"
#include "tia/util/fs.h"
#include "tia/util/hash.h"

namespace tia {
namespace {

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

}  // namespace

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

namespace {

// The tokens of `n`'s definition in `sv` from the start of its extent to its body's
// opening brace, inclusive; nullopt without a definition or a brace.
std::optional<std::vector<std::string>> Signature(const ShardView& sv, const CodeText& code,
                                                  NodeId n) {
  if (code.tokens.empty()) return std::nullopt;
  for (const auto& d : sv.decls) {
    if (d.node != n || !d.is_definition) continue;
    // Punctuation comes in runs ("{}", "){"): compared character by character, so an empty
    // body `{}` and a body `{ x; }` have the same tokens up to the brace.
    std::vector<std::string> sig;
    for (std::string& t : TokensInLines(code, d.start, d.end - d.start + 1)) {
      unsigned char first = t.empty() ? 0 : static_cast<unsigned char>(t[0]);
      bool punct = first && !std::isalnum(first) && first != '_' && first != '"' && first != '\'' &&
                   first < 0x80;
      if (!punct) {
        sig.push_back(std::move(t));
        continue;
      }
      for (char c : t) {
        sig.emplace_back(1, c);
        if (c == '{') return sig;
      }
    }
    return std::nullopt;
  }
  return std::nullopt;
}

bool LoadShard(Db& db, const CodeGraph& graph, const std::string& abs_path,
               const std::string& content_id, ShardView* out, std::string* err) {
  *out = ShardView();
  if (content_id.empty()) return true;
  ShardFacts facts;
  if (!ReadShardFacts(db, abs_path, content_id, &facts, err)) return false;
  out->found = facts.found;
  out->is_system = facts.is_system;
  for (const ShardFacts::Decl& d : facts.decls) {
    NodeId n = graph.NodeForDbId(d.symbol_id);
    if (n == kNoNode) continue;
    out->decls.push_back({n, d.is_definition, d.line_start, d.line_end});
  }
  out->include_lines.insert(facts.include_lines.begin(), facts.include_lines.end());
  for (const ShardFacts::Case& c : facts.cases) out->case_lines[c.line] = c.suite + "." + c.name;
  return true;
}

}  // namespace

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
  std::string framework_reason;  // set: narrowed by coverage, else the file level
  if (ctx_.roots) {
    for (const std::string* p : {&fc.new_path, &fc.old_path}) {
      if (p->empty()) continue;
      int f = g_.FileIndex(Abs(*p));
      if (f < 0) continue;
      const std::string& fw = ctx_.roots->FrameworkOfFile(static_cast<uint32_t>(f));
      if (fw.empty()) continue;
      v->kind = FileVerdict::kFileLevel;
      v->reason = *p + " is part of the test framework (" + fw + ")";
      if (!coverage_applies_) return true;
      framework_reason = v->reason;
      break;
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
  // A function changed inside its body only: both versions define it with the same tokens
  // up to the body's opening brace, and none of them makes its type or a compile-time
  // value depend on the body (constexpr, consteval, a deduced return type).
  std::map<NodeId, bool> body_only;
  auto in_body = [&](NodeId n) {
    auto [it, fresh] = body_only.try_emplace(n, false);
    if (!fresh) return it->second;
    if (n == kNoNode || !IsFunctionKind(g_.symbol(n).kind) || !old_needed || !new_needed)
      return false;
    auto a = Signature(old_shard, old_code, n), b = Signature(new_shard, new_code, n);
    if (!a || !b || *a != *b) return false;
    // `auto` before a trailing return type (`auto f() -> bool`, the `->` outside every
    // parenthesis) deduces nothing; after it, or without one, it does.
    // (Signature gives punctuation one character at a time.)
    bool trailing = false;
    int depth = 0;
    for (size_t i = 0; i < a->size(); ++i) {
      const std::string& t = (*a)[i];
      if (t == "constexpr" || t == "consteval" || t == "decltype") return false;
      if (t == "auto" && trailing) return false;
      if (t == "(") ++depth;
      if (t == ")") --depth;
      if (t == "-" && i + 1 < a->size() && (*a)[i + 1] == ">" && depth == 0) trailing = true;
    }
    if (!trailing && std::find(a->begin(), a->end(), "auto") != a->end()) return false;
    return it->second = true;
  };
  for (auto* side : {&old_seeds, &new_seeds})
    for (ChangedEntity& e : *side) e.body_only = in_body(e.node);
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
  if (!framework_reason.empty() && v->kind == FileVerdict::kEntities) {
    // The framework's code is narrowed only by what each case ran.
    const CoverageIndex* cov = ctx_.coverage;
    bool all_covered = true;
    for (size_t i = before; i < seeds->size(); ++i) {
      const ChangedEntity& e = (*seeds)[i];
      all_covered &= e.node != kNoNode && e.body_only && IsFunctionKind(g_.symbol(e.node).kind) &&
                     e.node < cov->known.size() && cov->known[e.node];
    }
    if (!all_covered) {
      seeds->resize(before);
      v->kind = FileVerdict::kFileLevel;
      v->reason = framework_reason;
    }
  }
  return true;
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

}  // namespace tia
