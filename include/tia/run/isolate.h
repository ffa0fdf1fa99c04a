// --isolate: one process per case for the jobs tia may narrow.
#pragma once

#include <ostream>
#include <vector>

#include "tia/run/context.h"
#include "tia/run/plan.h"

namespace tia::run {

// One job per case for the jobs tia may narrow, their exact case names from the
// programs' listings; the rest stay as they are. A program that cannot list its cases
// runs as one process (noted on `log` when not null).
std::vector<Job> Isolate(const std::vector<Job>& jobs, RunContext& ctx, std::ostream* log);

}  // namespace tia::run
