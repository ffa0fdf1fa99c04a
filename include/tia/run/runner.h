// Executing a plan: parallel jobs in process groups, fixtures, RUN_SERIAL, --count,
// --failfast, --retry-failed, per-case results from GoogleTest reports, live output.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "tia/report/json_events.h"
#include "tia/report/result.h"
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
  bool failed() const;
};

// Executes `plan` (skipped results are reported first). Stops starting jobs after a
// failure under --failfast and on SIGINT/SIGTERM (running groups are killed).
void ExecutePlan(const Plan& plan, const RunOptions& o, const std::string& build_dir,
                 const RunSinks& sinks, RunReport* report);

// --build: builds the CMake targets of the plan's jobs one target at a time. Jobs whose
// target failed to build move from plan->jobs to plan->build_failures as failed results
// (the build output as their output); the other targets still build.
void BuildJobTargets(const std::string& build_dir, Plan* plan, std::ostream& log);

// The per-test timeout: --timeout, else CTest's TIMEOUT, else kDefaultTimeout, times the
// TIA_TIMEOUT_SCALE environment variable (when a positive number).
double EffectiveTimeout(const Job& job, const RunOptions& o);

}  // namespace tia::run
