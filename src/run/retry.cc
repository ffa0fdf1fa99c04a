// Retrying failed cases (see tia/run/retry.h).
#include "tia/run/retry.h"

#include <set>
#include <vector>

#include "tia/run/attempt.h"
#include "tia/run/process.h"

namespace tia::run {

using report::Outcome;

void Retry(JobRun* slot, RunContext& ctx, const std::string& tag) {
  const RunOptions& o = *ctx.o;
  for (int attempt = 2; attempt <= o.retry_failed + 1; ++attempt) {
    if (StopSignal()) return;
    std::vector<std::string> failed_names;
    bool all_cases = slot->job->reselect;
    for (const auto& r : slot->results) {
      if (!report::IsFailure(r.outcome)) continue;
      if (r.test_case.empty()) all_cases = false;
      failed_names.push_back(report::TestName(r));
    }
    if (failed_names.empty()) return;
    Attempt a =
        RunJob(*slot->job, ctx, tag + (tag.empty() ? "" : ".") + "try" + std::to_string(attempt),
               all_cases ? failed_names : std::vector<std::string>{});
    bool clean = !AnyFailure(a.results);
    std::set<std::string> passed;
    for (const auto& r : a.results)
      if (r.outcome == Outcome::kPass) passed.insert(report::TestName(r));
    for (auto& r : slot->results) {
      if (!report::IsFailure(r.outcome)) continue;
      r.attempts = attempt;
      if (clean || passed.count(report::TestName(r))) {
        r.outcome = Outcome::kFlaky;
        for (const auto& nr : a.results)
          if (report::TestName(nr) == report::TestName(r)) r.seconds = nr.seconds;
      }
    }
  }
}

}  // namespace tia::run
