// libFuzzer target for `ctest --show-only=json-v1` output: ParseCTestJson on any bytes
// returns the tests or an error that says what is wrong, and never throws.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "tia/buildmodel/build_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tia;
  std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<CTestTest> tests;
  std::string err;
  if (!ParseCTestJson(input, &tests, &err))
    fuzz::Check(!err.empty(), "a refused list without an error message");
  return 0;
}
