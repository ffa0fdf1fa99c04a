// Executing a plan: parallel jobs in process groups, fixtures, RUN_SERIAL, RESOURCE_LOCK,
// PROCESSORS, --count, --failfast, --retry-failed, --isolate, --find-order-dependence,
// per-case results from the frameworks' reports, live output.
#pragma once

#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "tia/report/json_events.h"
#include "tia/report/result.h"
#include "tia/run/coverage.h"
#include "tia/run/order_finder.h"
#include "tia/run/plan.h"

namespace tia::run {

// Where results go while the run is in progress.
struct RunSinks {
  std::ostream* human = nullptr;            // ResultLine per result as tests end
  report::JsonEventWriter* json = nullptr;  // go test -json style events
  std::ostream* log = nullptr;              // "tia: ..." notes (stderr)
};

// The outcome of a run.
struct RunReport {
  std::vector<report::TestResult> results;  // final results (flaky ones merged), plan order
  int stop_signal = 0;                      // SIGINT/SIGTERM that stopped the run, else 0
  double elapsed = 0;
  int processes = 0;          // test processes started (reruns, --isolate and bisection included)
  int planned_processes = 0;  // processes the plan has before --isolate splits it
  double process_seconds = 0, case_seconds = 0;  // their wall time; the frameworks' case times
  std::vector<OrderFinding> order;               // --find-order-dependence
  std::vector<CoverageProcess> coverage;         // --record-coverage: every test process
  bool failed() const;
};

// Executes `plan` (skipped results are reported first). Stops starting jobs after a
// failure under --failfast and on SIGINT/SIGTERM (running groups are killed).
void ExecutePlan(const Plan& plan, const RunOptions& o, const std::string& build_dir,
                 const RunSinks& sinks, RunReport* report);

// --build: builds the CMake targets of the plan's jobs one target at a time. Jobs whose
// target failed to build move from plan->jobs to plan->build_failures as failed results
// (the build output as their output); the other targets still build. Returns the targets
// that failed to build.
std::set<std::string> BuildJobTargets(const std::string& build_dir, Plan* plan, std::ostream& log);

// What `--list` prints: ListLines, except that under --isolate the jobs are split into
// one process per case and under --shuffle each program's cases are in the order it will
// run them, which tia asks the programs for (GoogleTest's order is computed from its
// registration order and the seed). Problems go to `log`.
std::vector<std::string> RunOrderLines(const Plan& plan, const RunOptions& o,
                                       const std::string& build_dir, std::ostream& log);

// The --isolate summary line: "isolate: 12 processes instead of 4 (8 more); 0.31s of
// their 0.40s outside the cases". Empty when not isolating.
std::string IsolateLine(const RunReport& r, const RunOptions& o);

}  // namespace tia::run
