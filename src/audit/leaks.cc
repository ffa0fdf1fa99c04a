// Test code in production: TUs compiled into a production target (one no test target
// alone consumes) that include a test header, found by a breadth-first walk of the
// include graph from each TU's main file that stops at the first test header on a path.
#include <algorithm>
#include <deque>
#include <set>

#include "tia/audit/audit.h"

namespace tia {

std::vector<TestLeak> FindTestLeaks(const AuditModel& m) {
  const CodeGraph& g = m.graph();
  std::vector<TestLeak> leaks;
  std::set<std::pair<uint32_t, uint32_t>> seen;  // (main file, header)
  std::vector<int> via(m.file_count(), -1);
  std::vector<uint32_t> stamp(m.file_count(), 0);
  uint32_t cur = 0;
  // TUs by main file (TU order follows the database's rows); for each, its production
  // target of the smallest name.
  std::vector<size_t> order(g.tus().size());
  for (size_t t = 0; t < order.size(); ++t) order[t] = t;
  auto production_of = [&](size_t t) {
    int best = -1;
    for (int tg : m.TargetsOfTu(t))
      if (!m.IsTestTarget(tg) &&
          (best < 0 || m.build().targets[tg].name < m.build().targets[best].name))
        best = tg;
    return best;
  };
  auto name_of = [&](int tg) { return tg < 0 ? std::string() : m.build().targets[tg].name; };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::make_pair(m.Rel(g.tus()[a].main_file), name_of(production_of(a))) <
           std::make_pair(m.Rel(g.tus()[b].main_file), name_of(production_of(b)));
  });
  for (size_t t : order) {
    int production = production_of(t);
    uint32_t main = g.tus()[t].main_file;
    if (production < 0) continue;
    ++cur;
    std::deque<uint32_t> queue = {main};
    stamp[main] = cur;
    via[main] = -1;
    while (!queue.empty()) {
      uint32_t f = queue.front();
      queue.pop_front();
      for (uint32_t e : m.IncludesOf(f)) {
        uint32_t to = m.includes()[e].to;
        if (stamp[to] == cur) continue;
        stamp[to] = cur;
        via[to] = static_cast<int>(e);
        if (!m.IsTestPath(to)) {
          queue.push_back(to);
          continue;
        }
        if (!seen.insert({main, to}).second) continue;
        TestLeak leak{production, main, to, {}};
        for (uint32_t x = to; via[x] >= 0; x = m.includes()[via[x]].from)
          leak.chain.push_back(static_cast<uint32_t>(via[x]));
        std::reverse(leak.chain.begin(), leak.chain.end());
        leaks.push_back(std::move(leak));
      }
    }
  }
  std::sort(leaks.begin(), leaks.end(), [&](const TestLeak& a, const TestLeak& b) {
    return std::make_pair(m.Rel(a.tu_file), m.Rel(a.header)) <
           std::make_pair(m.Rel(b.tu_file), m.Rel(b.header));
  });
  return leaks;
}

}  // namespace tia
