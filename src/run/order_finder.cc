// Finding order-dependent cases (see tia/run/order_finder.h). Each case that ran after
// others in its process runs once alone; where the verdict differs, the cases before it
// are halved until one case reproduces the difference. A subset keeps its relative
// order: GoogleTest, Catch2 and doctest run a filtered set in their own order (definition
// order, or the --shuffle seed's order of everything registered).
#include "tia/run/order_finder.h"

#include <map>

#include "tia/run/attempt.h"

namespace tia::run {
namespace {

using report::Outcome;
using report::TestResult;

// The verdict of `name` in `results`: pass, fail, or nullopt (skipped, absent).
std::optional<bool> Passed(const std::vector<TestResult>& results, const std::string& name) {
  for (const TestResult& r : results) {
    if (report::TestName(r) != name) continue;
    if (r.outcome == Outcome::kPass) return true;
    if (report::IsFailure(r.outcome)) return false;
  }
  return std::nullopt;
}

std::string List(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

std::vector<OrderFinding> FindOrderDependence(const std::vector<JobRun>& runs, RunContext& ctx,
                                              const std::function<void(const std::string&)>& note) {
  std::vector<OrderFinding> out;
  for (const JobRun& run : runs) {
    const Job& job = *run.job;
    if (!job.reselect) continue;
    for (const std::vector<std::string>& order : run.orders) {
      for (size_t k = 1; k < order.size(); ++k) {
        if (StopSignal()) return out;
        const std::string& v = order[k];
        std::optional<bool> normal = Passed(run.results, v);
        if (!normal) continue;
        int processes = 0;
        // Does `v` keep its normal verdict after `before` (in their run order)?
        auto reproduces = [&](const std::vector<std::string>& before, const std::string& tag) {
          std::vector<std::string> only = before;
          only.push_back(v);
          Attempt a = RunJob(job, ctx, "order." + v + "." + tag, only);
          ++processes;
          std::optional<bool> got = Passed(a.results, v);
          return got && *got == *normal;
        };
        Attempt alone = RunJob(job, ctx, "order." + v, {v});
        ++processes;
        std::optional<bool> alone_passed = Passed(alone.results, v);
        if (!alone_passed || *alone_passed == *normal) continue;
        OrderFinding f;
        TestResult probe = JobResult(job, {v});
        if (job.gtest && probe.suite.empty()) probe.suite = "x";
        f.package = report::PackageName(probe);
        f.test = v;
        f.victim = !*normal;
        note((f.victim ? v + " fails in the run and passes alone"
                       : v + " passes in the run and fails alone") +
             ": bisecting the " + std::to_string(k) + " cases before it");
        std::vector<std::string> cands(order.begin(), order.begin() + static_cast<long>(k));
        bool found = reproduces(cands, "all");
        int step = 0;
        while (found && cands.size() > 1) {
          size_t half = cands.size() / 2;
          std::vector<std::string> a(cands.begin(), cands.begin() + static_cast<long>(half));
          std::vector<std::string> b(cands.begin() + static_cast<long>(half), cands.end());
          ++step;
          if (reproduces(a, std::to_string(step) + "a")) {
            cands = std::move(a);
          } else if (reproduces(b, std::to_string(step) + "b")) {
            cands = std::move(b);
          } else {
            found = false;
          }
        }
        f.processes = processes;
        std::string verdicts =
            f.victim ? "passes alone and fails after " : "fails alone and passes after ";
        if (!found) {
          f.message =
              v + (f.victim ? " passes alone but fails after " : " fails alone but passes after ") +
              (cands.size() == k ? "the cases before it, and not reproducibly"
                                 : "these together, not after any one of them: " + List(cands));
        } else {
          f.cause = cands[0];
          f.message = v + " " + verdicts + f.cause;
        }
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

std::string OrderLine(const OrderFinding& f) {
  if (f.cause.empty()) return "ORDER " + f.test + ": " + f.message;
  if (f.victim) return "ORDER polluter " + f.cause + " → victim " + f.test + ": " + f.message;
  return "ORDER state-setter " + f.cause + " → brittle " + f.test + ": " + f.message;
}

}  // namespace tia::run
