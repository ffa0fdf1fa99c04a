// Reading what one test process says about its cases: a GoogleTest program from its JSON
// report or, when it died before writing one, from its console output; Catch2 and doctest
// programs from their XML report, which survives a crash (their signal handlers close it)
// and is read as far as it goes when the program exits in the middle. Also the results
// named after a job or a case, and the words for how a process ended.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tia/report/result.h"
#include "tia/run/plan.h"
#include "tia/run/process.h"

namespace tia::run {

// What one process says about its cases.
struct ProcessRead {
  std::vector<report::TestResult> cases;
  std::vector<std::string> order;  // as they ran
  bool complete = false;           // it ran to its end: no case is missing
  bool any_started = false;
  double case_seconds = 0;
  // Catch2, doctest: each case's name and what its report says it printed.
  std::vector<std::pair<std::string, std::string>> printed;
};

// From a GoogleTest process: its JSON report `json`, else its console output in `log`.
ProcessRead ReadGtest(const Job& job, const ProcessOutcome& p, const std::string& json,
                      const std::string& log);
// From a Catch2 or doctest process: its XML report `xml`, as far as it goes.
ProcessRead ReadXml(const Job& job, const ProcessOutcome& p, const std::string& xml);

// "killed by SIGSEGV" or "exit code N".
std::string ExitText(const ProcessOutcome& p);
// Why a process ended early, for the case that was running.
std::string EndText(const ProcessOutcome& p);
// It started and ended by itself (no timeout, stop or signal).
bool Clean(const ProcessOutcome& p);

// The planned case a reported name belongs to (exact, or through its GoogleTest pattern).
const PlannedCase* Planned(const Job& job, const std::string& name);
// A result for the case `name` (GoogleTest's "Suite.Case" split) of `job`.
report::TestResult CaseResult(const Job& job, const std::string& name);
// A result for the job as a whole; named after its one case when it runs exactly one
// (`only` holding one name, or a job of one known case).
report::TestResult JobResult(const Job& job, const std::vector<std::string>& only);

}  // namespace tia::run
