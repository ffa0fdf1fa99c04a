// Running the jobs of one round in parallel: a job starts once the jobs it must follow
// have finished (and its fixture setups passed), within the -j slots (PROCESSORS counts
// against them), alone under RUN_SERIAL, and never beside a test holding one of its
// RESOURCE_LOCKs. What never starts (--failfast, a stop) is reported as not run.
#pragma once

#include <string>
#include <vector>

#include "tia/report/result.h"
#include "tia/run/context.h"
#include "tia/run/emitter.h"
#include "tia/run/order_finder.h"
#include "tia/run/plan.h"

namespace tia::run {

// Skip results for the cases of a job that never started, `why` as their reason: one per
// known case, else one for the job.
std::vector<report::TestResult> NotRun(const Job& j, const std::string& why);

// Runs `jobs` (in their order, as their constraints allow) once. `round` is 0 for the
// first --count round; later rounds name their logs ".rN". `slots` gets one JobRun per
// job (same index); `any_failed` is set when a result failed.
void RunRound(const std::vector<Job>& jobs, RunContext& ctx, int round, Emitter& emit,
              std::vector<JobRun>* slots, bool* any_failed);

}  // namespace tia::run
