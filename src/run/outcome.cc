// Reading what one test process says about its cases (see tia/run/outcome.h).
#include "tia/run/outcome.h"

#include <algorithm>

#include "tia/report/bounded_text.h"
#include "tia/report/gtest.h"
#include "tia/run/case_report.h"
#include "tia/run/context.h"
#include "tia/run/verdict.h"
#include "tia/select/rules.h"
#include "tia/util/fs.h"

namespace tia::run {
namespace {

using report::Outcome;
using report::TestResult;

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

}  // namespace

std::string ExitText(const ProcessOutcome& p) {
  if (p.term_signal) return "killed by " + SignalName(p.term_signal);
  return "exit code " + std::to_string(p.exit_code);
}

std::string EndText(const ProcessOutcome& p) {
  if (p.timed_out) return "timeout after " + Secs(p.timeout);
  if (p.interrupted) return "interrupted by " + SignalName(StopSignal());
  if (p.term_signal) return "killed by " + SignalName(p.term_signal);
  return "the program exited (exit code " + std::to_string(p.exit_code) + ") before the case ended";
}

bool Clean(const ProcessOutcome& p) {
  return p.started && !p.timed_out && !p.interrupted && p.term_signal == 0;
}

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
    if (!c.printed.empty()) out.printed.push_back({c.name, c.printed});
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

}  // namespace tia::run
