// Executing a run plan (see tia/run/runner.h).
#include "tia/run/runner.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "tia/report/gtest.h"
#include "tia/report/human.h"
#include "tia/run/case_report.h"
#include "tia/run/process.h"
#include "tia/util/fs.h"

extern char** environ;

namespace tia::run {
namespace {

using Clock = std::chrono::steady_clock;
using report::Outcome;
using report::TestResult;

// A temporary directory removed at destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tia-run-XXXXXX").string();
    if (::mkdtemp(tmpl.data())) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::vector<std::string> JobEnv(const Job& j) {
  std::map<std::string, std::string> env;
  std::vector<std::string> order;
  auto set = [&](const std::string& kv) {
    std::string key = kv.substr(0, kv.find('='));
    if (!env.count(key)) order.push_back(key);
    env[key] = kv;
  };
  for (char** e = environ; e && *e; ++e) set(*e);
  for (const std::string& kv : j.ctest.environment) set(kv);
  std::vector<std::string> out;
  for (const auto& k : order) out.push_back(env[k]);
  return out;
}

std::string Secs(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fs", s);
  return buf;
}

// A result for the job as a whole (named after its single case when it runs one).
TestResult JobResult(const Job& job, const std::vector<std::string>& only) {
  TestResult r;
  r.ctest_name = job.ctest.name;
  r.executable = job.executable;
  const PlannedCase* single = nullptr;
  if (job.cases_known && job.cases.size() == 1) single = &job.cases[0];
  if (only.size() == 1)
    for (const PlannedCase& c : job.cases)
      if (c.FullName() == only[0]) single = &c;
  if (single) {
    r.suite = single->suite;
    r.test_case = single->name;
    r.file = single->file;
  }
  return r;
}

std::string ExitText(const ProcessOutcome& p) {
  if (p.term_signal) return "killed by " + SignalName(p.term_signal);
  return "exit code " + std::to_string(p.exit_code);
}

// Results from GoogleTest's console output of a process that ended without its JSON
// report (crash, timeout, stop): the cases that finished as they finished, the case
// that was running as failed with `why` and the whole output. False (nothing added)
// when no case was running, so the caller reports the process as a whole.
bool ConsoleResults(const Job& job, const std::vector<report::GtestConsoleCase>& console,
                    const std::string& why, const ProcessOutcome& p, std::vector<TestResult>* out) {
  using CS = report::GtestConsoleCase::Status;
  bool unfinished = false;
  for (const auto& c : console) unfinished |= c.status == CS::kUnfinished;
  if (!unfinished) return false;
  for (const auto& c : console) {
    TestResult r = JobResult(job, {c.name});
    size_t dot = c.name.find('.');
    r.suite = dot == std::string::npos ? "" : c.name.substr(0, dot);
    r.test_case = dot == std::string::npos ? c.name : c.name.substr(dot + 1);
    for (const PlannedCase& pc : job.cases)
      if (pc.FullName() == c.name) r.file = pc.file;
    r.seconds = c.seconds;
    r.output = c.output;
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
        r.failure_message = "failed";
        break;
      case CS::kUnfinished:
        r.outcome = Outcome::kFail;
        r.failure_message = why;
        r.output = p.output;
        r.seconds = p.seconds;
        break;
    }
    out->push_back(std::move(r));
  }
  return true;
}

// Per-case results from the XML report of a Catch2 or doctest program. False (nothing
// added) when the report is missing, unreadable or lists no case: the process is then
// reported as a whole.
bool XmlResults(const Job& job, const std::string& path, const ProcessOutcome& p,
                std::vector<TestResult>* out) {
  std::string text, err;
  std::vector<XmlCaseResult> cases;
  if (!ReadFile(path, &text, &err) || !ParseXmlCaseReport(job.framework, text, &cases, &err) ||
      cases.empty())
    return false;
  bool clean_exit = p.exit_code == 0 && p.term_signal == 0;
  bool any_failed = false;
  for (const XmlCaseResult& c : cases) {
    TestResult r = JobResult(job, {});
    r.suite.clear();
    r.test_case = c.name;
    r.file = c.file;
    for (const PlannedCase& pc : job.cases)
      if (pc.name == c.name && !pc.file.empty()) r.file = pc.file;
    r.seconds = c.seconds;
    r.outcome = c.passed ? Outcome::kPass : Outcome::kFail;
    if (!c.passed) {
      r.failure_message = c.failure.substr(0, c.failure.find('\n'));
      r.output = c.failure;
    }
    any_failed |= !c.passed;
    out->push_back(std::move(r));
  }
  if (!clean_exit && !any_failed) {
    TestResult r = JobResult(job, {});
    r.outcome = Outcome::kFail;
    r.failure_message = ExitText(p) + " after its cases passed";
    r.output = p.output;
    r.seconds = p.seconds;
    out->push_back(std::move(r));
  }
  return true;
}

// One attempt of a job.
struct Attempt {
  std::vector<TestResult> results;
  double seconds = 0;
  std::string output;
};

Attempt RunJob(const Job& job, const RunOptions& o, const std::string& build_dir,
               const std::string& tmp, const std::string& id,
               const std::vector<std::string>& only) {
  std::string json = tmp + "/" + id + ".json";
  std::string xml = tmp + "/" + id + ".xml";
  ProcessSpec spec;
  spec.argv = JobArgv(job,
                      job.gtest               ? json
                      : job.framework.empty() ? ""
                                              : xml,
                      o.shuffle_seed, only);
  spec.cwd = job.ctest.working_directory.empty() ? build_dir : job.ctest.working_directory;
  spec.env = JobEnv(job);
  spec.timeout = EffectiveTimeout(job, o);
  spec.output_path = tmp + "/" + id + ".out";
  ProcessOutcome p = RunInProcessGroup(spec);

  Attempt a;
  a.seconds = p.seconds;
  a.output = p.output;
  TestResult base = JobResult(job, only);
  base.seconds = p.seconds;
  base.output = p.output;
  if (!p.started) {
    base.outcome = Outcome::kFail;
    base.failure_message = "could not start: " + p.error;
    a.results.push_back(base);
    return a;
  }
  if (p.timed_out || p.interrupted) {
    std::string why = p.timed_out ? "timeout after " + Secs(spec.timeout)
                                  : "interrupted by " + SignalName(StopSignal());
    if (job.gtest && ConsoleResults(job, report::ParseGtestConsole(p.output), why, p, &a.results)) {
      if (p.timed_out)
        for (TestResult& r : a.results)
          if (r.failure_message == why) r.outcome = Outcome::kTimeout;
      return a;
    }
    base.outcome = p.timed_out ? Outcome::kTimeout : Outcome::kFail;
    base.failure_message = why;
    a.results.push_back(base);
    return a;
  }
  bool clean_exit = p.exit_code == 0 && p.term_signal == 0;
  // GoogleTest's console output has what its JSON report lacks: GTEST_SKIP() messages
  // (left out of the report by GoogleTest 1.12) and, when the process died, the case it
  // was running.
  std::vector<report::GtestConsoleCase> console;
  if (job.gtest) console = report::ParseGtestConsole(p.output);
  std::string text, err;
  if (job.gtest && ReadFile(json, &text, &err)) {
    std::vector<report::GtestCaseResult> cases;
    if (report::ParseGtestJson(text, &cases, &err)) {
      bool any_failed = false;
      for (const auto& c : cases) {
        if (c.status == report::GtestCaseResult::Status::kDisabled && job.cases_known) continue;
        TestResult r = report::ToTestResult(c, job.executable, job.ctest.name);
        if (r.file.empty())
          for (const PlannedCase& pc : job.cases)
            if (pc.suite == r.suite && pc.name == r.test_case) r.file = pc.file;
        any_failed |= report::IsFailure(r.outcome);
        a.results.push_back(std::move(r));
      }
      report::AttachConsole(console, &a.results);
      if (!clean_exit && !any_failed) {
        base.outcome = Outcome::kFail;
        base.failure_message = ExitText(p) + " after its cases passed";
        a.results.push_back(base);
      } else if (a.results.empty()) {
        base.outcome = clean_exit ? Outcome::kPass : Outcome::kFail;
        if (!clean_exit) base.failure_message = ExitText(p);
        a.results.push_back(base);
      }
      return a;
    }
  }
  if (!clean_exit && ConsoleResults(job, console, ExitText(p), p, &a.results)) return a;
  if (!job.framework.empty() && XmlResults(job, xml, p, &a.results)) return a;
  base.outcome = clean_exit ? Outcome::kPass : Outcome::kFail;
  if (!clean_exit) base.failure_message = ExitText(p);
  a.results.push_back(base);
  return a;
}

bool AnyFailure(const std::vector<TestResult>& rs) {
  for (const auto& r : rs)
    if (report::IsFailure(r.outcome)) return true;
  return false;
}

// Emits results to the sinks; under --retry-failed failures wait until retries are done.
class Emitter {
 public:
  Emitter(const RunSinks& s, const RunOptions& o) : s_(s), o_(o) {}
  void JobStarted(const Job& j) {
    if (!s_.json) return;
    TestResult probe = JobResult(j, {});
    if (j.gtest) probe.suite = "x";  // packages of GoogleTest cases are the executable
    std::string pkg = report::PackageName(probe);
    s_.json->Start(pkg);
    if (j.cases_known) {
      for (const PlannedCase& c : j.cases) s_.json->Run(pkg, c.FullName());
    } else {
      s_.json->Run(pkg, j.ctest.name);
    }
  }
  void Result(const TestResult& r, bool defer_failures) {
    if (defer_failures && report::IsFailure(r.outcome)) return;
    if (s_.human) *s_.human << report::ResultLine(r) << "\n" << std::flush;
    if (s_.json) s_.json->Result(r);
  }
  void Verbose(const Job& j, const std::string& output) {
    if (!o_.verbose || !s_.human || output.empty()) return;
    *s_.human << "=== " << j.ctest.name << "\n" << output;
    if (output.back() != '\n') *s_.human << "\n";
  }

