// What the parts of one `tia run` share: its options, where its files go, and the
// counters and flags its parallel workers update.
#pragma once

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "tia/run/coverage.h"
#include "tia/run/plan.h"
#include "tia/run/process.h"
#include "tia/util/fs.h"

namespace tia::run {

struct RunContext {
  const RunOptions* o = nullptr;
  std::string build_dir;
  std::string tmp;                // reports the programs write, listings (removed after the run)
  std::string log_dir;            // the whole output of every test process (kept)
  std::atomic<bool> halt{false};  // --failfast saw a failure: start nothing new
  std::atomic<int> processes{0};  // test processes started (listings not counted)
  std::atomic<long> process_micros{0};  // their wall time
  std::atomic<long> case_micros{0};     // the time their frameworks reported for cases
  std::atomic<int> listings{0};         // listing processes started (names their files)

  // A log path for a process of `job` named after its CTest name and `tag` (".r2" for
  // --count rounds, ".try2" for retries, ".part2" for reruns, the case under --isolate),
  // unique within the run.
  std::string LogPath(const Job& job, const std::string& tag);

  // --record-coverage: remembers the process of `job` that wrote to `log`, asked to run
  // `only`, and how it ended.
  void NoteCoverage(const Job& job, const std::vector<std::string>& only, const std::string& log,
                    const ProcessOutcome& p, bool started = true);
  std::vector<CoverageProcess> TakeCoverage();

 private:
  std::vector<CoverageProcess> coverage_;
  std::mutex mu_;
  std::set<std::string> used_;
};

// The environment of a job's process: tia's own, with the test's ENVIRONMENT on top.
std::vector<std::string> JobEnv(const Job& j);

// How to start a process of `job` with `argv`, its output going to `log`: the test's
// working directory (else the build directory), environment and timeout, and its
// TIMEOUT_AFTER_MATCH.
ProcessSpec JobSpec(const Job& job, const RunContext& ctx, std::vector<std::string> argv,
                    const std::string& log);

// The per-test timeout: --timeout, else CTest's TIMEOUT, else kDefaultTimeout, times the
// TIA_TIMEOUT_SCALE environment variable (when a positive number).
double EffectiveTimeout(const Job& job, const RunOptions& o);

// "1.23s".
std::string Secs(double s);

}  // namespace tia::run
