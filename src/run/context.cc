// What the parts of one run share: its temporary directory, log file names, and how a
// job's processes start (environment, working directory, timeouts; see tia/run/context.h).
#include "tia/run/context.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <map>

#include "tia/util/hash.h"
#include "tia/util/strings.h"

extern char** environ;

namespace tia::run {
namespace {

// A file name made of the characters that are safe everywhere.
std::string SafeName(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    out += ok ? c : '_';
  }
  if (out.empty() || out[0] == '.') out.insert(0, "_");
  if (out.size() > 120) out.resize(120);
  return out;
}

}  // namespace

std::string RunContext::LogPath(const Job& job, const std::string& tag) {
  std::string base = SafeName(job.ctest.name);
  if (!tag.empty()) base += "." + SafeName(tag);
  std::lock_guard<std::mutex> lock(mu_);
  std::string name = base;
  for (int n = 2; !used_.insert(name).second; ++n) name = base + "-" + std::to_string(n);
  return log_dir + "/" + name + ".log";
}

void RunContext::NoteCoverage(const Job& job, const std::vector<std::string>& only,
                              const std::string& log, const ProcessOutcome& p, bool started) {
  if (o->coverage_dir.empty()) return;
  CoverageProcess c;
  c.dir = CoverageDirFor(o->coverage_dir, log);
  c.test = job.ctest.name;
  c.cases = only;
  c.clean = p.started && !p.timed_out && !p.interrupted && p.term_signal == 0;
  c.started = started;
  c.reporter_replaced = ReplacesReporter(job);
  c.baseline = job.baseline;
  std::lock_guard<std::mutex> lock(mu_);
  coverage_.push_back(std::move(c));
}

std::vector<CoverageProcess> RunContext::TakeCoverage() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::move(coverage_);
}

std::vector<std::string> JobEnv(const Job& j) {
  std::map<std::string, std::string> env;
  std::vector<std::string> order;
  auto set = [&](const std::string& kv) {
    std::string key = kv.substr(0, kv.find('='));
    if (!env.count(key)) order.push_back(key);
    env[key] = kv;
  };
  for (char** e = environ; e && *e; ++e) set(*e);
  for (const std::string& kv : j.ctest.environment) set(kv);
  std::vector<std::string> out;
  for (const auto& k : order) out.push_back(env[k]);
  return out;
}

ProcessSpec JobSpec(const Job& job, const RunContext& ctx, std::vector<std::string> argv,
                    const std::string& log) {
  ProcessSpec spec;
  spec.argv = std::move(argv);
  spec.cwd = job.ctest.working_directory.empty() ? ctx.build_dir : job.ctest.working_directory;
  spec.env = JobEnv(job);
  if (!ctx.o->coverage_dir.empty()) {
    std::erase_if(spec.env, [](const std::string& kv) {
      return kv.rfind("GCOV_PREFIX=", 0) == 0 || kv.rfind("GCOV_PREFIX_STRIP=", 0) == 0;
    });
    spec.env.push_back("GCOV_PREFIX=" + CoverageDirFor(ctx.o->coverage_dir, log));
    spec.env.push_back("GCOV_PREFIX_STRIP=0");
  }
  spec.timeout = EffectiveTimeout(job, *ctx.o);
  spec.output_path = log;
  if (job.ctest.timeout_after_match > 0) {
    spec.timeout_match = job.ctest.timeout_match_regex;
    spec.timeout_after_match = job.ctest.timeout_after_match;
    if (const char* s = std::getenv("TIA_TIMEOUT_SCALE")) {
      double scale = std::strtod(s, nullptr);
      if (scale > 0) spec.timeout_after_match *= scale;
    }
  }
  return spec;
}

double EffectiveTimeout(const Job& job, const RunOptions& o) {
  double t = o.timeout > 0           ? o.timeout
             : job.ctest.timeout > 0 ? job.ctest.timeout
                                     : kDefaultTimeout;
  if (const char* s = std::getenv("TIA_TIMEOUT_SCALE")) {
    double scale = std::strtod(s, nullptr);
    if (scale > 0) t *= scale;
  }
  return t;
}

std::string Secs(double s) {
  return SecondsText(s);
}

}  // namespace tia::run
