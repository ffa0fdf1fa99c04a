// One attempt of a job: its process, read into per-case results, and the further
// processes that give every selected case a verdict when the program crashed, hung or
// exited before its last case (each rerun runs the cases still without a verdict).
#pragma once

#include <string>
#include <vector>

#include "tia/report/result.h"
#include "tia/run/context.h"
#include "tia/run/outcome.h"
#include "tia/run/plan.h"

namespace tia::run {

struct Attempt {
  std::vector<report::TestResult> results;
  double seconds = 0;  // wall time of its processes
  std::string output;  // their output (each bounded), for -v
  // Per process: the cases in the order they ran (what order bisection needs).
  std::vector<std::vector<std::string>> orders;
};

// Runs `job` once, with the case selection `only` when not empty (else the job's own).
// `tag` names its log files (see RunContext::LogPath).
Attempt RunJob(const Job& job, RunContext& ctx, const std::string& tag,
               const std::vector<std::string>& only);

// True when a result failed (fail or timeout).
bool AnyFailure(const std::vector<report::TestResult>& results);

}  // namespace tia::run
