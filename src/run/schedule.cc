// Scheduling one round of jobs over parallel workers (see tia/run/schedule.h).
#include "tia/run/schedule.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "tia/run/attempt.h"
#include "tia/run/process.h"

namespace tia::run {

using report::Outcome;
using report::TestResult;

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
        if (j.coverage_only) continue;
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
      if (!j.coverage_only) emit.JobStarted(j);
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
      if (jobs[i].coverage_only) a.results.clear();
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
    if (state[i] != kPending || jobs[i].coverage_only) continue;
    JobRun& s = (*slots)[i];
    s.job = &jobs[i];
    for (TestResult r : NotRun(jobs[i], why)) {
      emit.Result(r, false);
      s.results.push_back(std::move(r));
    }
  }
}

}  // namespace tia::run
