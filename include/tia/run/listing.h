// Asking a test program which cases it would run, and in which order: GoogleTest
// --gtest_list_tests, Catch2 --list-test-names-only, doctest -ltc. Used for reruns after a
// crash (the exact names still without a verdict), --isolate, and --list under --shuffle.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tia/report/gtest.h"
#include "tia/run/context.h"

namespace tia::run {

// The exact names of the cases `job` runs with case selection `only` (empty: the job's
// own command), in the program's default order. GoogleTest DISABLED_ cases are left out
// unless the command also runs them. False with `err` when the listing fails.
bool ListCases(const Job& job, RunContext& ctx, const std::vector<std::string>& only,
               std::vector<std::string>* names, std::string* err);

// The major version of the Catch2 program of `job` (`--libidentify`), 0 when it does not
// say. Catch2 3 takes several reporters, each with its own output file.
int CatchMajorVersion(const Job& job, RunContext& ctx);

// The order in which `job` runs its cases under --shuffle `seed`.
bool ShuffledCaseOrder(const Job& job, RunContext& ctx, uint64_t seed,
                       std::vector<std::string>* order, std::string* err);

// GoogleTest 1.12's shuffle (UnitTestImpl::ShuffleTests): `registered` in registration
// order, as --gtest_list_tests prints it without a filter; death test suites stay first.
// Returns the full names in the order GoogleTest runs them with --gtest_random_seed=`seed`.
std::vector<std::string> GtestShuffle(const std::vector<report::GtestListedCase>& registered,
                                      int seed);

}  // namespace tia::run
