// Catch2's listing of case names, one per line: v2's `--list-test-names-only`; v3 says
// "Unrecognised token" to that flag and lists names alone for `--list-tests --verbosity
// quiet`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tia::report {

// The arguments that make a Catch2 program (v2, or v3) list its case names alone.
std::vector<std::string> CatchListArgs(bool v3);

// Whether `output` is a v3 program's answer to v2's listing flag.
bool CatchRejectsV2Listing(std::string_view output);

// The case names of such a listing. A name that starts with '#' is listed in quotes (a '#'
// line of an --input-file is a comment) and named without them.
std::vector<std::string> ParseCatchNames(std::string_view output);

}  // namespace tia::report
