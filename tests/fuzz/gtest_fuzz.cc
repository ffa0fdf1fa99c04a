// libFuzzer target for what GoogleTest programs print: the JSON report
// (--gtest_output=json), the console output and the --gtest_list_tests listing. The input
// is "JSON \0 console \0 listing"; every parser must cope with any bytes, and the console
// parser must give every case a name and output that are pieces of the input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_util.h"
#include "tia/report/gtest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tia::report;
  std::vector<std::string> parts =
      tia::fuzz::SplitAtNul(std::string_view(reinterpret_cast<const char*>(data), size));
  parts.resize(3);
  std::vector<GtestCaseResult> cases;
  std::string err;
  std::vector<TestResult> results;
  if (ParseGtestJson(parts[0], &cases, &err)) {
    for (const GtestCaseResult& c : cases) results.push_back(ToTestResult(c, "exe", "ctest"));
  } else {
    tia::fuzz::Check(!err.empty(), "a refused report without an error message");
  }
  std::vector<GtestConsoleCase> console = ParseGtestConsole(parts[1]);
  for (const GtestConsoleCase& c : console) {
    tia::fuzz::Check(parts[1].find(c.name) != std::string::npos, "a case name not in the input");
    tia::fuzz::Check(c.output.size() <= parts[1].size(), "more output than input");
  }
  AttachConsole(console, &results);
  for (const GtestListedCase& c : ParseGtestList(parts[2])) {
    tia::fuzz::Check(!c.suite.empty() && !c.name.empty(), "a listed case without suite or name");
    c.disabled();
  }
  return 0;
}
