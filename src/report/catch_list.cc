// Catch2's listing of case names (see tia/report/catch_list.h).
#include "tia/report/catch_list.h"

namespace tia::report {

std::vector<std::string> CatchListArgs(bool v3) {
  if (v3) return {"--list-tests", "--verbosity", "quiet"};
  return {"--list-test-names-only"};
}

bool CatchRejectsV2Listing(std::string_view output) {
  return output.find("Unrecognised token: --list-test-names-only") != std::string_view::npos;
}

std::vector<std::string> ParseCatchNames(std::string_view output) {
  std::vector<std::string> names;
  while (!output.empty()) {
    size_t nl = output.find('\n');
    std::string_view l = output.substr(0, nl);
    output = nl == std::string_view::npos ? std::string_view() : output.substr(nl + 1);
    while (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty()) continue;
    if (l.size() >= 3 && l.front() == '"' && l.back() == '"' && l[1] == '#')
      l = l.substr(1, l.size() - 2);
    names.emplace_back(l);
  }
  return names;
}

}  // namespace tia::report
