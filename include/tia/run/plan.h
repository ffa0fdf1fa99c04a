// What `tia run` will run: the selected (or all) CTest tests narrowed to their cases,
// filtered by build constraints, labels and name regexes, with fixtures added, sharded
// and ordered.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tia/buildmodel/build_model.h"
#include "tia/constraint/tags.h"
#include "tia/graph/code_graph.h"
#include "tia/report/result.h"
#include "tia/run/coverage.h"
#include "tia/select/selector.h"
#include "tia/select/test_model.h"
#include "tia/util/strings.h"

namespace tia::run {

// The flags of `tia run` that shape the plan and the run.
struct RunOptions {
  std::vector<std::string> tags;         // --tags
  std::string labels;                    // --labels EXPR over CTest LABELS
  std::string run_regex, skip_regex;     // --run / --skip
  std::optional<uint64_t> shuffle_seed;  // set under --shuffle on|SEED
  int count = 1;                         // --count
  bool failfast = false;                 // --failfast
  double timeout = 0;                    // --timeout; 0: CTest's TIMEOUT, else kDefaultTimeout
  int retry_failed = 0;                  // --retry-failed
  int shard_index = 0, shard_count = 0;  // --shard K/N (1-based K); 0: not sharded
  int jobs = 1;                          // -j
  bool verbose = false;                  // -v
  bool isolate = false;                  // --isolate: one process per case
  bool find_order = false;               // --find-order-dependence
  std::string log_dir;                   // each test process's whole output (--log-dir)
  // --record-coverage: each process gets GCOV_PREFIX=<coverage_dir>/<its log's name>.
  std::string coverage_dir;
};

// ctest's default per-test timeout, in seconds.
inline constexpr double kDefaultTimeout = 1500;

// One test case (GoogleTest, Catch2 or doctest) a job runs.
struct PlannedCase {
  std::string suite, name;  // GoogleTest suite and case; Catch2/doctest: "" and the test name
  std::string pattern;      // --gtest_filter pattern (GoogleTest only)
  std::string file;         // source file (absolute)
  int line = 0;
  size_t index = 0;  // into CodeGraph::test_cases()
  std::string FullName() const { return suite.empty() ? name : suite + "." + name; }
};

// One process to start: a CTest test, maybe narrowed to some of its cases.
struct Job {
  CTestTest ctest;
  std::vector<std::string> argv;  // the command, --gtest_filter already narrowed
  // Catch2 3: its console reporter, which the CTest command uses, runs beside tia's XML
  // report (each to its own file), so tia's runs run the framework's code CTest's do.
  bool catch_console = false;
  std::string executable;  // argv[0]
  std::string target;      // CMake target building the executable ("" unknown)
  bool gtest = false;      // a GoogleTest program: per-case results via its JSON report
  std::string framework;   // "catch2" or "doctest": per-case results via its XML report
  // Runs exactly as CTest would (no argument of tia's) and is judged the CTest way, with
  // one result: its verdict depends on its output or WILL_FAIL, it runs through a
  // wrapper, lists instead of running, or has arguments tia cannot combine with its own.
  bool verbatim = false;
  // tia may replace the command's case selection: to rerun the cases a crash left
  // without a verdict, for --isolate, --retry-failed and order bisection.
  bool reselect = false;
  bool gtest_own_filter = false;   // the CTest command sets a filter (argument or GTEST_FILTER)
  bool gtest_own_output = false;   // the command sets --gtest_output: results from the console
  bool also_run_disabled = false;  // GoogleTest also runs DISABLED_ cases
  bool narrowed = false;           // the command narrowed to the selected cases
  bool cases_known = false;        // `cases` is exactly what the process runs
  std::vector<PlannedCase> cases;
  std::vector<std::string> only;  // --isolate: the one case this process runs (full name)
  // Tests (by CTest name) that must have finished first; `needs_pass` ones must have
  // passed (fixture setups), otherwise this job is skipped.
  std::vector<std::string> after, needs_pass;
  // --record-coverage: the test's CTest command run whole beside its cases, for what it
  // runs that tia's runs of single cases may not; it gives no results.
  bool coverage_only = false;
  // --record-coverage: a process of the test that runs no case (coverage_only).
  CoverageBaseline baseline = CoverageBaseline::kNone;
  bool fixture_helper = false;  // added only because a planned test requires its fixture
  double estimate = -1;         // expected seconds (recorded durations) for --shard; < 0: unknown
};

// The whole plan.
struct Plan {
  std::vector<Job> jobs;                           // in run order
  std::vector<report::TestResult> skipped;         // reported, not run: constraints, DISABLED
  std::vector<report::TestResult> build_failures;  // --build: tests whose target failed
  constraint::TagSet tags;                         // the active tags
};

// Everything the plan is made from.
struct PlanInput {
  const BuildModel* build = nullptr;
  const CodeGraph* graph = nullptr;
  const TestModel* tests = nullptr;
  const Selection* selection = nullptr;                      // null: every test (--all)
  std::string source_root;                                   // for relative file paths in the index
  const std::map<std::string, double>* durations = nullptr;  // recorded, by test name
};

// Builds the plan. Fails (err names the flag or file:line:column) on a bad --labels
// expression, a bad regex or a malformed `// tia:build` line.
bool BuildPlan(const PlanInput& in, const RunOptions& o, Plan* plan, std::string* err);

// Keeps the jobs of shard `k` (1-based) of `n`: jobs are dealt longest first (by
// `estimate`; unknown durations count as the median of the known ones, or 1 s; ties by
// CTest name) into the bin with the least total (the first such bin on ties).
// Deterministic for equal inputs.
void ShardJobs(std::vector<Job>* jobs, int k, int n);

// Orders jobs by CTest name, or shuffled with `seed` (same seed, same order); then moves
// each job after the jobs it must follow (`after`: fixture setups before their users,
// cleanups after), keeping that order otherwise. The result is the order jobs start in.
void OrderJobs(std::vector<Job>* jobs, std::optional<uint64_t> seed);

// `--list` lines: one per case where the job's cases are known, else one per test.
std::vector<std::string> ListLines(const Plan& plan);

// The arguments that make a Catch2 ("catch2") or doctest ("doctest") program run exactly
// the cases named `names`: a Catch2 test spec (`,` `[` `]` `\\` `*` `"` `~` escaped with a
// backslash, names joined by `,`) or doctest's `-tc=` (`,` and `\\` escaped).
std::vector<std::string> CaseSelectArgs(const std::string& framework,
                                        const std::vector<std::string>& names);

// The argv a job's process gets for one attempt: the job's command plus the report file
// (GoogleTest JSON, Catch2/doctest XML; none when `report` is empty) and shuffle flags,
// narrowed to the cases `only` (full names; else the job's own `only`) when not empty.
// A verbatim job's command is returned as it is.
std::vector<std::string> JobArgv(const Job& job, const std::string& report,
                                 std::optional<uint64_t> shuffle_seed,
                                 const std::vector<std::string>& only);

// The job run as its CTest command, unchanged (verbatim, judged the CTest way): the
// command without the case selection tia added to a Catch2 or doctest program.
Job AsCtestCommand(const Job& job);

// Whether tia's report flags replace the reporter the job's CTest command uses: doctest's
// `-r=xml` and Catch2 2's `-r xml` do; GoogleTest's JSON file and Catch2 3's second
// reporter come beside it.
bool ReplacesReporter(const Job& job);

// A --gtest_filter= argument.
inline bool IsGtestFilterArg(std::string_view a) {
  return StartsWith(a, "--gtest_filter=");
}

// The seed --shuffle SEED passes to GoogleTest (--gtest_random_seed, 1..99999) and to
// Catch2 (--rng-seed); doctest gets SEED itself.
int GtestSeed(uint64_t seed);
std::string CatchSeed(uint64_t seed);

}  // namespace tia::run
