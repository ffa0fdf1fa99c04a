// `tia run`: run the selected (or all) tests with constraints, filters, parallelism,
// timeouts and reports.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>
#include <utility>

#include "command.h"
#include "options.h"
#include "tia/app/coverage.h"
#include "tia/app/run_plan.h"
#include "tia/app/session.h"
#include "tia/report/human.h"
#include "tia/report/json_events.h"
#include "tia/report/junit.h"
#include "tia/run/plan.h"
#include "tia/run/process.h"
#include "tia/run/runner.h"
#include "tia/store/results.h"
#include "tia/util/fs.h"
#include "tia/util/handle.h"

namespace tia::cli {
namespace {

struct RunFlags {
  app::OpenOptions session;
  std::string base, head, tags, shuffle = "off", shard, junit, log_dir;
  bool all = false, build = false, list = false, json = false, no_index = false;
  bool record_coverage = false, no_coverage = false;
  int jobs = 0;
  run::RunOptions run;
};

bool ParseFlags(RunFlags& f, std::string* err) {
  if (!f.tags.empty() && !constraint::ParseTagList(f.tags, &f.run.tags, err)) {
    *err = "--tags: " + *err;
    return false;
  }
  if (f.shuffle == "on") {
    f.run.shuffle_seed = static_cast<uint64_t>(
        std::chrono::system_clock::now().time_since_epoch().count() % 1000000000);
  } else if (f.shuffle != "off") {
    uint64_t seed = 0;
    const char* end = f.shuffle.data() + f.shuffle.size();
    auto [p, ec] = std::from_chars(f.shuffle.data(), end, seed);
    if (f.shuffle.empty() || p != end || ec != std::errc()) {
      *err = "--shuffle " + f.shuffle +
             ": expected on, off or a seed (a whole number from 0 to 18446744073709551615)";
      return false;
    }
    f.run.shuffle_seed = seed;
  }
  if (!f.shard.empty()) {
    // K/N: two whole numbers, each parsed completely (no overflow, no trailing text).
    int k = 0, n = 0;
    size_t slash = f.shard.find('/');
    auto whole = [](std::string_view s, int* v) {
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
      return !s.empty() && ec == std::errc() && p == s.data() + s.size();
    };
    if (slash == std::string::npos || !whole(std::string_view(f.shard).substr(0, slash), &k) ||
        !whole(std::string_view(f.shard).substr(slash + 1), &n) || n < 1 || k < 1 || k > n ||
        n > kMaxShards) {
      *err = "--shard " + f.shard +
             ": expected K/N with 1 <= K <= N <= " + std::to_string(kMaxShards) + " (e.g. 2/4)";
      return false;
    }
    f.run.shard_index = k;
    f.run.shard_count = n;
  }
  f.run.jobs = f.jobs > 0 ? f.jobs : std::max(1u, std::thread::hardware_concurrency());
  if (f.run.isolate && f.run.find_order) {
    *err = "--isolate and --find-order-dependence: the search needs the normal run first; use one";
    return false;
  }
  return true;
}

// The directory for the tests' whole output: --log-dir, else BUILD/Testing/Temporary/tia
// (next to CTest's own logs). Created when missing; must be a writable directory.
bool PrepareLogDir(const std::string& build_dir, std::string* dir, std::string* err) {
  namespace fs = std::filesystem;
  bool given = !dir->empty();
  if (!given) *dir = build_dir + "/Testing/Temporary/tia";
  std::error_code ec;
  fs::path p = fs::absolute(*dir, ec);
  if (!ec) *dir = p.lexically_normal().string();
  fs::create_directories(*dir, ec);
  if (ec || !fs::is_directory(*dir) || ::access(dir->c_str(), W_OK) != 0) {
    *err = std::string(given ? "--log-dir " : "log directory ") + *dir + ": " +
           (ec ? "cannot create it: " + ec.message() : "not a writable directory");
    return false;
  }
  return true;
}

// Claims `*dir` for this run: `*lock` holds DIR/.tia-run.lock until the run ends. When
// another tia run holds it (two runs of one build directory at once), this run's logs go
// to DIR/run-PID instead (no lock needed: the name is this process's): the same file names
// in one directory would overwrite each other's output while the programs write it.
bool ClaimLogDir(std::string* dir, UniqueFd* lock, std::string* err) {
  std::string lock_path = *dir + "/.tia-run.lock";
  UniqueFd fd(::open(lock_path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0644));
  if (!fd) {
    *err = "log directory " + *dir + ": cannot create " + lock_path + ": " + std::strerror(errno);
    return false;
  }
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) == 0) {
    *lock = std::move(fd);
    return true;
  }
  std::string own = *dir + "/run-" + std::to_string(::getpid());
  std::error_code ec;
  std::filesystem::create_directories(own, ec);
  if (ec) {
    *err = "log directory " + own + ": cannot create it: " + ec.message();
    return false;
  }
  std::cerr << "tia: note: another tia run writes its logs to " << *dir << "; this run's go to "
            << own << "\n";
  *dir = own;
  return true;
}

