// --retry-failed: running the failed cases of a job again; a case that passes on a retry
// becomes flaky.
#pragma once

#include <string>

#include "tia/run/context.h"
#include "tia/run/order_finder.h"

namespace tia::run {

// Re-runs the failures of `slot` up to o.retry_failed times (only the failed cases where
// tia may reselect them, else the whole job); passes become flaky. `tag` is the round's
// log tag ("" or "rN").
void Retry(JobRun* slot, RunContext& ctx, const std::string& tag);

}  // namespace tia::run
