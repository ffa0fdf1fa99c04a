// Running a job and reading its results (see tia/run/attempt.h). A GoogleTest program is
// read from its JSON report, or, when it died before writing one, from its console
// output; Catch2 and doctest programs from their XML report, which survives a crash
// (their signal handlers close it) and is read as far as it goes when the program exits
// in the middle. A verbatim job is judged the CTest way.
#include "tia/run/attempt.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "tia/report/bounded_text.h"
#include "tia/report/gtest.h"
#include "tia/run/case_report.h"
#include "tia/run/listing.h"
#include "tia/run/verdict.h"
#include "tia/select/rules.h"
#include "tia/util/fs.h"

namespace tia::run {
namespace {

using report::Outcome;
using report::TestResult;

std::string ExitText(const ProcessOutcome& p) {
  if (p.term_signal) return "killed by " + SignalName(p.term_signal);
  return "exit code " + std::to_string(p.exit_code);
}

// Why a process ended early, for the case that was running.
std::string EndText(const ProcessOutcome& p) {
  if (p.timed_out) return "timeout after " + Secs(p.timeout);
  if (p.interrupted) return "interrupted by " + SignalName(StopSignal());
  if (p.term_signal) return "killed by " + SignalName(p.term_signal);
  return "the program exited (exit code " + std::to_string(p.exit_code) + ") before the case ended";
}

bool Clean(const ProcessOutcome& p) {
  return p.started && !p.timed_out && !p.interrupted && p.term_signal == 0;
}

// The planned case a reported name belongs to (exact, or through its GoogleTest pattern).
const PlannedCase* Planned(const Job& job, const std::string& name) {
  for (const PlannedCase& pc : job.cases)
    if (pc.FullName() == name) return &pc;
  for (const PlannedCase& pc : job.cases) {
    if (pc.pattern.find('*') == std::string::npos) continue;
    size_t start = 0;
    for (;;) {
      size_t colon = pc.pattern.find(':', start);
      if (WildcardMatch(pc.pattern.substr(start, colon - start), name)) return &pc;
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
  }
  return nullptr;
}

TestResult CaseResult(const Job& job, const std::string& name) {
  TestResult r;
  r.ctest_name = job.ctest.name;
  r.executable = job.executable;
  r.test_case = name;
  if (job.gtest) {
    size_t dot = name.find('.');
    if (dot != std::string::npos) {
      r.suite = name.substr(0, dot);
      r.test_case = name.substr(dot + 1);
    }
  }
  if (const PlannedCase* pc = Planned(job, name)) r.file = pc->file;
  return r;
}

// "math_test.cc:14" from GoogleTest console output ("/src/math_test.cc:14: Failure").
std::string FailureLocation(const std::string& output) {
  size_t mark = output.find(": Failure\n");
  if (mark == std::string::npos) return "failed";
  size_t line_start = output.rfind('\n', mark);
  std::string where = output.substr(line_start == std::string::npos ? 0 : line_start + 1,
                                    mark - (line_start == std::string::npos ? 0 : line_start + 1));
  size_t slash = where.find_last_of('/');
  return slash == std::string::npos ? where : where.substr(slash + 1);
}

// What one process says about its cases.
struct ProcessRead {
  std::vector<TestResult> cases;
  std::vector<std::string> order;  // as they ran
  bool complete = false;           // it ran to its end: no case is missing
  bool any_started = false;
  double case_seconds = 0;
};

ProcessRead ReadGtest(const Job& job, const ProcessOutcome& p, const std::string& json,
                      const std::string& log) {
  ProcessRead out;
  report::GtestConsoleParser parser;
  std::string line;
  ForEachLogLine(log, [&](std::string_view l) {
    line.assign(l);
    line += '\n';
    parser.Line(line);
  });
  std::vector<report::GtestConsoleCase> console = parser.Finish(log);
  for (const auto& c : console) out.order.push_back(c.name);
  out.any_started = !console.empty();
  std::string text, err;
  std::vector<report::GtestCaseResult> cases;
  if (!job.gtest_own_output && ReadFile(json, &text, &err) &&
      report::ParseGtestJson(text, &cases, &err)) {
    for (const auto& c : cases) {
      if (c.status == report::GtestCaseResult::Status::kDisabled && job.cases_known) continue;
      TestResult r = report::ToTestResult(c, job.executable, job.ctest.name);
      if (r.file.empty())
        if (const PlannedCase* pc = Planned(job, report::TestName(r))) r.file = pc->file;
      r.output = report::BoundText(r.output, log);
      out.case_seconds += r.seconds;
      out.cases.push_back(std::move(r));
    }
    report::AttachConsole(console, &out.cases);
    out.complete = true;
    return out;
  }
  // No report (the program died, or writes its own): the console is all there is.
  using CS = report::GtestConsoleCase::Status;
  bool unfinished = false;
  for (const auto& c : console) {
    TestResult r = CaseResult(job, c.name);
    r.seconds = c.seconds;
    r.output = c.output;
    out.case_seconds += c.seconds;
    switch (c.status) {
      case CS::kPassed:
        r.outcome = Outcome::kPass;
        break;
      case CS::kSkipped:
        r.outcome = Outcome::kSkip;
        r.skip_reason = c.skip_message.empty() ? "skipped" : c.skip_message;
        break;
      case CS::kFailed:
        r.outcome = Outcome::kFail;
        r.failure_message = FailureLocation(c.output);
        break;
      case CS::kUnfinished:
        unfinished = true;
        r.outcome = p.timed_out ? Outcome::kTimeout : Outcome::kFail;
        r.failure_message = EndText(p);
        if (r.output.empty())
          r.output =
              "[tia: the case printed nothing; the program's whole output is in " + log + "]\n";
        // What the cases before it did not take was spent in it (and in start-up).
        r.seconds = std::max(0.0, p.seconds - out.case_seconds);
        out.case_seconds += r.seconds;
        break;
    }
    out.cases.push_back(std::move(r));
  }
  out.complete = job.gtest_own_output && !unfinished && Clean(p);
  return out;
}

ProcessRead ReadXml(const Job& job, const ProcessOutcome& p, const std::string& xml) {
  ProcessRead out;
  std::string text, err;
  std::vector<XmlCaseResult> cases;
  bool complete = false;
  if (!ReadFile(xml, &text, &err) ||
      !ParseXmlCaseReport(job.framework, text, &cases, &err, &complete))
    return out;
  for (size_t i = 0; i < cases.size(); ++i) {
    const XmlCaseResult& c = cases[i];
    TestResult r = CaseResult(job, c.name);
    if (r.file.empty()) r.file = c.file;
    r.seconds = c.seconds;
    out.case_seconds += c.seconds;
    out.order.push_back(c.name);
    if (!c.finished) {
      r.outcome = p.timed_out ? Outcome::kTimeout : Outcome::kFail;
      r.failure_message = EndText(p);
      r.output = p.output;
      r.seconds = p.seconds;
    } else if (c.skipped) {
      r.outcome = Outcome::kSkip;
      r.skip_reason = c.skip_reason;
    } else if (c.passed) {
      r.outcome = Outcome::kPass;
    } else {
      r.outcome = Outcome::kFail;
      r.failure_message = c.failure.substr(0, c.failure.find('\n'));
      r.output = report::BoundText(c.failure);
      // The framework caught the signal tia sent on timeout or stop.
      if (c.fatal && i + 1 == cases.size() && (p.timed_out || p.interrupted)) {
        r.outcome = p.timed_out ? Outcome::kTimeout : Outcome::kFail;
        r.failure_message = EndText(p);
      }
    }
    out.cases.push_back(std::move(r));
  }
  out.any_started = !cases.empty();
  out.complete = complete && Clean(p);
  return out;
}

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

}  // namespace

TestResult JobResult(const Job& job, const std::vector<std::string>& only) {
  TestResult r;
  r.ctest_name = job.ctest.name;
  r.executable = job.executable;
  const PlannedCase* single = nullptr;
  if (job.cases_known && job.cases.size() == 1) single = &job.cases[0];
  const std::vector<std::string>& names = only.empty() ? job.only : only;
  if (names.size() == 1) single = Planned(job, names[0]);
  if (single) {
    r.suite = single->suite;
    r.test_case = single->name;
    r.file = single->file;
  }
  if (names.size() == 1 && (job.gtest || !job.framework.empty())) {
    TestResult named = CaseResult(job, names[0]);
    r.suite = named.suite;
    r.test_case = named.test_case;
    if (r.file.empty()) r.file = named.file;
  }
  return r;
}

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
  std::set<std::string> done;  // names with a verdict
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
      TestResult r = JobResult(job, only);
      r.outcome = Outcome::kFail;
      r.failure_message = "could not start: " + p.error;
      a.results.push_back(std::move(r));
      return a;
    }
    ProcessRead read = job.gtest ? ReadGtest(job, p, report, log) : ReadXml(job, p, report);
    Count(ctx, p, read.case_seconds);
    a.orders.push_back(read.order);
    for (TestResult& r : read.cases)
      if (done.insert(report::TestName(r)).second) a.results.push_back(std::move(r));
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
                              ") before the case started";
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