int RunRun(RunFlags& f) {
  std::string err;
  if (!ParseFlags(f, &err)) return Fail(err);
  // Every output path is checked before anything runs: a report that cannot be written
  // must not be found out after the whole suite ran.
  if (!f.junit.empty() && !f.list && !CheckOutputFile(f.junit, &err))
    return Fail("--junit: " + err);
  f.session.index = !f.no_index;
  f.session.need_repo = !f.all || f.record_coverage;
  f.session.coverage = !f.no_coverage;
  // Coverage is recorded one case per process: what a process ran is what its case ran.
  if (f.record_coverage) f.run.isolate = true;
  Session s;
  if (!app::OpenSession(f.session, std::cerr, &s, &err)) return Fail(err);

  std::map<std::string, double> durations;
  if (!LatestDurations(s.db(), &durations, &err)) return Fail(err);
  UniqueFd log_lock;
  if (!f.list) {
    f.run.log_dir = f.log_dir;
    if (!PrepareLogDir(s.build().build_dir, &f.run.log_dir, &err)) return Fail(err);
    if (!ClaimLogDir(&f.run.log_dir, &log_lock, &err)) return Fail(err);
  }
  app::CoverageBuild coverage;
  std::optional<TempDir> coverage_tmp;
  if (f.record_coverage && !f.list) {
    if (s.db().read_only())
      return Fail(s.db().path() + " is read-only: --record-coverage stores what it records there");
    if (!app::PrepareCoverage(s, &coverage, &err)) return Fail(err);
    coverage_tmp.emplace("tia-coverage");
    if (coverage_tmp->path().empty())
      return Fail("--record-coverage: cannot create a temporary directory");
    f.run.coverage_dir = coverage_tmp->path();
  }
  run::InstallStopHandlers();
  app::RunPlanOptions po;
  po.all = f.all;
  po.build = f.build && !f.list;
  po.change.base = f.base;
  po.change.head = f.head;
  po.change.versions_from_git = !f.no_index;
  po.change.verbose = f.run.verbose;
  Selection sel;
  run::Plan plan;
  if (!app::PlanRun(s, po, f.run, durations, &sel, &plan, std::cerr, &err)) return Fail(err);
  if (!sel.base_explanation.empty()) std::cerr << "tia: base: " << sel.base_explanation << "\n";
  if (f.run.shuffle_seed) std::cerr << "tia: shuffle seed " << *f.run.shuffle_seed << "\n";

  if (f.list) {
    for (const std::string& line : run::RunOrderLines(plan, f.run, s.build().build_dir, std::cerr))
      std::cout << line << "\n";
    return kExitOk;
  }

  report::JsonEventWriter json(std::cout);
  run::RunSinks sinks;
  sinks.json = f.json ? &json : nullptr;
  sinks.human = f.json ? nullptr : &std::cout;
  sinks.log = &std::cerr;
  run::RunReport rep;
  run::ExecutePlan(plan, f.run, s.build().build_dir, sinks, &rep);

  report::Summary summary = report::Summarize(rep.results, rep.elapsed);
  std::string isolate = run::IsolateLine(rep, f.run);
  std::string order_line;
  if (f.run.find_order)
    order_line = "order dependence: " + std::to_string(rep.order.size()) +
                 (rep.order.size() == 1 ? " case" : " cases") + " found";
  if (f.json) {
    json.Summary(summary);
    if (!isolate.empty()) std::cerr << isolate << "\n";
    if (!order_line.empty()) std::cerr << order_line << "\n";
    std::cerr << report::SummaryLine(summary) << "\n";
  } else {
    report::WriteFailures(std::cout, rep.results);
    std::cout << "\n";
    if (!isolate.empty()) std::cout << isolate << "\n";
    if (!order_line.empty()) std::cout << order_line << "\n";
    std::cout << report::SummaryLine(summary) << "\n";
  }
  int status = rep.failed() ? kExitTestsFailed : kExitOk;
  if (!coverage.commit.empty() && !rep.stop_signal) {
    app::CoverageSummary cs;
    if (!app::RecordCoverage(s, coverage, rep.coverage, f.run.jobs, &cs, &err)) {
      std::cerr << "tia: error: --record-coverage: " << err << "\n";
      status = kExitUsage;
    } else {
      std::ostream& o = f.json ? std::cerr : std::cout;
      for (const std::string& n : cs.notes) o << "coverage: " << n << "\n";
      o << CoverageLine(cs.counts, coverage.commit, cs.functions) << "\n";
    }
  }
  if (!f.junit.empty() && !report::WriteJunit(f.junit, rep.results, &err)) {
    std::cerr << "tia: error: --junit " << f.junit << ": " << err << "\n";
    status = kExitUsage;
  }
  std::vector<TestResultRow> rows;
  int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  for (const auto& r : rep.results)
    rows.push_back(
        {report::TestName(r), now, std::string(report::OutcomeName(r.outcome)), r.seconds});
  if (s.db().read_only())
    std::cerr << "tia: warning: " << s.db().path()
              << " is read-only: the results (durations for --shard) were not recorded\n";
  else if (!RecordTestResults(s.db(), rows, &err))
    std::cerr << "tia: warning: recording results in " << s.db().path() << ": " << err << "\n";
  if (rep.stop_signal) {
    std::cerr << "tia: stopped by " << run::SignalName(rep.stop_signal) << "\n";
    return 128 + rep.stop_signal;
  }
  return status;
}

