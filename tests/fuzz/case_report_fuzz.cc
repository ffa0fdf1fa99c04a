// libFuzzer target for the XML reports of Catch2 (-r xml) and doctest (-r=xml): any bytes
// give cases or an error, never a crash, and a failed case the report finished always says
// something (one the report cut short gets its text from how the program ended, in the
// runner).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "tia/run/case_report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tia;
  std::string input(reinterpret_cast<const char*>(data), size);
  for (const char* framework : {"catch2", "doctest"}) {
    std::vector<run::XmlCaseResult> cases;
    std::string err;
    if (!run::ParseXmlCaseReport(framework, input, &cases, &err)) {
      fuzz::Check(!err.empty(), "a refused report without an error message");
      continue;
    }
    for (const run::XmlCaseResult& c : cases)
      fuzz::Check(c.passed || !c.failure.empty() || !c.finished,
                  "a finished failed case without a failure text");
  }
  return 0;
}
