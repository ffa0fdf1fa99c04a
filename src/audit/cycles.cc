// Include cycles: Tarjan's strongly connected components over the project include graph
// (system headers excluded), each with one shortest loop through its first file.
#include <algorithm>
#include <deque>

#include "tia/audit/audit.h"

namespace tia {
namespace {

// Iterative Tarjan: component id of every project file (-1 for system files).
std::vector<int> Components(const AuditModel& m, int* count) {
  size_t n = m.file_count();
  std::vector<int> index(n, -1), low(n, 0), comp(n, -1);
  std::vector<char> on_stack(n, 0);
  std::vector<uint32_t> stack;
  int next = 0;
  *count = 0;
  struct Frame {
    uint32_t f;
    size_t edge;
  };
  for (uint32_t start = 0; start < n; ++start) {
    if (index[start] >= 0 || m.IsSystem(start)) continue;
    std::vector<Frame> frames = {{start, 0}};
    index[start] = low[start] = next++;
    stack.push_back(start);
    on_stack[start] = 1;
    while (!frames.empty()) {
      Frame& fr = frames.back();
      const auto& out = m.IncludesOf(fr.f);
      if (fr.edge < out.size()) {
        uint32_t to = m.includes()[out[fr.edge++]].to;
        if (m.IsSystem(to)) continue;
        if (index[to] < 0) {
          index[to] = low[to] = next++;
          stack.push_back(to);
          on_stack[to] = 1;
          frames.push_back({to, 0});
        } else if (on_stack[to]) {
          low[fr.f] = std::min(low[fr.f], index[to]);
        }
        continue;
      }
      uint32_t f = fr.f;
      frames.pop_back();
      if (!frames.empty()) low[frames.back().f] = std::min(low[frames.back().f], low[f]);
      if (low[f] == index[f]) {
        for (;;) {
          uint32_t x = stack.back();
          stack.pop_back();
          on_stack[x] = 0;
          comp[x] = *count;
          if (x == f) break;
        }
        ++*count;
      }
    }
  }
  return comp;
}

// Edges of a shortest loop from `start` back to itself inside component c (BFS).
std::vector<uint32_t> ShortestLoop(const AuditModel& m, const std::vector<int>& comp,
                                   uint32_t start) {
  int c = comp[start];
  std::vector<int> via(m.file_count(), -1);
  std::deque<uint32_t> queue = {start};
  std::vector<char> seen(m.file_count(), 0);
  seen[start] = 1;
  while (!queue.empty()) {
    uint32_t f = queue.front();
    queue.pop_front();
    for (uint32_t e : m.IncludesOf(f)) {
      uint32_t to = m.includes()[e].to;
      if (comp[to] != c) continue;
      if (to == start) {
        std::vector<uint32_t> loop = {e};
        for (uint32_t x = f; x != start; x = m.includes()[via[x]].from) loop.push_back(via[x]);
        std::reverse(loop.begin(), loop.end());
        return loop;
      }
      if (seen[to]) continue;
      seen[to] = 1;
      via[to] = static_cast<int>(e);
      queue.push_back(to);
    }
  }
  return {};
}

}  // namespace

std::vector<IncludeCycle> FindIncludeCycles(const AuditModel& m) {
  int count = 0;
  std::vector<int> comp = Components(m, &count);
  std::vector<IncludeCycle> cycles(count);
  for (uint32_t f = 0; f < m.file_count(); ++f)
    if (comp[f] >= 0) cycles[comp[f]].files.push_back(f);
  for (uint32_t e = 0; e < m.includes().size(); ++e) {
    const IncludeEdge& ie = m.includes()[e];
    if (comp[ie.from] >= 0 && comp[ie.from] == comp[ie.to])
      cycles[comp[ie.from]].edges.push_back(e);
  }
  std::erase_if(cycles, [](const IncludeCycle& c) { return c.edges.empty(); });
  for (IncludeCycle& c : cycles) {
    std::sort(c.files.begin(), c.files.end(),
              [&](uint32_t a, uint32_t b) { return m.Rel(a) < m.Rel(b); });
    c.loop = ShortestLoop(m, comp, c.files[0]);
  }
  std::sort(cycles.begin(), cycles.end(), [&](const IncludeCycle& a, const IncludeCycle& b) {
    if (a.files.size() != b.files.size()) return a.files.size() < b.files.size();
    return m.Rel(a.files[0]) < m.Rel(b.files[0]);
  });
  return cycles;
}

}  // namespace tia