Command run_cmd(40, [](CLI::App& app) -> Command::Runner {
  auto f = std::make_shared<RunFlags>();
  auto* cmd = app.add_subcommand("run", "Run the tests a change can affect (or --all)");
  cmd->add_option("-p,--build-dir", f->session.build_dir, "Build directory (default: build)");
  cmd->add_option("--db", f->session.db_path, "Database path (default: BUILD/tia.db)");
  cmd->add_flag("--no-index", f->no_index, "Use the index as it is; do not update it first");
  cmd->add_option("--base", f->base, "Base revision (default: merge-base with upstream)");
  cmd->add_option("--head", f->head, "Head revision (default: the work tree)");
  cmd->add_flag("--all", f->all, "Run every test, not only the selected ones");
  cmd->add_flag("--build", f->build, "Build the selected tests' executables first");
  AddJobsOption(cmd, &f->jobs, "Tests run in parallel (default: cores)");
  cmd->add_option("--tags", f->tags, "Extra build-constraint tags, comma-separated");
  cmd->add_option("--labels", f->run.labels, "Keep tests whose CTest LABELS satisfy EXPR");
  cmd->add_option("--run", f->run.run_regex, "Run only tests whose name matches REGEX");
  cmd->add_option("--skip", f->run.skip_regex, "Leave out tests whose name matches REGEX");
  cmd->add_option("--shuffle", f->shuffle, "Randomize the order: on, off or a seed");
  cmd->add_option("--count", f->run.count, "Run each test N times")
      ->check(WholeNumber(1, kMaxCount));
  cmd->add_flag("--failfast", f->run.failfast, "Start no new test after the first failure");
  cmd->add_option("--timeout", f->run.timeout, "Per-test timeout in seconds (overrides CTest's)")
      ->check(PositiveSeconds(kMaxTimeoutSeconds));
  cmd->add_option("--retry-failed", f->run.retry_failed, "Re-run failures up to N times")
      ->check(WholeNumber(0, kMaxRetries));
  cmd->add_option("--shard", f->shard, "Run only part K of N (K/N), balanced by durations");
  cmd->add_flag("--list", f->list, "Print what would run, in order, without running");
  cmd->add_flag("--json", f->json, "Write a JSON event stream to stdout");
  cmd->add_option("--junit", f->junit, "Write a JUnit XML report to FILE");
  cmd->add_flag("-v,--verbose", f->run.verbose, "Print the output of passing tests too");
  cmd->add_flag("--isolate", f->run.isolate, "Run each case in its own process");
  cmd->add_flag("--no-coverage", f->no_coverage,
                "Select by the code graph alone, not by recorded coverage");
  cmd->add_flag("--record-coverage", f->record_coverage,
                "Record what each case runs (a --coverage build; implies --isolate)");
  cmd->add_flag("--find-order-dependence", f->run.find_order,
                "Name the case a case depends on when its verdict alone differs");
  cmd->add_option("--log-dir", f->log_dir,
                  "Where each test's whole output goes (default: BUILD/Testing/Temporary/tia)");
  return [f] { return RunRun(*f); };
});

}  // namespace
}  // namespace tia::cli
