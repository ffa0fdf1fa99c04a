// Results to the sinks as they come (see tia/run/emitter.h).
#include "tia/run/emitter.h"

#include "tia/report/human.h"
#include "tia/run/attempt.h"

namespace tia::run {
namespace {

std::string Package(const Job& j) {
  report::TestResult probe = JobResult(j, {});
  if (j.gtest) probe.suite = "x";  // packages of GoogleTest cases are the executable
  return report::PackageName(probe);
}

}  // namespace

void Emitter::JobStarted(const Job& j) {
  if (!s_.json) return;
  std::string pkg = Package(j);
  s_.json->Start(pkg);
  if (j.cases_known) {
    for (const PlannedCase& c : j.cases) s_.json->Run(pkg, c.FullName());
  } else {
    s_.json->Run(pkg, report::TestName(JobResult(j, {})));
  }
}

void Emitter::Result(const report::TestResult& r, bool defer_failures) {
  if (defer_failures && report::IsFailure(r.outcome)) return;
  if (s_.human) *s_.human << report::ResultLine(r) << "\n" << std::flush;
  if (s_.json) s_.json->Result(r);
}

void Emitter::Verbose(const Job& j, const std::string& output) {
  if (!o_.verbose || !s_.human || output.empty()) return;
  *s_.human << "=== " << j.ctest.name << "\n" << output;
  if (output.back() != '\n') *s_.human << "\n";
}

void Emitter::Note(const std::string& text) {
  if (s_.log) *s_.log << "tia: " << text << "\n" << std::flush;
}

}  // namespace tia::run
