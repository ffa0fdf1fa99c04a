// libFuzzer target for `tia select --format json` and `tia run --json`: file names, test
// names and reasons are any bytes (git and test programs allow them). The JSON must always
// be written (no exception) and parse back to exactly ValidUtf8 of each string.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_util.h"
#include "tia/report/json_events.h"
#include "tia/select/format.h"
#include "tia/util/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tia;
  using fuzz::Check;
  std::vector<std::string> p =
      fuzz::SplitAtNul(std::string_view(reinterpret_cast<const char*>(data), size));
  p.resize(4);
  const std::string& path = p[0];
  const std::string& test = p[1];
  const std::string& reason = p[2];

  std::string fixed = ValidUtf8(p[3]);
  Check(IsValidUtf8(fixed), "ValidUtf8 gave invalid UTF-8");
  Check(ValidUtf8(fixed) == fixed, "ValidUtf8 is not idempotent");
  Check(IsValidUtf8(p[3]) == (fixed == p[3]), "ValidUtf8 changed valid text");

  Selection s;
  s.base = "b";
  s.head = "WORKTREE";
  s.all_reason = reason;
  FileChange f;
  f.old_path = f.new_path = path;
  s.changed_files.push_back(f);
  s.changed.push_back({0, path, 1, "function " + reason, false});
  SelectedTest t;
  t.name = test;
  t.executable = test;
  SelectedCase c;
  c.name = c.pattern = test;
  c.chain = {reason, test};
  c.names = {test};
  t.cases.push_back(c);
  s.tests.push_back(t);
  std::ostringstream out;
  PrintSelectionJson(s, out);
  auto j = nlohmann::json::parse(out.str(), nullptr, false);
  Check(!j.is_discarded(), "selection JSON does not parse");
  Check(j["changed_files"][0]["new_path"] == ValidUtf8(path), "a path changed");
  Check(j["tests"][0]["name"] == ValidUtf8(test), "a test name changed");
  Check(j["all_reason"] == ValidUtf8(reason), "a reason changed");

  std::ostringstream events;
  report::JsonEventWriter w(events);
  report::TestResult r;
  r.ctest_name = test;
  r.output = reason;
  r.failure_message = path;
  r.outcome = report::Outcome::kFail;
  w.Result(r);
  std::istringstream lines(events.str());
  for (std::string line; std::getline(lines, line);) {
    auto e = nlohmann::json::parse(line, nullptr, false);
    Check(!e.is_discarded() && e.is_object(), "an event line does not parse");
  }
  return 0;
}
