// Unused includes. An `#include "h"` in a source file I (the main file of a TU) is unused
// when nothing I uses is declared in h or in what h alone brings in (files no other
// include of I reaches), counting as uses: I's edges (calls, references, type uses, macro
// expansions, instantiations) and its own declarations (defining what h declares);
// symbols that files reached through I's other includes use without including them
// (include-order reliance); macro names written anywhere in I (#ifdef and #if leave no
// edge); and, because system headers carry no declarations in the index, any use of a
// system symbol when h alone brings in a system header. Includes in headers are not
// judged: a header may include what its includers need, inside the index or outside it
// (umbrella and public headers). `// IWYU pragma: keep` or `export` keeps an include.
#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "tia/audit/audit.h"
#include "tia/util/fs.h"

namespace tia {
namespace {

bool IsHeaderName(const std::string& path) {
  static const char* const kExts[] = {".h", ".hh", ".hpp", ".hxx", ".h++"};
  for (const char* ext : kExts) {
    size_t n = std::char_traits<char>::length(ext);
    if (path.size() > n && path.compare(path.size() - n, n, ext) == 0) return true;
  }
  return false;
}

// Line `line` (1-based) of `text`, without its newline.
std::string_view LineOf(const std::string& text, int line) {
  size_t start = 0;
  for (int l = 1; l < line && start != std::string::npos; ++l) {
    start = text.find('\n', start);
    if (start != std::string::npos) ++start;
  }
  if (start == std::string::npos || start > text.size()) return {};
  size_t end = text.find('\n', start);
  return std::string_view(text).substr(start, end == std::string::npos ? end : end - start);
}

class UnusedFinder {
 public:
  explicit UnusedFinder(const AuditModel& m) : m_(m), g_(m.graph()) {
    size_t nf = m.file_count();
    uses_.assign(nf, {});
    macros_.assign(nf, {});
    for (NodeId n = 0; n < g_.size(); ++n) {
      // Every header reopens its namespaces: a namespace is no use of the header.
      if (g_.symbol(n).kind == SymbolKind::kNamespace) continue;
      for (const GraphEdge& e : g_.In(n)) uses_[e.file].push_back(n);
      bool project = false;
      for (const GraphDecl& d : g_.Decls(n)) {
        uses_[d.file].push_back(n);
        if (g_.symbol(n).kind == SymbolKind::kMacro) macros_[d.file].push_back(n);
        project |= !m.IsSystem(d.file);
      }
      if (!project) system_symbol_.insert(n);
    }
    for (auto& u : uses_) {
      std::sort(u.begin(), u.end());
      u.erase(std::unique(u.begin(), u.end()), u.end());
    }
    mark_.assign(nf, 0);
    alone_mark_.assign(nf, 0);
  }

  // The unused includes among the directives of file I, appended to out.
  void Scan(uint32_t I, std::vector<UnusedInclude>* out);

 private:
  bool Unused(uint32_t edge, const std::unordered_map<uint32_t, int>& reach,
              const std::vector<uint32_t>& users);

  const std::vector<uint32_t>& Closure(uint32_t f);
  // The file's text (null when unreadable) and the identifiers written in it.
  const std::string* Text(uint32_t f);
  const std::unordered_set<std::string>* Identifiers(uint32_t f);
  // True when a symbol used in `file` is declared in a file whose mark equals `stamp`.
  bool UsesMarked(uint32_t file, const std::vector<uint32_t>& marks, uint32_t stamp) const;