 private:
  const RunSinks& s_;
  const RunOptions& o_;
};

// A job slot of one round: its results.
struct Slot {
  const Job* job = nullptr;
  std::vector<TestResult> results;
  double seconds = 0;
};

void RunRound(const Plan& plan, const RunOptions& o, const std::string& build_dir,
              const std::string& tmp, int round, Emitter& emit, std::vector<Slot>* slots,
              bool* any_failed) {
  const auto& jobs = plan.jobs;
  size_t n = jobs.size();
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < n; ++i) index[jobs[i].ctest.name] = i;
  enum { kPending, kRunning, kDone };
  std::vector<int> state(n, kPending);
  std::vector<char> ok(n, 0);
  std::vector<std::thread> threads(n);
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::pair<size_t, Attempt>> finished;
  int running = 0;
  bool serial_running = false;
  bool stopping = false;
  int max_jobs = std::max(1, o.jobs);
  bool defer = o.retry_failed > 0;
  slots->resize(n);

  for (;;) {
    if (StopSignal()) stopping = true;
    for (size_t i = 0; i < n && !stopping; ++i) {
      if (state[i] != kPending) continue;
      const Job& j = jobs[i];
      bool ready = true;
      std::string failed_dep, failed_fixture;
      for (const auto& dep : j.after) {
        auto it = index.find(dep);
        if (it != index.end() && state[it->second] != kDone) ready = false;
      }
      if (!ready) continue;
      for (const auto& dep : j.needs_pass) {
        auto it = index.find(dep);
        if (it == index.end() || ok[it->second]) continue;
        failed_dep = dep;
        for (const std::string& fx : j.ctest.fixtures_required)
          if (std::count(jobs[it->second].ctest.fixtures_setup.begin(),
                         jobs[it->second].ctest.fixtures_setup.end(), fx))
            failed_fixture = fx;
      }
      if (!failed_dep.empty()) {
        state[i] = kDone;
        (*slots)[i].job = &j;
        auto skip = [&](TestResult r) {
          r.outcome = Outcome::kSkip;
          r.skip_reason = "fixture " + failed_fixture + ": setup " + failed_dep + " did not pass";
          emit.Result(r, false);
          (*slots)[i].results.push_back(r);
        };
        if (j.cases_known) {
          for (const PlannedCase& c : j.cases) skip(JobResult(j, {c.FullName()}));
        } else {
          skip(JobResult(j, {}));
        }
        continue;
      }
      if (serial_running || running >= max_jobs) break;
      if (j.ctest.run_serial && running > 0) break;
      state[i] = kRunning;
      ++running;
      serial_running = j.ctest.run_serial;
      emit.JobStarted(j);
      std::string id = "r" + std::to_string(round) + "-j" + std::to_string(i);
      threads[i] = std::thread([&, i, id] {
        Attempt a = RunJob(jobs[i], o, build_dir, tmp, id, {});
        std::lock_guard<std::mutex> lock(mu);
        finished.emplace_back(i, std::move(a));
        cv.notify_one();
      });
    }
    if (running == 0) break;
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return !finished.empty(); });
    while (!finished.empty()) {
      auto [i, a] = std::move(finished.front());
      finished.pop_front();
      lock.unlock();
      threads[i].join();
      state[i] = kDone;
      --running;
      if (jobs[i].ctest.run_serial) serial_running = false;
      bool failed = AnyFailure(a.results);
      ok[i] = !failed;
      for (const auto& r : a.results) emit.Result(r, defer);
      emit.Verbose(jobs[i], a.output);
      Slot& s = (*slots)[i];
      s.job = &jobs[i];
      s.results = std::move(a.results);
      s.seconds = a.seconds;
      if (failed) {
        *any_failed = true;
        if (o.failfast) stopping = true;
      }
      lock.lock();
    }
  }
  for (auto& t : threads)
    if (t.joinable()) t.join();
}

