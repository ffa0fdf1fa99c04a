// --fail-on: CI gates over an audit ("cycles,test-leaks,coverage<80").
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "tia/audit/audit.h"

namespace tia {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::string Percent(double p) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f %%", p);
  return buf;
}

}  // namespace

bool ParseFailOn(const std::string& spec, FailOn* out, std::string* err) {
  size_t start = 0;
  while (start <= spec.size()) {
    size_t comma = spec.find(',', start);
    if (comma == std::string::npos) comma = spec.size();
    std::string item = Trim(spec.substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) continue;
    if (item == "cycles") {
      out->cycles = true;
    } else if (item == "test-leaks") {
      out->test_leaks = true;
    } else if (item == "unused-includes") {
      out->unused_includes = true;
    } else if (item.rfind("coverage<", 0) == 0) {
      std::string num = Trim(item.substr(9));
      if (!num.empty() && num.back() == '%') num.pop_back();
      char* end = nullptr;
      double p = num.empty() ? NAN : std::strtod(num.c_str(), &end);
      if (std::isnan(p) || (end && *end) || p < 0 || p > 100) {
        *err = "--fail-on: '" + item + "': coverage<P needs a percentage from 0 to 100";
        return false;
      }
      out->coverage_below = p;
    } else {
      *err = "--fail-on: unknown condition '" + item +
             "' (expected cycles, test-leaks, unused-includes or coverage<P)";
      return false;
    }
  }
  return true;
}

std::vector<AuditSection> SectionsFor(const FailOn& f) {
  std::vector<AuditSection> out;
  if (f.cycles) out.push_back(AuditSection::kCycles);
  if (f.test_leaks) out.push_back(AuditSection::kTestLeaks);
  if (f.unused_includes) out.push_back(AuditSection::kUnusedIncludes);
  if (f.coverage_below >= 0) out.push_back(AuditSection::kCoverage);
  return out;
}

std::vector<std::string> FailOnHits(const AuditReport& r, const FailOn& f) {
  std::vector<std::string> hits;
  auto plural = [](size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  if (f.cycles && !r.cycles.empty())
    hits.push_back("cycles: " + plural(r.cycles.size(), "include cycle", "include cycles"));
  if (f.test_leaks && !r.leaks.empty())
    hits.push_back(
        "test-leaks: " + plural(r.leaks.size(), "include of test code", "includes of test code") +
        " in production TUs");
  if (f.unused_includes && !r.unused.empty())
    hits.push_back("unused-includes: " +
                   plural(r.unused.size(), "unused include", "unused includes"));
  if (f.coverage_below >= 0 && r.coverage.Percent() < f.coverage_below)
    hits.push_back("coverage: static coverage " + Percent(r.coverage.Percent()) + " is below " +
                   Percent(f.coverage_below));
  return hits;
}

}  // namespace tia
