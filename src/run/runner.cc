// Executing a run plan (see tia/run/runner.h): scheduling jobs in parallel with their
// fixtures, RUN_SERIAL, RESOURCE_LOCK and PROCESSORS; --count rounds, --failfast,
// --retry-failed, --isolate and --find-order-dependence; results to the sinks as they come.
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

#include "tia/report/human.h"
#include "tia/run/attempt.h"
#include "tia/run/context.h"
#include "tia/run/listing.h"
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

// Emits results to the sinks; under --retry-failed failures wait until retries are done.
class Emitter {
 public:
  Emitter(const RunSinks& s, const RunOptions& o) : s_(s), o_(o) {}
  void JobStarted(const Job& j) {
    if (!s_.json) return;
    std::string pkg = Package(j);
    s_.json->Start(pkg);
    if (j.cases_known) {
      for (const PlannedCase& c : j.cases) s_.json->Run(pkg, c.FullName());
    } else {
      s_.json->Run(pkg, report::TestName(JobResult(j, {})));
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
  void Note(const std::string& text) {
    if (s_.log) *s_.log << "tia: " << text << "\n" << std::flush;
  }

 private:
  static std::string Package(const Job& j) {
    TestResult probe = JobResult(j, {});
    if (j.gtest) probe.suite = "x";  // packages of GoogleTest cases are the executable
    return report::PackageName(probe);
  }
  const RunSinks& s_;
  const RunOptions& o_;
};

// Results for the cases of a job that never started (--failfast, a stop).
std::vector<TestResult> NotRun(const Job& j, const std::string& why) {
  std::vector<TestResult> out;
  auto add = [&](const std::vector<std::string>& only) {
    TestResult r = JobResult(j, only);
    r.outcome = Outcome::kSkip;
    r.skip_reason = why;
    out.push_back(std::move(r));
  };
  if (j.cases_known && j.only.empty() && j.cases.size() > 1) {
    for (const PlannedCase& c : j.cases) add({c.FullName()});
  } else {
    add({});
  }
  return out;
}

void RunRound(const std::vector<Job>& jobs, RunContext& ctx, int round, Emitter& emit,
              std::vector<JobRun>* slots, bool* any_failed) {
  const RunOptions& o = *ctx.o;
  size_t n = jobs.size();
  std::map<std::string, std::vector<size_t>> index;
  for (size_t i = 0; i < n; ++i) index[jobs[i].ctest.name].push_back(i);
  enum { kPending, kRunning, kDone };
  std::vector<int> state(n, kPending);
  std::vector<char> ok(n, 0);
  std::vector<std::thread> threads(n);
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::pair<size_t, Attempt>> finished;
  int max_jobs = std::max(1, o.jobs);
  int used = 0;  // -j slots in use (PROCESSORS counts against them)
  int running = 0;
  bool serial_running = false;
  bool stopping = false;
  std::set<std::string> locked;  // RESOURCE_LOCKs held by running tests
  bool defer = o.retry_failed > 0;
  slots->assign(n, {});
  auto cost = [&](const Job& j) { return std::min(std::max(1, j.ctest.processors), max_jobs); };

  for (;;) {
    if (StopSignal()) stopping = true;
    for (size_t i = 0; i < n && !stopping; ++i) {
      if (state[i] != kPending) continue;
      const Job& j = jobs[i];
      bool ready = true;
      for (const auto& dep : j.after) {
        auto it = index.find(dep);
        if (it == index.end()) continue;
        for (size_t d : it->second)
          if (d != i && state[d] != kDone) ready = false;
      }
      if (!ready) continue;
      std::string failed_dep, failed_fixture;
      for (const auto& dep : j.needs_pass) {
        auto it = index.find(dep);
        if (it == index.end()) continue;
        for (size_t d : it->second) {
          if (ok[d]) continue;
          failed_dep = dep;
          for (const std::string& fx : j.ctest.fixtures_required)
            if (std::count(jobs[d].ctest.fixtures_setup.begin(), jobs[d].ctest.fixtures_setup.end(),
                           fx))
              failed_fixture = fx;
        }
      }
      if (!failed_dep.empty()) {
        state[i] = kDone;
        JobRun& s = (*slots)[i];
        s.job = &j;
        for (TestResult r :
             NotRun(j, "fixture " + failed_fixture + ": setup " + failed_dep + " did not pass")) {
          emit.Result(r, false);
          s.results.push_back(std::move(r));
        }
        continue;
      }
      if (serial_running || used >= max_jobs) break;
      if (j.ctest.run_serial && running > 0) break;
      if (used + cost(j) > max_jobs) continue;
      bool lock_busy = false;
      for (const std::string& l : j.ctest.resource_locks) lock_busy |= locked.count(l) > 0;
      if (lock_busy) continue;
      state[i] = kRunning;
      ++running;
      used += cost(j);
      for (const std::string& l : j.ctest.resource_locks) locked.insert(l);
      serial_running = j.ctest.run_serial;
      emit.JobStarted(j);
      std::string tag = round > 0 ? "r" + std::to_string(round + 1) : "";
      threads[i] = std::thread([&, i, tag] {
        Attempt a = RunJob(jobs[i], ctx, tag, {});
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
      used -= cost(jobs[i]);
      for (const std::string& l : jobs[i].ctest.resource_locks) locked.erase(l);
      if (jobs[i].ctest.run_serial) serial_running = false;
      bool failed = AnyFailure(a.results);
      ok[i] = !failed;
      for (const auto& r : a.results) emit.Result(r, defer);
      emit.Verbose(jobs[i], a.output);
      JobRun& s = (*slots)[i];
      s.job = &jobs[i];
      s.results = std::move(a.results);
      s.seconds = a.seconds;
      s.orders = std::move(a.orders);
      if (failed) {
        *any_failed = true;
        if (o.failfast) {
          stopping = true;
          ctx.halt = true;
        }
      }
      lock.lock();
    }
  }
  for (auto& t : threads)
    if (t.joinable()) t.join();
  // What never started is reported, not dropped.
  std::string why = StopSignal() ? "not run: interrupted by " + SignalName(StopSignal())
                                 : "not run: --failfast stopped the run after a failure";
  for (size_t i = 0; i < n; ++i) {
    if (state[i] != kPending) continue;
    JobRun& s = (*slots)[i];
    s.job = &jobs[i];
    for (TestResult r : NotRun(jobs[i], why)) {
      emit.Result(r, false);
      s.results.push_back(std::move(r));
    }
  }
}

// Re-runs the failures of `slot` up to o.retry_failed times; passes become flaky.
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

// --isolate: one job per case for the jobs tia may narrow, their exact case names from
// the programs' listings; the rest stay as they are.
std::vector<Job> Isolate(const std::vector<Job>& jobs, RunContext& ctx, std::ostream* log) {
  std::vector<Job> out;
  for (const Job& j : jobs) {
    if (!j.reselect || !j.only.empty()) {
      out.push_back(j);
      continue;
    }
    std::vector<std::string> names;
    std::string err;
    if (!ListCases(j, ctx, {}, &names, &err)) {
      if (log)
        *log << "tia: --isolate: " << j.ctest.name << " runs as one process: " << err << "\n";
      out.push_back(j);
      continue;
    }
    if (names.size() <= 1) {
      out.push_back(j);
      continue;
    }
    for (const std::string& name : names) {
      Job one = j;
      one.only = {name};
      one.narrowed = true;
      one.cases_known = true;
      TestResult r = JobResult(j, {name});
      PlannedCase pc;
      pc.suite = r.suite;
      pc.name = r.test_case;
      pc.file = r.file;
      for (const PlannedCase& c : j.cases)
        if (c.FullName() == name) pc.line = c.line;
      one.cases = {pc};
      out.push_back(std::move(one));
    }
  }
  return out;
}

}  // namespace

bool RunReport::failed() const {
  return AnyFailure(results) || !order.empty();
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
  RunContext ctx;
  ctx.o = &o;
  ctx.build_dir = build_dir;
  ctx.tmp = tmp.path();
  ctx.log_dir = o.log_dir.empty() ? tmp.path() : o.log_dir;
  std::vector<Job> jobs = plan.jobs;
  report->planned_processes = static_cast<int>(jobs.size());
  if (o.isolate) {
    jobs = Isolate(jobs, ctx, sinks.log);
    OrderJobs(&jobs, o.shuffle_seed);
  }
  std::vector<std::vector<JobRun>> rounds;
  bool any_failed = false;
  for (int round = 0; round < std::max(1, o.count); ++round) {
    if (StopSignal() || (o.failfast && any_failed)) break;
    rounds.emplace_back();
    RunRound(jobs, ctx, round, emit, &rounds.back(), &any_failed);
  }
  if (o.retry_failed > 0) {
    for (size_t r = 0; r < rounds.size(); ++r) {
      for (size_t i = 0; i < rounds[r].size(); ++i) {
        JobRun& s = rounds[r][i];
        if (!s.job || !AnyFailure(s.results)) continue;
        Retry(&s, ctx, r > 0 ? "r" + std::to_string(r + 1) : "");
        for (const auto& res : s.results)
          if (report::IsFailure(res.outcome) || res.outcome == Outcome::kFlaky)
            emit.Result(res, false);
      }
    }
  }
  if (o.find_order && !rounds.empty() && !StopSignal()) {
    std::vector<JobRun> normal;
    for (const JobRun& s : rounds[0])
      if (s.job) normal.push_back(s);
    report->order = FindOrderDependence(normal, ctx, [&](const std::string& t) { emit.Note(t); });
    for (const OrderFinding& f : report->order) {
      if (sinks.human) *sinks.human << OrderLine(f) << "\n" << std::flush;
      if (sinks.json) {
        report::Event e;
        e.action = "order";
        e.package = f.package;
        e.test = f.test;
        e.reason = f.message;
        e.cause = f.cause;
        e.kind = f.victim ? "victim" : "brittle";
        sinks.json->Write(e);
      }
    }
  }
  for (auto& round : rounds) {
    for (auto& s : round) {
      if (!s.job) continue;
      for (auto& r : s.results) report->results.push_back(std::move(r));
    }
  }
  report->processes = ctx.processes;
  report->process_seconds = static_cast<double>(ctx.process_micros) / 1e6;
  report->case_seconds = static_cast<double>(ctx.case_micros) / 1e6;
  report->stop_signal = StopSignal();
  report->elapsed = std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<std::string> RunOrderLines(const Plan& plan, const RunOptions& o,
                                       const std::string& build_dir, std::ostream& log) {
  // Parameterized and typed GoogleTest cases are listed by the names the program prints
  // (AllOps/OpsTest.Apply/0), which only the built program knows.
  auto templated = [](const Job& j) {
    if (!j.gtest || !j.cases_known) return false;
    for (const PlannedCase& c : j.cases)
      if (c.pattern.find('*') != std::string::npos) return true;
    return false;
  };
  bool any_templated = false;
  for (const Job& j : plan.jobs) any_templated |= templated(j);
  if (!o.isolate && !o.shuffle_seed && !any_templated) return ListLines(plan);
  TempDir tmp;
  RunContext ctx;
  ctx.o = &o;
  ctx.build_dir = build_dir;
  ctx.tmp = tmp.path();
  ctx.log_dir = tmp.path();
  std::vector<Job> jobs = plan.jobs;
  if (o.isolate) {
    jobs = Isolate(jobs, ctx, &log);
    OrderJobs(&jobs, o.shuffle_seed);
  }
  std::vector<std::string> out;
  for (const Job& j : jobs) {
    if (!j.cases_known) {
      out.push_back(j.ctest.name);
      continue;
    }
    if (!j.only.empty()) {
      out.push_back(j.only[0]);
      continue;
    }
    std::vector<std::string> order;
    std::string err;
    if (o.shuffle_seed && j.reselect && j.cases.size() > 1) {
      if (ShuffledCaseOrder(j, ctx, *o.shuffle_seed, &order, &err)) {
        out.insert(out.end(), order.begin(), order.end());
        continue;
      }
      log << "tia: --list: the order inside " << j.ctest.name << " is unknown: " << err << "\n";
    }
    if (templated(j) && StatFile(j.executable)) {
      std::vector<std::string> names;
      if (ListCases(j, ctx, {}, &names, &err)) {
        out.insert(out.end(), names.begin(), names.end());
        continue;
      }
      log << "tia: --list: " << j.ctest.name << " could not list its cases: " << err << "\n";
    }
    for (const PlannedCase& c : j.cases) out.push_back(c.FullName());
  }
  return out;
}

std::string IsolateLine(const RunReport& r, const RunOptions& o) {
  if (!o.isolate) return "";
  double outside = std::max(0.0, r.process_seconds - r.case_seconds);
  return "isolate: " + std::to_string(r.processes) + " processes instead of " +
         std::to_string(r.planned_processes) + " (" +
         std::to_string(std::max(0, r.processes - r.planned_processes)) + " more); " +
         Secs(outside) + " of their " + Secs(r.process_seconds) +
         " outside the cases (start-up, set-up)";
}

std::set<std::string> BuildJobTargets(const std::string& build_dir, Plan* plan, std::ostream& log) {
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
  return broken;
}

}  // namespace tia::run
