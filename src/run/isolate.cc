// Splitting jobs into one process per case (see tia/run/isolate.h).
#include "tia/run/isolate.h"

#include <string>

#include "tia/run/attempt.h"
#include "tia/run/listing.h"

namespace tia::run {

using report::TestResult;

namespace {

// A case name no program has: GoogleTest's full names have a dot, and the name has none of
// Catch2's or doctest's pattern characters.
constexpr const char* kNoCaseName = "tia_runs_no_case";

}  // namespace

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
    auto whole = [&] { out.push_back(ctx.o->coverage_dir.empty() ? j : AsCtestCommand(j)); };
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
      Job command = AsCtestCommand(j);
      command.coverage_only = true;
      command.cases.clear();
      out.push_back(std::move(command));
      // Where tia's report runs beside the command's own (GoogleTest's JSON, Catch2 3's XML
      // beside its console): one process of no case each way, for what tia's report runs in
      // every process (Catch2's XML header prints the version the console prints only once
      // a case prints something).
      if (!ReplacesReporter(j)) {
        Job flags = j;
        flags.only = {kNoCaseName};
        flags.cases.clear();
        flags.cases_known = true;
        flags.reselect = false;
        flags.coverage_only = true;
        flags.baseline = CoverageBaseline::kFlags;
        Job plain = flags;
        plain.argv = JobArgv(flags, "", std::nullopt, {});
        plain.verbatim = true;
        plain.only.clear();
        plain.baseline = CoverageBaseline::kCommand;
        out.push_back(std::move(flags));
        out.push_back(std::move(plain));
      }
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
