// Running a job once (see tia/run/attempt.h): its process, read into per-case results
// (tia/run/outcome.h), and the further processes for the cases a crash, hang or early exit
// left without a verdict. A verbatim job is judged the CTest way.
#include "tia/run/attempt.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "tia/report/bounded_text.h"
#include "tia/run/listing.h"
#include "tia/run/outcome.h"
#include "tia/run/verdict.h"
#include "tia/util/strings.h"

namespace tia::run {
namespace {

using report::Outcome;
using report::TestResult;

std::string FileName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void Count(RunContext& ctx, const ProcessOutcome& p, double case_seconds) {
  ++ctx.processes;
  ctx.process_micros += static_cast<long>(p.seconds * 1e6);
  ctx.case_micros += static_cast<long>(case_seconds * 1e6);
}

Attempt RunVerbatim(const Job& job, RunContext& ctx, const std::string& tag) {
  Attempt a;
  std::string log = ctx.LogPath(job, tag);
  ProcessOutcome p = RunInProcessGroup(JobSpec(job, ctx, JobArgv(job, "", std::nullopt, {}), log));
  Count(ctx, p, 0);
  ctx.NoteCoverage(job, job.only, log, p);
  OutputVerdictFacts facts;
  if (Clean(p)) facts = ScanOutput(job.ctest, log);
  TestResult r = JobResult(job, {});
  r.seconds = p.seconds;
  r.output = p.output;
  std::string message;
  r.outcome = CTestVerdict(job.ctest, p, facts, &message);
  if (r.outcome == Outcome::kSkip) {
    r.skip_reason = message;
  } else if (report::IsFailure(r.outcome)) {
    r.failure_message = message;
  }
  a.seconds = p.seconds;
  a.output = p.output;
  a.results.push_back(std::move(r));
  return a;
}

// FAIL_REGULAR_EXPRESSION of a test tia runs by case: a case whose own output matches
// fails. Returns the failure of a match outside every case (or of a pattern that does not
// compile), empty when there is none.
std::string ApplyFailRegex(const Job& job, const RunContext& ctx, const std::string& log,
                           ProcessRead* read) {
  if (job.ctest.fail_regex.empty()) return "";
  // Lines GoogleTest prints because of tia's own flags: not in CTest's output.
  std::vector<std::string> skip;
  if (!job.gtest_own_filter) skip.push_back("Note: Google Test filter = ");
  if (ctx.o->shuffle_seed) skip.push_back("Note: Randomizing tests' orders with a seed of ");
  CaseFailMatches m = ScanFailPerCase(job.ctest.fail_regex, log, job.gtest, skip, read->printed);
  if (!m.error.empty()) return "invalid regular expression " + m.error;
  for (TestResult& r : read->cases) {
    auto it = m.cases.find(report::TestName(r));
    if (it == m.cases.end() || report::IsFailure(r.outcome)) continue;
    r.outcome = Outcome::kFail;
    r.skip_reason.clear();
    r.failure_message = "FAIL_REGULAR_EXPRESSION matched: " + it->second;
    // What the report says it printed (Catch2 captures a case's output).
    if (r.output.empty())
      for (const auto& [name, text] : read->printed)
        if (name == it->first) r.output = report::BoundText(Trim(text) + "\n");
  }
  if (m.outside.empty()) return "";
  return "FAIL_REGULAR_EXPRESSION matched outside every case: " + m.outside;
}

}  // namespace

bool AnyFailure(const std::vector<TestResult>& results) {
  for (const auto& r : results)
    if (report::IsFailure(r.outcome)) return true;
  return false;
}

Attempt RunJob(const Job& job, RunContext& ctx, const std::string& tag_arg,
               const std::vector<std::string>& only_arg) {
  // --isolate: the log is named after the job's one case too.
  std::string tag = tag_arg;
  if (job.only.size() == 1) tag = job.only[0] + (tag.empty() ? "" : "." + tag);
  const std::vector<std::string>& only0 = only_arg.empty() ? job.only : only_arg;
  // REQUIRED_FILES: CTest does not start the test (and counts it as failed).
  std::string dir =
      job.ctest.working_directory.empty() ? ctx.build_dir : job.ctest.working_directory;
  std::vector<std::string> missing = MissingRequiredFiles(job.ctest, dir);
  if (!missing.empty()) {
    // The test as a whole did not run, as CTest reports it.
    Attempt a;
    TestResult r = JobResult(job, only0);
    r.outcome = Outcome::kFail;
    r.failure_message = "not run: required file " + missing[0] + " is missing";
    a.results.push_back(std::move(r));
    return a;
  }
  if (job.verbatim || (!job.gtest && job.framework.empty())) return RunVerbatim(job, ctx, tag);

  Attempt a;
  std::vector<std::string> only = only0;
  std::set<std::string> done;   // names with a verdict
  bool outside_failed = false;  // FAIL_REGULAR_EXPRESSION matched outside every case
  std::optional<std::vector<std::string>> expected;
  for (int part = 1;; ++part) {
    std::string id = tag;
    if (part > 1) id += (id.empty() ? "" : ".") + ("part" + std::to_string(part));
    std::string log = ctx.LogPath(job, id);
    std::string report = ctx.tmp + "/" + FileName(log) + (job.gtest ? ".json" : ".xml");
    ProcessOutcome p =
        RunInProcessGroup(JobSpec(job, ctx, JobArgv(job, report, ctx.o->shuffle_seed, only), log));
    a.seconds += p.seconds;
    if (!p.output.empty()) a.output += p.output + (p.output.back() == '\n' ? "" : "\n");
    if (!p.started) {
      ctx.NoteCoverage(job, only, log, p, false);
      TestResult r = JobResult(job, only);
      r.outcome = Outcome::kFail;
      r.failure_message = "could not start: " + p.error;
      a.results.push_back(std::move(r));
      return a;
    }
    ProcessRead read = job.gtest ? ReadGtest(job, p, report, log) : ReadXml(job, p, report);
    // A process whose case never started (a name the program did not match) ran start-up
    // code only: that is no record of the case.
    ctx.NoteCoverage(job, only, log, p, read.any_started);
    Count(ctx, p, read.case_seconds);
    a.orders.push_back(read.order);
    std::string fail_outside = ApplyFailRegex(job, ctx, log, &read);
    for (TestResult& r : read.cases)
      if (done.insert(report::TestName(r)).second) a.results.push_back(std::move(r));
    if (!fail_outside.empty() && !outside_failed) {
      outside_failed = true;
      // The test's result, not a case's: the match is in no case's output.
      TestResult r;
      r.ctest_name = job.ctest.name;
      r.executable = job.executable;
      r.outcome = Outcome::kFail;
      r.failure_message = fail_outside;
      r.output = p.output;
      a.results.push_back(std::move(r));
    }
    // SKIP_RETURN_CODE: CTest skips the test as a whole.
    if (Clean(p) && job.ctest.skip_return_code >= 0 && p.exit_code == job.ctest.skip_return_code) {
      TestResult r = JobResult(job, only0);
      r.outcome = Outcome::kSkip;
      r.skip_reason = "SKIP_RETURN_CODE=" + std::to_string(job.ctest.skip_return_code);
      r.seconds = a.seconds;
      r.output = p.output;
      a.results = {std::move(r)};
      return a;
    }
    bool clean_exit = Clean(p) && p.exit_code == 0;
    // Catch2 v3 exits with 4 when every case it ran skipped: not a failure of the cases
    // tia chose to run (a whole test keeps CTest's verdict: a failure unless
    // SKIP_RETURN_CODE says 4).
    if (Clean(p) && job.framework == "catch2" && p.exit_code == 4 && !only.empty() &&
        !read.cases.empty() &&
        std::all_of(read.cases.begin(), read.cases.end(),
                    [](const TestResult& r) { return r.outcome == Outcome::kSkip; }))
      clean_exit = true;
    auto process_failure = [&](const std::string& why) {
      TestResult r = JobResult(job, only0);
      r.outcome = p.timed_out ? Outcome::kTimeout : Outcome::kFail;
      r.failure_message = why;
      r.output = p.output;
      r.seconds = p.seconds;
      a.results.push_back(std::move(r));
    };
    if (read.complete) {
      if (!clean_exit && !AnyFailure(a.results)) {
        process_failure(ExitText(p) + (a.results.empty() ? "" : " after its cases passed"));
      } else if (a.results.empty()) {
        TestResult r = JobResult(job, only0);
        r.seconds = p.seconds;
        r.output = p.output;
        a.results.push_back(std::move(r));
      }
      return a;
    }
    // The program ended early: a crash, a timeout, a stop, or an exit in the middle.
    if (!job.reselect) {
      if (!AnyFailure(read.cases)) process_failure(read.any_started ? EndText(p) : ExitText(p));
      return a;
    }
    if (!expected) {
      std::vector<std::string> names;
      std::string err;
      if (!ListCases(job, ctx, only0, &names, &err)) {
        // The program cannot even list its cases: name the planned ones tia can spell.
        names.clear();
        for (const PlannedCase& pc : job.cases)
          if (pc.pattern.find('*') == std::string::npos) names.push_back(pc.FullName());
      }
      expected = std::move(names);
    }
    std::vector<std::string> remaining;
    for (const std::string& n : *expected)
      if (!done.count(n)) remaining.push_back(n);
    if (remaining.empty()) {
      if (!AnyFailure(read.cases) && !clean_exit)
        process_failure(read.any_started ? EndText(p) : ExitText(p));
      return a;
    }
    std::string not_run;
    if (StopSignal()) {
      not_run = "not run: interrupted by " + SignalName(StopSignal());
    } else if (ctx.o->failfast && (AnyFailure(a.results) || ctx.halt)) {
      not_run = "not run: --failfast stopped the run after a failure";
    }
    if (!not_run.empty() || !read.any_started) {
      for (const std::string& n : remaining) {
        TestResult r = CaseResult(job, n);
        if (!not_run.empty()) {
          r.outcome = Outcome::kSkip;
          r.skip_reason = not_run;
        } else {
          // Nothing started: the program dies before its first case.
          r.outcome = p.timed_out ? Outcome::kTimeout : Outcome::kFail;
          r.failure_message = "not run: the program ended (" +
                              (p.timed_out ? "timeout after " + Secs(p.timeout) : ExitText(p)) +
                              ") before the case started" +
                              (p.output_bytes == 0 ? "; it printed nothing" : "");
          r.output = p.output;
        }
        a.results.push_back(std::move(r));
      }
      return a;
    }
    only = remaining;
  }
}

}  // namespace tia::run
