// What `tia run` runs: the selection (or every test), the plan, and with --build the
// selected targets built first. On a configured tree that was never built, CTest lists a
// `<target>_NOT_BUILT` placeholder for each gtest_discover_tests executable; once the
// build has discovered the real tests, CTest is read again and the change selected and
// planned again, so an unbuilt tree runs exactly what a built one runs.
#pragma once

#include <map>
#include <ostream>
#include <string>

#include "tia/app/change.h"
#include "tia/run/plan.h"
#include "tia/select/session.h"

namespace tia::app {

struct RunPlanOptions {
  bool all = false;    // every test, no selection
  bool build = false;  // build the plan's targets (and discover their tests) first
  ChangeOptions change;
};

// Selects (unless `all`) into `sel`, plans into `plan`; with `build`, builds the plan's
// targets, and when the build discovered tests CTest did not list before, selects and
// plans again (jobs of targets that failed to build stay reported as build failures).
[[nodiscard]] bool PlanRun(Session& s, const RunPlanOptions& o, const run::RunOptions& ro,
                           const std::map<std::string, double>& durations, Selection* sel,
                           run::Plan* plan, std::ostream& log, std::string* err);

}  // namespace tia::app
