// --find-order-dependence: for cases whose verdict in the normal run differs from their
// verdict alone in a process, bisect the cases that ran before them in the same process
// to name the one that interferes: a polluter (the case fails after it, passes alone) or
// a state-setter (the case passes only after it). The terms are those of the research on
// order-dependent tests (iDFlakies, iFixFlakies).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "tia/report/result.h"
#include "tia/run/context.h"
#include "tia/run/plan.h"

namespace tia::run {

// One job of the normal run: its results and, per process, the cases in run order.
struct JobRun {
  const Job* job = nullptr;
  std::vector<report::TestResult> results;
  double seconds = 0;
  std::vector<std::vector<std::string>> orders;
};

struct OrderFinding {
  std::string package;  // see report::PackageName
  std::string test;     // the case whose verdict depends on what ran before it
  bool victim = false;  // true: fails after `cause`, passes alone; false: brittle, fails
                        // alone and passes after `cause`
  std::string cause;    // the polluter or state-setter; empty when no single case is
  std::string message;  // one line for people, e.g. "Dep.Victim passes alone and fails
                        // after Dep.Polluter (polluter → victim)"
  int processes = 0;    // processes the search started
};

// Checks every case of `runs` that ran after another case in its process (jobs tia may
// narrow only), and bisects those whose verdict alone differs. `note` gets progress.
std::vector<OrderFinding> FindOrderDependence(const std::vector<JobRun>& runs, RunContext& ctx,
                                              const std::function<void(const std::string&)>& note);

// The text line of a finding: "ORDER polluter Dep.Polluter → victim Dep.Victim (...)".
std::string OrderLine(const OrderFinding& f);

}  // namespace tia::run
