// What `tia run --list` prints: the plan's lines (ListLines in tia/run/plan.h), with the
// cases of --isolate, --shuffle and parameterized or typed GoogleTest cases as the
// programs name and order them (RunOrderLines in tia/run/runner.h).
#include <string>
#include <vector>

#include "tia/run/context.h"
#include "tia/run/isolate.h"
#include "tia/run/listing.h"
#include "tia/run/runner.h"
#include "tia/util/fs.h"

namespace tia::run {

std::vector<std::string> ListLines(const Plan& plan) {
  std::vector<std::string> out;
  for (const Job& j : plan.jobs) {
    if (!j.cases_known) {
      out.push_back(j.ctest.name);
      continue;
    }
    for (const PlannedCase& c : j.cases) out.push_back(c.FullName());
  }
  return out;
}

std::vector<std::string> RunOrderLines(const Plan& plan, const RunOptions& o,
                                       const std::string& build_dir, std::ostream& log) {
  // Parameterized and typed GoogleTest cases are listed by the names the program prints
  // (AllOps/OpsTest.Apply/0), which only the built program knows.
  auto templated = [](const Job& j) {
    if (!j.gtest || !j.cases_known) return false;
    for (const PlannedCase& c : j.cases)
      if (c.pattern.find('*') != std::string::npos) return true;
    return false;
  };
  bool any_templated = false;
  for (const Job& j : plan.jobs) any_templated |= templated(j);
  if (!o.isolate && !o.shuffle_seed && !any_templated) return ListLines(plan);
  TempDir tmp("tia-run");
  RunContext ctx;
  ctx.o = &o;
  ctx.build_dir = build_dir;
  ctx.tmp = tmp.path();
  ctx.log_dir = tmp.path();
  std::vector<Job> jobs = plan.jobs;
  if (o.isolate) {
    jobs = Isolate(jobs, ctx, &log);
    OrderJobs(&jobs, o.shuffle_seed);
  }
  std::vector<std::string> out;
  for (const Job& j : jobs) {
    if (!j.cases_known) {
      out.push_back(j.ctest.name);
      continue;
    }
    if (!j.only.empty()) {
      out.push_back(j.only[0]);
      continue;
    }
    std::vector<std::string> order;
    std::string err;
    if (o.shuffle_seed && j.reselect && j.cases.size() > 1) {
      if (ShuffledCaseOrder(j, ctx, *o.shuffle_seed, &order, &err)) {
        out.insert(out.end(), order.begin(), order.end());
        continue;
      }
      log << "tia: --list: the order inside " << j.ctest.name << " is unknown: " << err << "\n";
    }
    if (templated(j) && StatFile(j.executable)) {
      std::vector<std::string> names;
      if (ListCases(j, ctx, {}, &names, &err)) {
        out.insert(out.end(), names.begin(), names.end());
        continue;
      }
      log << "tia: --list: " << j.ctest.name << " could not list its cases: " << err << "\n";
    }
    for (const PlannedCase& c : j.cases) out.push_back(c.FullName());
  }
  return out;
}

}  // namespace tia::run
