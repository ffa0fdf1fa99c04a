// Numeric option parsing with ranges in words (see options.h).
#include "options.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace tia::cli {
namespace {

// The value as typed, shortened when long.
std::string Shown(const std::string& text) {
  return text.size() > 40 ? text.substr(0, 40) + "..." : text;
}

std::string FormatSeconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", s);
  return buf;
}

}  // namespace

bool ParseWholeNumber(const std::string& text, long long min, long long max, long long* out,
                      std::string* problem) {
  std::string range =
      "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ")";
  long long v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || p != end || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
    *problem = "'" + Shown(text) + "' is not a whole number (" + range;
    return false;
  }
  if (ec == std::errc::result_out_of_range || v < min || v > max) {
    *problem = Shown(text) + " is out of range (" + range;
    return false;
  }
  *out = v;
  return true;
}

bool ParsePositiveSeconds(const std::string& text, double max, double* out, std::string* problem) {
  std::string range =
      "expected a number of seconds greater than 0 and at most " + FormatSeconds(max) + ")";
  double v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v, std::chars_format::general);
  if (text.empty() || p != end || (ec != std::errc() && ec != std::errc::result_out_of_range) ||
      !std::isfinite(v)) {
    *problem = "'" + Shown(text) + "' is not a number (" + range;
    return false;
  }
  if (ec == std::errc::result_out_of_range || !(v > 0) || v > max) {
    *problem = Shown(text) + " is out of range (" + range;
    return false;
  }
  *out = v;
  return true;
}

CLI::Validator WholeNumber(long long min, long long max) {
  return CLI::Validator(
      [min, max](std::string& s) {
        long long v;
        std::string problem;
        return ParseWholeNumber(s, min, max, &v, &problem) ? std::string() : problem;
      },
      std::to_string(min) + "-" + std::to_string(max));
}

CLI::Validator PositiveSeconds(double max) {
  return CLI::Validator(
      [max](std::string& s) {
        double v;
        std::string problem;
        return ParsePositiveSeconds(s, max, &v, &problem) ? std::string() : problem;
      },
      "SECONDS>0");
}

CLI::Option* AddJobsOption(CLI::App* cmd, int* jobs, const std::string& help) {
  return cmd->add_option("-j,--jobs", *jobs, help)->check(WholeNumber(1, kMaxJobs));
}

}  // namespace tia::cli
