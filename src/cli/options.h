// Numeric command-line options: every value is parsed whole and checked against its range
// before any work starts, and a bad one is named with the range in words:
//   tia: error: --count: 0 is out of range (expected a whole number from 1 to 10000)
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace tia::cli {

// Upper bounds: far above any sensible use, low enough that no count overflows or
// exhausts memory (tests x count jobs, one thread per job slot).
inline constexpr long long kMaxJobs = 1024;
inline constexpr long long kMaxCount = 10000;
inline constexpr long long kMaxRetries = 100;
inline constexpr double kMaxTimeoutSeconds = 1000000;
inline constexpr int kMaxShards = 10000;  // --shard K/N: the planner keeps one bin per part

// Parses `text` as a whole decimal number in [min, max]. False with `problem` saying what
// is wrong and what is allowed, e.g. "'abc' is not a whole number (expected a whole number
// from 1 to 1024)".
bool ParseWholeNumber(const std::string& text, long long min, long long max, long long* out,
                      std::string* problem);

// Parses `text` as a number of seconds greater than 0 and at most `max` ("2.5", "30").
bool ParsePositiveSeconds(const std::string& text, double max, double* out, std::string* problem);

// CLI11 validators around the two parsers (the option name is prefixed by CLI11).
CLI::Validator WholeNumber(long long min, long long max);
CLI::Validator PositiveSeconds(double max);

// Adds `-j,--jobs` with the range 1..kMaxJobs.
CLI::Option* AddJobsOption(CLI::App* cmd, int* jobs, const std::string& help);

}  // namespace tia::cli
