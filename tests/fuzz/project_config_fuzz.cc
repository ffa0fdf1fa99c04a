// libFuzzer target for tia.toml: ParseProjectConfig on any bytes gives rules or an error
// with a line (toml++ parse errors included), and matching the rules' globs against paths
// ends quickly (libFuzzer's -timeout catches a glob that backtracks without bound).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_util.h"
#include "tia/select/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tia;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  ProjectConfig config;
  std::string err;
  if (!ParseProjectConfig(input, "tia.toml", &config, &err)) {
    fuzz::Check(err.rfind("tia.toml:", 0) == 0, "an error that does not name tia.toml");
    return 0;
  }
  static const char* const kPaths[] = {"README.md", "docs/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/index.md",
                                       "a/a/a/a/a/a/a/a/a/a/a/a/a/a", "src/x.cc", ""};
  for (const PathRule& r : config.rules) {
    fuzz::Check(!r.paths.empty(), "a rule without paths");
    for (const std::string& glob : r.paths)
      for (const char* p : kPaths) GlobMatch(glob, p);
  }
  for (const char* p : kPaths) config.Match(p);
  return 0;
}
