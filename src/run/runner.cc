// Executing a run plan (see tia/run/runner.h): the skipped results first, then --count
// rounds of jobs (--isolate splits them first), --retry-failed on the failures and
// --find-order-dependence on the first round, and the totals of the run.
#include "tia/run/runner.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "tia/run/attempt.h"
#include "tia/run/context.h"
#include "tia/run/emitter.h"
#include "tia/run/isolate.h"
#include "tia/run/listing.h"
#include "tia/run/process.h"
#include "tia/run/retry.h"
#include "tia/run/schedule.h"
#include "tia/util/strings.h"

namespace tia::run {

using Clock = std::chrono::steady_clock;
using report::Outcome;

bool RunReport::failed() const {
  return AnyFailure(results) || !order.empty();
}

void ExecutePlan(const Plan& plan, const RunOptions& o, const std::string& build_dir,
                 const RunSinks& sinks, RunReport* report) {
  auto start = Clock::now();
  Emitter emit(sinks, o);
  for (const auto& r : plan.build_failures) {
    emit.Result(r, false);
    report->results.push_back(r);
  }
  for (const auto& r : plan.skipped) {
    emit.Result(r, false);
    report->results.push_back(r);
  }
  TempDir tmp("tia-run");
  RunContext ctx;
  ctx.o = &o;
  ctx.build_dir = build_dir;
  ctx.tmp = tmp.path();
  ctx.log_dir = o.log_dir.empty() ? tmp.path() : o.log_dir;
  std::vector<Job> jobs = plan.jobs;
  // Catch2 3 keeps the console reporter the CTest command uses (one probe per program).
  std::map<std::string, int> catch_major;
  for (Job& j : jobs) {
    if (j.verbatim || j.framework != "catch2" || j.argv.empty()) continue;
    auto [it, fresh] = catch_major.try_emplace(j.executable, 0);
    if (fresh) it->second = CatchMajorVersion(j, ctx);
    j.catch_console = it->second >= 3;
  }
  // "Anonymous test case 1" names the program's only TEST_CASE() without a name when the
  // program lists one such name: a nameless METHOD_AS_TEST_CASE or REGISTER_TEST_CASE,
  // which the index does not see as a case, counts too. Otherwise the test runs whole.
  for (Job& j : jobs) {
    if (j.verbatim || j.framework != "catch2" || !j.narrowed) continue;
    auto anonymous = [](const std::string& n) { return StartsWith(n, "Anonymous test case "); };
    if (std::none_of(j.cases.begin(), j.cases.end(),
                     [&](const PlannedCase& pc) { return anonymous(pc.FullName()); }))
      continue;
    Job whole = AsCtestCommand(j);
    std::vector<std::string> names;
    std::string err;
    bool listed = ListCases(whole, ctx, {}, &names, &err);
    auto nameless = listed ? std::count_if(names.begin(), names.end(), anonymous) : 0;
    if (nameless == 1) continue;
    if (sinks.log)
      *sinks.log << "tia: " << j.ctest.name << " runs whole: "
                 << (!listed ? "cannot list its cases: " + err
                     : nameless > 1
                         ? std::string("the program has more than one case without a name")
                         : std::string("the program lists no case without a name"))
                 << "\n";
    j.argv = whole.argv;
    j.narrowed = false;
    j.cases_known = false;
  }
  report->planned_processes = static_cast<int>(jobs.size());
  if (o.isolate) {
    jobs = Isolate(jobs, ctx, sinks.log);
    OrderJobs(&jobs, o.shuffle_seed);
  }
  std::vector<std::vector<JobRun>> rounds;
  bool any_failed = false;
  for (int round = 0; round < std::max(1, o.count); ++round) {
    if (StopSignal() || (o.failfast && any_failed)) break;
    rounds.emplace_back();
    RunRound(jobs, ctx, round, emit, &rounds.back(), &any_failed);
  }
  if (o.retry_failed > 0) {
    for (size_t r = 0; r < rounds.size(); ++r) {
      for (size_t i = 0; i < rounds[r].size(); ++i) {
        JobRun& s = rounds[r][i];
        if (!s.job || !AnyFailure(s.results)) continue;
        Retry(&s, ctx, r > 0 ? "r" + std::to_string(r + 1) : "");
        for (const auto& res : s.results)
          if (report::IsFailure(res.outcome) || res.outcome == Outcome::kFlaky)
            emit.Result(res, false);
      }
    }
  }
  if (o.find_order && !rounds.empty() && !StopSignal()) {
    std::vector<JobRun> normal;
    for (const JobRun& s : rounds[0])
      if (s.job) normal.push_back(s);
    report->order = FindOrderDependence(normal, ctx, [&](const std::string& t) { emit.Note(t); });
    for (const OrderFinding& f : report->order) {
      if (sinks.human) *sinks.human << OrderLine(f) << "\n" << std::flush;
      if (sinks.json) {
        report::Event e;
        e.action = "order";
        e.package = f.package;
        e.test = f.test;
        e.reason = f.message;
        e.cause = f.cause;
        e.kind = f.victim ? "victim" : "brittle";
        sinks.json->Write(e);
      }
    }
  }
  for (auto& round : rounds) {
    for (auto& s : round) {
      if (!s.job) continue;
      for (auto& r : s.results) report->results.push_back(std::move(r));
    }
  }
  report->processes = ctx.processes;
  report->coverage = ctx.TakeCoverage();
  report->process_seconds = static_cast<double>(ctx.process_micros) / 1e6;
  report->case_seconds = static_cast<double>(ctx.case_micros) / 1e6;
  report->stop_signal = StopSignal();
  report->elapsed = std::chrono::duration<double>(Clock::now() - start).count();
}

std::string IsolateLine(const RunReport& r, const RunOptions& o) {
  if (!o.isolate) return "";
  double outside = std::max(0.0, r.process_seconds - r.case_seconds);
  return "isolate: " + std::to_string(r.processes) + " processes instead of " +
         std::to_string(r.planned_processes) + " (" +
         std::to_string(std::max(0, r.processes - r.planned_processes)) + " more); " +
         Secs(outside) + " of their " + Secs(r.process_seconds) +
         " outside the cases (start-up, set-up)";
}

}  // namespace tia::run