// Re-runs the failures of `slot` up to o.retry_failed times; passes become flaky.
void Retry(Slot* slot, const RunOptions& o, const std::string& build_dir, const std::string& tmp,
           const std::string& id) {
  for (int attempt = 2; attempt <= o.retry_failed + 1; ++attempt) {
    if (StopSignal()) return;
    std::vector<std::string> failed_names;
    bool all_cases = slot->job->gtest || !slot->job->framework.empty();
    for (const auto& r : slot->results) {
      if (!report::IsFailure(r.outcome)) continue;
      if (r.test_case.empty()) all_cases = false;
      failed_names.push_back(report::TestName(r));
    }
    if (failed_names.empty()) return;
    Attempt a = RunJob(*slot->job, o, build_dir, tmp, id + "-a" + std::to_string(attempt),
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

}  // namespace

bool RunReport::failed() const {
  return AnyFailure(results);
}

double EffectiveTimeout(const Job& job, const RunOptions& o) {
  double t = o.timeout > 0           ? o.timeout
             : job.ctest.timeout > 0 ? job.ctest.timeout
                                     : kDefaultTimeout;
  if (const char* s = std::getenv("TIA_TIMEOUT_SCALE")) {
    double scale = std::strtod(s, nullptr);
    if (scale > 0) t *= scale;
  }
  return t;
}

void ExecutePlan(const Plan& plan, const RunOptions& o, const std::string& build_dir,
                 const RunSinks& sinks, RunReport* report) {
  auto start = Clock::now();
  Emitter emit(sinks, o);
  for (const auto& r : plan.build_failures) {
    emit.Result(r, false);
    report->results.push_back(r);
  }
  for (const auto& r : plan.skipped) {
    emit.Result(r, false);
    report->results.push_back(r);
  }
  TempDir tmp;
  std::vector<std::vector<Slot>> rounds;
  bool any_failed = false;
  for (int round = 0; round < std::max(1, o.count); ++round) {
    if (StopSignal() || (o.failfast && any_failed)) break;
    rounds.emplace_back();
    RunRound(plan, o, build_dir, tmp.path(), round, emit, &rounds.back(), &any_failed);
  }
  if (o.retry_failed > 0) {
    for (size_t r = 0; r < rounds.size(); ++r) {
      for (size_t i = 0; i < rounds[r].size(); ++i) {
        Slot& s = rounds[r][i];
        if (!s.job || !AnyFailure(s.results)) continue;
        Retry(&s, o, build_dir, tmp.path(), "r" + std::to_string(r) + "-j" + std::to_string(i));
        for (const auto& res : s.results)
          if (report::IsFailure(res.outcome) || res.outcome == Outcome::kFlaky)
            emit.Result(res, false);
      }
    }
  }
  for (auto& round : rounds) {
    for (auto& s : round) {
      if (!s.job) continue;
      for (auto& r : s.results) report->results.push_back(std::move(r));
    }
  }
  report->stop_signal = StopSignal();
  report->elapsed = std::chrono::duration<double>(Clock::now() - start).count();
}

void BuildJobTargets(const std::string& build_dir, Plan* plan, std::ostream& log) {
  std::set<std::string> targets;
  for (const Job& j : plan->jobs)
    if (!j.target.empty()) targets.insert(j.target);
  TempDir tmp;
  std::set<std::string> broken;
  std::map<std::string, std::string> outputs;
  for (const std::string& t : targets) {
    if (StopSignal()) break;
    log << "tia: building " << t << "\n" << std::flush;
    ProcessSpec spec;
    spec.argv = {"cmake", "--build", build_dir, "--target", t};
    for (char** e = environ; e && *e; ++e) spec.env.push_back(*e);
    spec.output_path = tmp.path() + "/build.out";
    ProcessOutcome p = RunInProcessGroup(spec);
    if (!p.started || p.exit_code != 0) {
      broken.insert(t);
      outputs[t] = p.started ? p.output : p.error;
      log << "tia: building " << t << " failed\n";
    }
  }
  std::erase_if(plan->jobs, [&](const Job& j) {
    if (!broken.count(j.target)) return false;
    TestResult r;
    r.ctest_name = j.ctest.name;
    r.executable = j.executable;
    r.outcome = Outcome::kFail;
    r.failure_message = "build of target " + j.target + " failed";
    // The first compiler/linker error line as the summary, its path shortened to the
    // file name ("bad.cc:1:21: error: ...").
    const std::string& out = outputs[j.target];
    for (size_t at = 0; at < out.size();) {
      size_t nl = out.find('\n', at);
      std::string line = out.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
      at = nl == std::string::npos ? out.size() : nl + 1;
      if (line.find("error:") == std::string::npos) continue;
      size_t colon = line.find(':'), slash = line.rfind('/', colon);
      if (slash != std::string::npos && colon != std::string::npos) line = line.substr(slash + 1);
      r.failure_message += ": " + line;
      break;
    }
    r.output = outputs[j.target];
    plan->build_failures.push_back(std::move(r));
    return true;
  });
}

}  // namespace tia::run
