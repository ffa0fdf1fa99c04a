// --build: building the CMake targets of the plan's tests one at a time, turning the tests
// of a target that failed to build into failed results (see BuildJobTargets in
// tia/run/runner.h).
#include <map>
#include <set>
#include <string>

#include "tia/run/context.h"
#include "tia/run/process.h"
#include "tia/run/runner.h"

extern char** environ;

namespace tia::run {

using report::Outcome;
using report::TestResult;

std::set<std::string> BuildJobTargets(const std::string& build_dir, Plan* plan, std::ostream& log) {
  std::set<std::string> targets;
  for (const Job& j : plan->jobs)
    if (!j.target.empty()) targets.insert(j.target);
  TempDir tmp("tia-run");
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
