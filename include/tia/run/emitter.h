// Sending results to the sinks of a run (the human lines, the JSON events, the notes) as
// they come; under --retry-failed failures wait until the retries have decided them.
#pragma once

#include <string>

#include "tia/report/result.h"
#include "tia/run/plan.h"
#include "tia/run/runner.h"

namespace tia::run {

class Emitter {
 public:
  Emitter(const RunSinks& s, const RunOptions& o) : s_(s), o_(o) {}
  // A job's process starts: the JSON start event and a run event per case it runs.
  void JobStarted(const Job& j);
  // A final result; with `defer_failures` a failure waits (Retry decides it later).
  void Result(const report::TestResult& r, bool defer_failures);
  // -v: the output of a job's processes under a "=== name" header.
  void Verbose(const Job& j, const std::string& output);
  // A "tia: ..." note to the log.
  void Note(const std::string& text);

 private:
  const RunSinks& s_;
  const RunOptions& o_;
};

}  // namespace tia::run
