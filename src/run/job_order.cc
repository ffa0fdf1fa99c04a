// Where and when jobs run: dealing them into --shard bins by their expected durations,
// and the order they start in (see ShardJobs and OrderJobs in tia/run/plan.h).
#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "tia/run/plan.h"

namespace tia::run {
namespace {

double Median(std::vector<double> v) {
  if (v.empty()) return 1.0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

void ShardJobs(std::vector<Job>* jobs, int k, int n) {
  if (n <= 1) return;
  std::vector<double> known;
  for (const Job& j : *jobs)
    if (j.estimate >= 0) known.push_back(j.estimate);
  double unknown = Median(known);
  std::vector<size_t> order(jobs->size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto est = [&](size_t i) { return (*jobs)[i].estimate >= 0 ? (*jobs)[i].estimate : unknown; };
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (est(a) != est(b)) return est(a) > est(b);
    return (*jobs)[a].ctest.name < (*jobs)[b].ctest.name;
  });
  std::vector<double> load(n, 0);
  std::vector<char> mine(jobs->size(), 0);
  for (size_t i : order) {
    int bin = static_cast<int>(std::min_element(load.begin(), load.end()) - load.begin());
    load[bin] += est(i);
    mine[i] = bin == k - 1;
  }
  std::vector<Job> kept;
  for (size_t i = 0; i < jobs->size(); ++i)
    if (mine[i]) kept.push_back(std::move((*jobs)[i]));
  *jobs = std::move(kept);
}

void OrderJobs(std::vector<Job>* jobs, std::optional<uint64_t> seed) {
  // By CTest name; the one-case jobs of --isolate keep their program's order.
  std::stable_sort(jobs->begin(), jobs->end(),
                   [](const Job& a, const Job& b) { return a.ctest.name < b.ctest.name; });
  // Fisher-Yates with an explicitly specified engine, so a seed means the same order on
  // every platform and standard library.
  if (seed) {
    std::mt19937_64 rng(*seed);
    for (size_t i = jobs->size(); i > 1; --i) {
      size_t j = static_cast<size_t>(rng() % i);
      std::swap((*jobs)[i - 1], (*jobs)[j]);
    }
  }
  // Stable topological order: repeatedly take the first job whose predecessors (those in
  // the plan) are all placed. A cycle (a test both before and after another) is broken
  // by taking the first remaining job.
  std::set<std::string> present, placed;
  for (const Job& j : *jobs) present.insert(j.ctest.name);
  std::vector<Job> rest = std::move(*jobs), out;
  jobs->clear();
  while (!rest.empty()) {
    size_t pick = 0;
    for (size_t i = 0; i < rest.size(); ++i) {
      bool ready = true;
      for (const std::string& dep : rest[i].after)
        if (present.count(dep) && !placed.count(dep) && dep != rest[i].ctest.name) ready = false;
      if (ready) {
        pick = i;
        break;
      }
    }
    placed.insert(rest[pick].ctest.name);
    out.push_back(std::move(rest[pick]));
    rest.erase(rest.begin() + static_cast<long>(pick));
  }
  *jobs = std::move(out);
}

}  // namespace tia::run
