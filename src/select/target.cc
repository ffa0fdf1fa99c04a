// Target resolution for `tia tests-for` (see tia/select/selector.h): a FILE[:LINE] or a
// symbol name to the entities of the current index it names.
#include <unistd.h>

#include <charconv>
#include <limits>

#include "tia/select/selector.h"
#include "tia/util/fs.h"

namespace tia {

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