  const AuditModel& m_;
  const CodeGraph& g_;
  std::vector<std::vector<NodeId>> uses_;
  std::unordered_set<NodeId> system_symbol_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> closures_;
  std::vector<std::vector<NodeId>> macros_;  // macros defined in each file
  std::unordered_map<uint32_t, std::unique_ptr<std::string>> texts_;
  std::unordered_map<uint32_t, std::unique_ptr<std::unordered_set<std::string>>> idents_;
  std::vector<uint32_t> mark_, alone_mark_;
  uint32_t stamp_ = 0;
};

const std::vector<uint32_t>& UnusedFinder::Closure(uint32_t f) {
  auto it = closures_.find(f);
  if (it != closures_.end()) return it->second;
  std::vector<uint32_t> out = {f};
  std::unordered_set<uint32_t> seen = {f};
  for (size_t i = 0; i < out.size(); ++i)
    for (uint32_t e : m_.IncludesOf(out[i]))
      if (seen.insert(m_.includes()[e].to).second) out.push_back(m_.includes()[e].to);
  return closures_.emplace(f, std::move(out)).first->second;
}

const std::string* UnusedFinder::Text(uint32_t f) {
  auto it = texts_.find(f);
  if (it != texts_.end()) return it->second.get();
  auto text = std::make_unique<std::string>();
  std::string err;
  if (!ReadFile(g_.files()[f], text.get(), &err)) text.reset();
  return texts_.emplace(f, std::move(text)).first->second.get();
}

const std::unordered_set<std::string>* UnusedFinder::Identifiers(uint32_t f) {
  auto it = idents_.find(f);
  if (it != idents_.end()) return it->second.get();
  const std::string* text = Text(f);
  std::unique_ptr<std::unordered_set<std::string>> ids;
  if (text) {
    ids = std::make_unique<std::unordered_set<std::string>>();
    for (size_t i = 0; i < text->size();) {
      unsigned char c = static_cast<unsigned char>((*text)[i]);
      if (!std::isalpha(c) && c != '_') {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < text->size() &&
             (std::isalnum(static_cast<unsigned char>((*text)[j])) || (*text)[j] == '_'))
        ++j;
      ids->insert(text->substr(i, j - i));
      i = j;
    }
  }
  return idents_.emplace(f, std::move(ids)).first->second.get();
}

bool UnusedFinder::UsesMarked(uint32_t file, const std::vector<uint32_t>& marks,
                              uint32_t stamp) const {
  for (NodeId u : uses_[file])
    for (const GraphDecl& d : g_.Decls(u))
      if (marks[d.file] == stamp) return true;
  return false;
}

void UnusedFinder::Scan(uint32_t I, std::vector<UnusedInclude>* out) {
  if (m_.IsSystem(I) || !m_.IsMainFile(I) || m_.IncludesOf(I).empty()) return;
  // How many of I's includes bring in each file.
  std::unordered_map<uint32_t, int> reach;
  for (uint32_t e : m_.IncludesOf(I))
    for (uint32_t f : Closure(m_.includes()[e].to)) reach[f]++;
  std::vector<uint32_t> users = {I};
  for (uint32_t e : m_.IncludesOf(I))
    if (Unused(e, reach, users)) out->push_back({e});
}

bool UnusedFinder::Unused(uint32_t edge, const std::unordered_map<uint32_t, int>& reach,
                          const std::vector<uint32_t>& users) {
  const IncludeEdge& ie = m_.includes()[edge];
  uint32_t I = ie.from, H = ie.to;
  if (m_.IsSystem(H) || !IsHeaderName(g_.files()[H])) return false;
  if (const std::string* text = Text(I)) {
    std::string_view line = LineOf(*text, ie.line);
    if (line.find("IWYU pragma: keep") != std::string_view::npos ||
        line.find("IWYU pragma: export") != std::string_view::npos)
      return false;
  }
  // Files only this include brings in (reached once, through H).
  ++stamp_;
  bool alone_system = false;
  for (uint32_t f : Closure(H)) {
    bool is_alone = reach.at(f) == 1;
    if (f == H || is_alone) mark_[f] = stamp_;
    if (is_alone) {
      alone_mark_[f] = stamp_;
      alone_system |= m_.IsSystem(f);
    }
  }
  for (uint32_t u : users) {
    if (UsesMarked(u, mark_, stamp_)) return false;
    if (alone_system)
      for (NodeId n : uses_[u])
        if (system_symbol_.count(n)) return false;
  }
  // Files reached through the other includes that rely on what H alone brings in.
  for (const auto& [f, count] : reach)
    if (alone_mark_[f] != stamp_ && !m_.IsSystem(f) && UsesMarked(f, alone_mark_, stamp_))
      return false;
  // Macros tested with #ifdef / #if defined() leave no edge: look for their names.
  std::vector<const std::string*> macros;
  for (uint32_t f : Closure(H))
    if (mark_[f] == stamp_)
      for (NodeId n : macros_[f]) macros.push_back(&g_.symbol(n).name);
  if (macros.empty()) return true;
  for (uint32_t u : users) {
    const std::unordered_set<std::string>* ids = Identifiers(u);
    if (!ids) return false;  // unreadable: cannot tell, keep the include
    for (const std::string* name : macros)
      if (ids->count(*name)) return false;
  }
  return true;
}

}  // namespace

std::vector<UnusedInclude> FindUnusedIncludes(const AuditModel& m) {
  UnusedFinder finder(m);
  std::vector<UnusedInclude> out;
  for (uint32_t f = 0; f < m.file_count(); ++f) finder.Scan(f, &out);
  std::sort(out.begin(), out.end(), [&](const UnusedInclude& a, const UnusedInclude& b) {
    const IncludeEdge& x = m.includes()[a.edge];
    const IncludeEdge& y = m.includes()[b.edge];
    return std::make_pair(m.Rel(x.from), x.line) < std::make_pair(m.Rel(y.from), y.line);
  });
  return out;
}

}  // namespace tia
