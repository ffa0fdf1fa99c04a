// Output formats of `tia select` (see tia/select/format.h).
#include "tia/select/format.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "tia/util/strings.h"
#include "tia/util/utf8.h"

namespace tia {
namespace {

const char* StatusName(ChangeStatus s) {
  switch (s) {
    case ChangeStatus::kAdded:
      return "added";
    case ChangeStatus::kDeleted:
      return "deleted";
    case ChangeStatus::kModified:
      return "modified";
    case ChangeStatus::kRenamed:
      return "renamed";
    case ChangeStatus::kCopied:
      return "copied";
    case ChangeStatus::kTypeChange:
      return "typechange";
  }
  return "modified";
}

}  // namespace

std::string SelectionSummary(const Selection& s) {
  std::set<std::string> files;
  for (const auto& c : s.changed) files.insert(c.file);
  std::string changed = std::to_string(s.changed_functions) + " function" +
                        (s.changed_functions == 1 ? "" : "s") + " in " +
                        std::to_string(files.size()) + " file" + (files.size() == 1 ? "" : "s");
  if (s.all) return "selected all " + std::to_string(s.total_tests) + " tests: " + s.all_reason;
  std::string line = "selected " + std::to_string(s.tests.size()) + " of " +
                     std::to_string(s.total_tests) + " tests (" +
                     std::to_string(s.selected_executables) + " executable" +
                     (s.selected_executables == 1 ? "" : "s") + "); changed: " + changed;
  if (!s.coverage_commit.empty())
    line += "; coverage at " + s.coverage_commit.substr(0, 12) + " left out " +
            std::to_string(s.coverage_left_out) + (s.coverage_left_out == 1 ? " case" : " cases");
  return line;
}

std::vector<std::string> CaseNames(const SelectedTest& t, std::vector<std::string>* patterns) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto& c : t.cases) {
    if (c.name.empty()) continue;
    std::vector<std::string> these = c.names.empty() ? std::vector<std::string>{c.name} : c.names;
    for (const std::string& n : these) {
      if (!seen.insert(n).second) continue;
      names.push_back(n);
      if (c.names_are_pattern && patterns) patterns->push_back(n);
    }
  }
  return names;
}

void PrintSelectionText(const Selection& s, std::ostream& out) {
  for (const SelectedTest& t : s.tests) {
    out << t.name;
    if (!t.whole) {
      std::vector<std::string> names = CaseNames(t, nullptr);
      if (!(names.size() == 1 && names[0] == t.name)) out << " [" << Join(names, ", ") << "]";
    }
    if (!t.cases.empty()) out << ": " << Join(t.cases[0].chain, " → ");
    out << "\n";
  }
  out << SelectionSummary(s) << "\n";
}

void PrintSelectionNames(const Selection& s, std::ostream& out) {
  for (const SelectedTest& t : s.tests) out << t.name << "\n";
}

void PrintSelectionJson(const Selection& s, std::ostream& out) {
  using nlohmann::json;
  // Paths, test names and reasons come from git, CTest and the sources: any bytes. JSON
  // must be UTF-8, so every string goes through ValidUtf8.
  auto str = [](const std::string& v) { return ValidUtf8(v); };
  json j;
  j["base"] = str(s.base);
  j["head"] = str(s.head);
  if (!s.base_explanation.empty()) j["base_explanation"] = str(s.base_explanation);
  j["all"] = s.all;
  j["all_reason"] = str(s.all_reason);
  json files = json::array();
  for (const FileChange& f : s.changed_files) {
    files.push_back({{"status", StatusName(f.status)},
                     {"old_path", str(f.old_path)},
                     {"new_path", str(f.new_path)},
                     {"old_id", str(f.old_id)},
                     {"new_id", str(f.new_id)}});
  }
  j["changed_files"] = files;
  json entities = json::array();
  for (const ChangedEntity& e : s.changed) {
    entities.push_back({{"entity", str(e.description)},
                        {"file", str(e.file)},
                        {"line", e.line},
                        {"file_level", e.file_level}});
  }
  j["changed"] = entities;
  json tests = json::array();
  for (const SelectedTest& t : s.tests) {
    json jt = {{"name", str(t.name)}, {"executable", str(t.executable)}, {"whole", t.whole}};
    json reasons = json::array(), sources = json::array();
    for (const SelectedCase& c : t.cases) {
      reasons.push_back(str(Join(c.chain, " → ")));
      if (!c.name.empty()) sources.push_back(str(c.name));
    }
    if (!t.whole) {
      std::vector<std::string> patterns;
      std::vector<std::string> names = CaseNames(t, &patterns);
      for (auto& n : names) n = str(n);
      for (auto& p : patterns) p = str(p);
      jt["cases"] = names;
      jt["patterns"] = patterns;
      jt["source_cases"] = sources;
    }
    jt["reasons"] = reasons;
    tests.push_back(jt);
  }
  j["tests"] = tests;
  j["summary"] = {{"selected", s.tests.size()},
                  {"total", s.total_tests},
                  {"executables", s.selected_executables},
                  {"total_executables", s.total_executables},
                  {"changed_functions", s.changed_functions},
                  {"text", str(SelectionSummary(s))}};
  if (!s.coverage_commit.empty())
    j["summary"]["coverage"] = {{"commit", s.coverage_commit}, {"left_out", s.coverage_left_out}};
  // `replace` only guards against a string that missed ValidUtf8: dump must never throw.
  out << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

void PrintSelectionGtestFilter(const Selection& s, std::ostream& out) {
  std::map<std::string, std::set<std::string>> by_exe;
  std::set<std::string> whole;
  for (const SelectedTest& t : s.tests) {
    if (t.executable.empty()) continue;
    if (t.whole) whole.insert(t.executable);
    for (const auto& c : t.cases) {
      if (c.pattern.empty()) continue;
      // Exact names where known, so the filter runs exactly the selected instances.
      if (!c.names.empty() && !c.names_are_pattern)
        by_exe[t.executable].insert(c.names.begin(), c.names.end());
      else
        by_exe[t.executable].insert(c.pattern);
    }
    by_exe[t.executable];
  }
  for (auto& [exe, patterns] : by_exe) {
    if (whole.count(exe) || patterns.empty()) {
      out << exe << " *\n";
      continue;
    }
    out << exe << " " << Join(std::vector<std::string>(patterns.begin(), patterns.end()), ":")
        << "\n";
  }
}

}  // namespace tia
