// Listing a test program's cases and their shuffled order (see tia/run/listing.h).
#include "tia/run/listing.h"

#include <algorithm>
#include <charconv>

#include "tia/report/catch_list.h"
#include "tia/run/verdict.h"
#include "tia/select/rules.h"
#include "tia/util/strings.h"

namespace tia::run {
namespace {

// Runs `argv` for `job` and returns its output lines. Listings are small and quick; they
// run with the job's environment, directory and timeout.
bool RunListing(const Job& job, RunContext& ctx, std::vector<std::string> argv,
                std::vector<std::string>* lines, std::string* err) {
  std::string log = ctx.tmp + "/list-" + std::to_string(ctx.listings++) + ".out";
  ProcessSpec spec = JobSpec(job, ctx, std::move(argv), log);
  spec.timeout_match.clear();
  ProcessOutcome p = RunInProcessGroup(spec);
  if (!p.started || p.timed_out || p.interrupted || p.term_signal) {
    *err = !p.started      ? "could not start: " + p.error
           : p.timed_out   ? "listing timed out"
           : p.interrupted ? "interrupted"
                           : "listing killed by " + SignalName(p.term_signal);
    return false;
  }
  lines->clear();
  ForEachLogLine(log, [&](std::string_view l) {
    while (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines->emplace_back(l);
  });
  return true;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// Catch2's names-only listing (tia/report/catch_list.h).
bool CatchNames(const Job& job, RunContext& ctx, const std::vector<std::string>& argv,
                std::vector<std::string>* names, std::string* err) {
  std::vector<std::string> lines;
  for (bool v3 : {false, true}) {
    std::vector<std::string> list = argv;
    for (std::string& a : report::CatchListArgs(v3)) list.push_back(std::move(a));
    if (!RunListing(job, ctx, list, &lines, err)) return false;
    if (v3 || !report::CatchRejectsV2Listing(Joined(lines))) break;
  }
  *names = report::ParseCatchNames(Joined(lines));
  return true;
}

bool AlsoRunsDisabled(const Job& job) {
  return job.also_run_disabled;
}

// The names in doctest's -ltc output (between the separator lines after "listing all
// test case names").
std::vector<std::string> DoctestNames(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  bool in_list = false, header = false;
  for (const std::string& l : lines) {
    if (l.find("listing all test case names") != std::string::npos) {
      header = true;
      continue;
    }
    if (StartsWith(l, "=====")) {
      if (header) {
        in_list = true;
        header = false;
      } else if (in_list) {
        break;
      }
      continue;
    }
    if (in_list) out.push_back(l);
  }
  return out;
}

}  // namespace

int CatchMajorVersion(const Job& job, RunContext& ctx) {
  std::vector<std::string> lines;
  std::string err;
  if (!RunListing(job, ctx, {job.argv[0], "--libidentify"}, &lines, &err)) return 0;
  for (const std::string& l : lines) {
    if (!StartsWith(l, "version:")) continue;
    std::string v = Trim(l.substr(8));
    int major = 0;
    std::from_chars(v.data(), v.data() + v.size(), major);
    return major;
  }
  return 0;
}

bool ListCases(const Job& job, RunContext& ctx, const std::vector<std::string>& only,
               std::vector<std::string>* names, std::string* err) {
  names->clear();
  std::vector<std::string> argv = JobArgv(job, "", std::nullopt, only);
  std::vector<std::string> lines;
  if (job.gtest) {
    argv.push_back("--gtest_list_tests");
    if (!RunListing(job, ctx, argv, &lines, err)) return false;
    for (const report::GtestListedCase& c : report::ParseGtestList(Joined(lines)))
      if (!c.disabled() || AlsoRunsDisabled(job)) names->push_back(c.FullName());
    return true;
  }
  if (job.framework == "catch2") return CatchNames(job, ctx, argv, names, err);
  if (job.framework == "doctest") {
    argv.push_back("-ltc");
    if (!RunListing(job, ctx, argv, &lines, err)) return false;
    *names = DoctestNames(lines);
    return true;
  }
  *err = "not a GoogleTest, Catch2 or doctest program";
  return false;
}

bool ShuffledCaseOrder(const Job& job, RunContext& ctx, uint64_t seed,
                       std::vector<std::string>* order, std::string* err) {
  order->clear();
  std::vector<std::string> lines;
  if (job.gtest) {
    // GoogleTest shuffles everything registered, then runs what the filter keeps.
    std::vector<std::string> all = JobArgv(job, "", std::nullopt, {"*"});
    all.push_back("--gtest_list_tests");
    if (!RunListing(job, ctx, all, &lines, err)) return false;
    std::vector<std::string> selected;
    if (!ListCases(job, ctx, {}, &selected, err)) return false;
    std::set<std::string> keep(selected.begin(), selected.end());
    for (const std::string& n :
         GtestShuffle(report::ParseGtestList(Joined(lines)), GtestSeed(seed)))
      if (keep.count(n)) order->push_back(n);
    return true;
  }
  std::vector<std::string> argv = JobArgv(job, "", seed, {});
  if (job.framework == "catch2") return CatchNames(job, ctx, argv, order, err);
  if (job.framework == "doctest") {
    argv.push_back("-ltc");
    if (!RunListing(job, ctx, argv, &lines, err)) return false;
    *order = DoctestNames(lines);
    return true;
  }
  *err = "not a GoogleTest, Catch2 or doctest program";
  return false;
}

std::vector<std::string> GtestShuffle(const std::vector<report::GtestListedCase>& registered,
                                      int seed) {
  // Suites in registration order, each with its cases.
  std::vector<std::pair<std::string, std::vector<std::string>>> suites;
  for (const report::GtestListedCase& c : registered) {
    if (suites.empty() || suites.back().first != c.suite) suites.push_back({c.suite, {}});
    suites.back().second.push_back(c.FullName());
  }
  int last_death = -1;
  for (size_t i = 0; i < suites.size(); ++i) {
    const std::string& s = suites[i].first;
    if (!WildcardMatch("*DeathTest", s) && !WildcardMatch("*DeathTest/*", s)) break;
    last_death = static_cast<int>(i);
  }
  // internal::Random: the LCG of glibc's rand(3), modulo 2^31.
  uint32_t state = static_cast<uint32_t>(seed);
  auto generate = [&](uint32_t range) {
    state = static_cast<uint32_t>((1103515245ULL * state + 12345U) % (1ULL << 31));
    return state % range;
  };
  auto shuffle_range = [&](std::vector<int>* v, int begin, int end) {
    for (int width = end - begin; width >= 2; --width) {
      int last = begin + width - 1;
      int pick = begin + static_cast<int>(generate(static_cast<uint32_t>(width)));
      std::swap((*v)[static_cast<size_t>(pick)], (*v)[static_cast<size_t>(last)]);
    }
  };
  std::vector<int> suite_order(suites.size());
  for (size_t i = 0; i < suites.size(); ++i) suite_order[i] = static_cast<int>(i);
  shuffle_range(&suite_order, 0, last_death + 1);
  shuffle_range(&suite_order, last_death + 1, static_cast<int>(suites.size()));
  std::vector<std::vector<int>> case_order(suites.size());
  for (size_t i = 0; i < suites.size(); ++i) {
    case_order[i].resize(suites[i].second.size());
    for (size_t j = 0; j < case_order[i].size(); ++j) case_order[i][j] = static_cast<int>(j);
    shuffle_range(&case_order[i], 0, static_cast<int>(case_order[i].size()));
  }
  std::vector<std::string> out;
  for (int s : suite_order)
    for (int c : case_order[static_cast<size_t>(s)])
      out.push_back(suites[static_cast<size_t>(s)].second[static_cast<size_t>(c)]);
  return out;
}

}  // namespace tia::run
