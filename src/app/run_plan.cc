// Selecting, planning and building for `tia run` (see tia/app/run_plan.h).
#include "tia/app/run_plan.h"

#include <algorithm>

#include "tia/run/runner.h"

namespace tia::app {
namespace {

bool Plan(Session& s, const RunPlanOptions& o, const run::RunOptions& ro,
          const std::map<std::string, double>& durations, const Selection* sel, run::Plan* plan,
          std::string* err) {
  run::PlanInput in;
  in.build = &s.build();
  in.graph = &s.graph();
  in.tests = &s.tests();
  in.selection = o.all ? nullptr : sel;
  in.source_root = s.db().GetMeta("source_root").value_or(s.build().source_dir);
  in.durations = &durations;
  *plan = run::Plan();
  return run::BuildPlan(in, ro, plan, err);
}

}  // namespace

bool PlanRun(Session& s, const RunPlanOptions& o, const run::RunOptions& ro,
             const std::map<std::string, double>& durations, Selection* sel, run::Plan* plan,
             std::ostream& log, std::string* err) {
  if (!o.all && !SelectChange(s, o.change, sel, log, err)) return false;
  if (!Plan(s, o, ro, durations, sel, plan, err)) return false;
  if (!o.build) return true;
  std::set<std::string> built, broken;
  std::vector<report::TestResult> failures;
  // Each round builds the targets the plan needs that are not built yet. When one of them
  // was a gtest_discover_tests placeholder, its build discovered the real tests: read CTest
  // again and plan again (with --shard the real tests may fall into other shards, whose
  // targets the next round builds). At most one round per target.
  for (;;) {
    run::Plan part;
    bool placeholders = false;
    for (const run::Job& j : plan->jobs) {
      if (j.target.empty() || built.count(j.target)) continue;
      placeholders |= j.ctest.placeholder;
      part.jobs.push_back(j);
    }
    if (part.jobs.empty()) break;
    for (const run::Job& j : part.jobs) built.insert(j.target);
    std::set<std::string> b = run::BuildJobTargets(s.build().build_dir, &part, log);
    broken.insert(b.begin(), b.end());
    for (auto& f : part.build_failures) failures.push_back(std::move(f));
    if (!placeholders) break;
    if (!s.ReloadTests(err)) return false;
    if (!o.all) {
      Selection again;
      ChangeOptions quiet = o.change;
      quiet.verbose = false;  // every version the change needs was indexed the first time
      if (!SelectChange(s, quiet, &again, log, err)) return false;
      *sel = std::move(again);
    }
    if (!Plan(s, o, ro, durations, sel, plan, err)) return false;
  }
  std::erase_if(plan->jobs, [&](const run::Job& j) { return broken.count(j.target) > 0; });
  plan->build_failures = std::move(failures);
  return true;
}

}  // namespace tia::app
