// The command lines of a job's processes: case selection for GoogleTest, Catch2 and
// doctest, report files and shuffle seeds (see JobArgv in tia/run/plan.h).
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "tia/run/plan.h"

namespace tia::run {

std::vector<std::string> CaseSelectArgs(const std::string& framework,
                                        const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& n : names) {
    if (!joined.empty()) joined += ',';
    for (char c : n) {
      bool special = framework == "catch2"
                         ? std::string_view(",[]\\*\"~").find(c) != std::string_view::npos
                         : c == ',' || c == '\\';
      if (special) joined += '\\';
      joined += c;
    }
  }
  if (framework == "catch2") return {joined};
  if (framework == "doctest") return {"-tc=" + joined};
  return {};
}

namespace {

// The length of the job's CTest command: its argv before tia's case selection.
size_t OwnArgc(const Job& job) {
  return std::max<size_t>(job.ctest.command.size(), 1);
}

}  // namespace

std::vector<std::string> JobArgv(const Job& job, const std::string& report,
                                 std::optional<uint64_t> shuffle_seed,
                                 const std::vector<std::string>& only_arg) {
  std::vector<std::string> argv = job.argv;
  if (job.verbatim) return argv;
  const std::vector<std::string>& only = only_arg.empty() ? job.only : only_arg;
  if (job.framework == "catch2" || job.framework == "doctest") {
    if (!only.empty()) {
      argv.resize(std::min(OwnArgc(job), argv.size()));
      for (std::string& a : CaseSelectArgs(job.framework, only)) argv.push_back(std::move(a));
    }
    // A shuffled run replaces the command's own arguments: all a command tia gives a case
    // selection may have is an order and a seed (OwnSelection::plain).
    if (size_t own = OwnArgc(job); shuffle_seed && own > 1 && argv.size() >= own)
      argv.erase(argv.begin() + 1, argv.begin() + static_cast<std::ptrdiff_t>(own));
    if (job.framework == "catch2") {
      if (!report.empty() && job.catch_console) {
        argv.insert(argv.end(), {"-r", "console::out=" + report + ".console", "-r",
                                 "xml::out=" + report, "-d", "yes"});
      } else if (!report.empty()) {
        argv.insert(argv.end(), {"-r", "xml", "-d", "yes", "-o", report});
      }
      if (shuffle_seed)
        argv.insert(argv.end(), {"--order", "rand", "--rng-seed", CatchSeed(*shuffle_seed)});
    } else {
      if (!report.empty()) argv.insert(argv.end(), {"-r=xml", "-d=true", "--out=" + report});
      if (shuffle_seed)
        argv.insert(argv.end(), {"-ob=rand", "-rs=" + std::to_string(*shuffle_seed)});
    }
    return argv;
  }
  if (!job.gtest) return argv;
  if (!only.empty()) {
    std::string filter;
    for (const auto& n : only) filter += (filter.empty() ? "" : ":") + n;
    std::erase_if(argv, IsGtestFilterArg);
    argv.push_back("--gtest_filter=" + filter);
  }
  if (!job.gtest_own_output && !report.empty()) argv.push_back("--gtest_output=json:" + report);
  if (shuffle_seed) {
    argv.push_back("--gtest_shuffle");
    argv.push_back("--gtest_random_seed=" + std::to_string(GtestSeed(*shuffle_seed)));
  }
  return argv;
}

Job AsCtestCommand(const Job& job) {
  Job j = job;
  j.verbatim = true;
  j.cases_known = false;
  if (!j.gtest) j.argv.resize(std::min(OwnArgc(j), j.argv.size()));
  return j;
}

bool ReplacesReporter(const Job& job) {
  return !job.verbatim &&
         (job.framework == "doctest" || (job.framework == "catch2" && !job.catch_console));
}

int GtestSeed(uint64_t seed) {
  // GoogleTest seeds are 1..99999 (0 means "from the clock").
  return static_cast<int>(seed % 99999 + 1);
}

std::string CatchSeed(uint64_t seed) {
  return std::to_string(seed % 4294967295u + 1);
}

}  // namespace tia::run
