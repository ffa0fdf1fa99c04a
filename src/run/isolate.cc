// Splitting jobs into one process per case (see tia/run/isolate.h).
#include "tia/run/isolate.h"

#include <algorithm>
#include <string>

#include "tia/run/attempt.h"
#include "tia/run/listing.h"

namespace tia::run {

using report::TestResult;

std::vector<Job> Isolate(const std::vector<Job>& jobs, RunContext& ctx, std::ostream* log) {
  std::vector<Job> out;
  for (const Job& j : jobs) {
    if (!j.only.empty()) {
      out.push_back(j);
      continue;
    }
    std::vector<std::string> names;
    std::string err;
    // Recording coverage, a test that runs as one process runs as CTest runs it: its record
    // is then what the CTest command runs (not tia's report flags, which replace Catch2's and
    // doctest's console reporter).
    auto whole = [&] {
      Job one = j;
      if (!ctx.o->coverage_dir.empty()) {
        one.verbatim = true;
        one.cases_known = false;
        if (!one.gtest) one.argv.resize(std::min(one.own_argc, one.argv.size()));
      }
      out.push_back(std::move(one));
    };
    if (!j.reselect) {
      whole();
      continue;
    }
    if (!ListCases(j, ctx, {}, &names, &err)) {
      if (log)
        *log << "tia: --isolate: " << j.ctest.name << " runs as one process: " << err << "\n";
      whole();
      continue;
    }
    if (names.size() <= 1) {
      whole();
      continue;
    }
    if (!ctx.o->coverage_dir.empty()) {
      // Its CTest command as CTest runs it, whole, for the coverage of what it runs.
      Job command = j;
      command.verbatim = true;
      command.coverage_only = true;
      command.cases_known = false;
      command.cases.clear();
      if (!command.gtest) command.argv.resize(std::min(command.own_argc, command.argv.size()));
      out.push_back(std::move(command));
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

}  // namespace tia::run
