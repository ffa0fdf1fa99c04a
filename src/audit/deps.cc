// Include closures for `tia deps` / `tia rdeps`, the TUs that read a file and the tests
// a change to it selects (see tia/audit/deps.h).
#include "tia/audit/deps.h"

#include <algorithm>
#include <deque>
#include <set>

#include "tia/store/facts.h"
#include "tia/util/fs.h"

namespace tia {

DepsResult ComputeDeps(const AuditModel& m, uint32_t start, const DepsOptions& o) {
  DepsResult r;
  r.start = start;
  r.reverse = o.reverse;
  std::vector<char> seen(m.file_count(), 0);
  seen[start] = 1;
  r.entries.push_back({start, 0, -1});
  std::deque<size_t> queue = {0};
  while (!queue.empty()) {
    DepsEntry cur = r.entries[queue.front()];
    queue.pop_front();
    if (o.depth > 0 && cur.depth >= o.depth) continue;
    const auto& edges = o.reverse ? m.IncludersOf(cur.file) : m.IncludesOf(cur.file);
    for (uint32_t e : edges) {
      const IncludeEdge& ie = m.includes()[e];
      uint32_t next = o.reverse ? ie.from : ie.to;
      if (seen[next]) continue;
      seen[next] = 1;
      if (m.IsSystem(next) && !o.system) {
        ++r.system_hidden;
        continue;
      }
      r.entries.push_back({next, cur.depth + 1, static_cast<int>(e)});
      queue.push_back(r.entries.size() - 1);
    }
  }
  return r;
}

std::vector<ReadingTu> TusReadingFile(const AuditModel& m, uint32_t f) {
  std::vector<ReadingTu> out;
  for (uint32_t t : m.TusReading(f)) {
    ReadingTu r;
    r.main_file = m.graph().tus()[t].main_file;
    for (int tg : m.TargetsOfTu(t)) r.targets.push_back(m.build().targets[tg].name);
    std::sort(r.targets.begin(), r.targets.end());
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [&](const ReadingTu& a, const ReadingTu& b) {
    return std::make_pair(m.Rel(a.main_file), a.targets) <
           std::make_pair(m.Rel(b.main_file), b.targets);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const ReadingTu& a, const ReadingTu& b) {
                          return a.main_file == b.main_file && a.targets == b.targets;
                        }),
            out.end());
  return out;
}

FileTests TestsOfFile(const AuditModel& m, uint32_t f) {
  FileTests out;
  SelectForFiles(m.select(), {{f, "file-level: " + m.Rel(f) + " changed"}}, &out.file_level);
  const CodeGraph& g = m.graph();
  std::string path = g.files()[f];
  if (m.select().repo) path = RelativeTo(path, m.select().repo->workdir());
  std::vector<ChangedEntity> seeds;
  for (NodeId n = 0; n < g.size(); ++n) {
    const GraphSymbol& s = g.symbol(n);
    if (!IsFunctionKind(s.kind)) continue;
    for (const GraphDecl& d : g.Decls(n)) {
      if (d.file != f) continue;
      seeds.push_back(
          {n, path, d.line_start, std::string(SymbolKindName(s.kind)) + " " + s.qualified_name});
      break;
    }
  }
  out.functions = seeds.size();
  if (!seeds.empty()) SelectForEntities(m.select(), seeds, &out.function_level);
  return out;
}

}  // namespace tia
