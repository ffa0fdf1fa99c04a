// Joins targets, CTest tests and indexed test cases (see tia/select/test_model.h).
#include "tia/select/test_model.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include "tia/select/rules.h"
#include "tia/util/fs.h"
#include "tia/util/strings.h"

namespace tia {
namespace {

// True for files CMake compiles into objects (headers listed as sources are not).
bool IsCompiledSource(const std::string& path) {
  static const char* const kExts[] = {".c", ".cc", ".cpp", ".cxx", ".c++",
                                      ".C", ".cu", ".m",   ".mm"};
  for (std::string_view ext : kExts)
    if (path.size() > ext.size() && EndsWith(path, ext)) return true;
  return false;
}

std::vector<std::string> SplitOn(std::string_view s, char c) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t pos = s.find(c, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

// Full names GoogleTest may print for a case. Parameterized and typed cases carry a
// prefix and/or suffix tia cannot know from the source; '*' stands for them.
std::vector<std::string> CandidateNames(const GraphTestCase& c) {
  const std::string& s = c.suite;
  const std::string& n = c.name;
  if (c.macro == "TEST_P") return {"*/" + s + "." + n + "/*", s + "." + n + "/*"};
  if (c.macro == "TYPED_TEST") return {s + "/*." + n};
  if (c.macro == "TYPED_TEST_P") return {"*/" + s + "/*." + n, s + "/*." + n};
  return {s + "." + n};
}

// True when the name `full` (as in a --gtest_filter of a discovered test, for example
// "Evens/P.Even/2") denotes case `c`.
bool ExactNameIsCase(std::string_view full, const GraphTestCase& c) {
  size_t dot = full.find('.');
  if (dot == std::string_view::npos) return false;
  auto suite_parts = SplitOn(full.substr(0, dot), '/');
  auto name_parts = SplitOn(full.substr(dot + 1), '/');
  std::string name = name_parts[0];
  if (StartsWith(name, "DISABLED_") && !StartsWith(c.name, "DISABLED_")) name = name.substr(9);
  if (name != c.name) return false;
  return std::find(suite_parts.begin(), suite_parts.end(), c.suite) != suite_parts.end();
}

}  // namespace

std::string TestModel::CaseName(const GraphTestCase& c) {
  return c.suite.empty() ? c.name : c.suite + "." + c.name;
}

std::string TestModel::AnonymousName(const CodeGraph& g, const TestEntry& t, size_t c) {
  const GraphTestCase& tc = g.test_cases()[c];
  if (!tc.name.empty() || tc.framework != "catch2") return "";
  size_t anonymous = 0;
  for (size_t k : t.cases) {
    const GraphTestCase& other = g.test_cases()[k];
    if (other.name.empty() && other.framework != "gtest") ++anonymous;
  }
  return anonymous == 1 ? "Anonymous test case 1" : "";
}

bool TestModel::ListedNameIsCase(std::string_view full, const GraphTestCase& c) {
  return c.framework == "gtest" && ExactNameIsCase(full, c);
}

std::string TestModel::GtestPattern(const GraphTestCase& c) {
  auto names = CandidateNames(c);
  std::string out;
  for (auto& n : names) out += (out.empty() ? "" : ":") + n;
  return out;
}

bool TestModel::FilterMayRun(const std::string& filter, const GraphTestCase& c) {
  std::string positive = filter, negative;
  if (size_t dash = filter.find('-'); dash != std::string::npos) {
    positive = filter.substr(0, dash);
    negative = filter.substr(dash + 1);
  }
  if (positive.empty()) positive = "*";
  bool has_wild = filter.find_first_of("*?") != std::string::npos;
  auto candidates = CandidateNames(c);
  bool templated = candidates[0].find('*') != std::string::npos;
  auto matches = [&](const std::string& patterns) {
    for (auto& p : SplitOn(patterns, ':')) {
      if (p.empty()) continue;
      if (p.find_first_of("*?") == std::string::npos && ExactNameIsCase(p, c)) return true;
      for (auto& cand : candidates) {
        // A templated case's real name is unknown: when either side has wildcards,
        // assume it may match (never drop a case that might run).
        if (WildcardMatch(p, cand) || (templated && has_wild)) return true;
      }
    }
    return false;
  };
  if (!matches(positive)) return false;
  // Only exclude on a negative pattern that certainly names the case.
  if (!negative.empty() && !templated) {
    for (auto& p : SplitOn(negative, ':'))
      if (!p.empty() && WildcardMatch(p, candidates[0])) return false;
  }
  return true;
}

void TestModel::Build(const BuildModel& build, const CodeGraph& graph) {
  const auto& files = graph.files();
  // Main file of each TU -> TU indexes.
  std::map<std::string, std::vector<size_t>> tus_by_main;
  for (size_t i = 0; i < graph.tus().size(); ++i)
    tus_by_main[files[graph.tus()[i].main_file]].push_back(i);

  std::map<std::string, int> exe_by_target;
  auto exe_for = [&](const Target& t) -> int {
    auto it = exe_by_target.find(t.id);
    if (it != exe_by_target.end()) return it->second;
    TestExecutable e;
    e.target = t.name;
    e.artifact = t.artifacts.empty() ? "" : t.artifacts[0];
    e.files_in.assign(files.size(), 0);
    for (const std::string& id : build.LinkClosure(t)) {
      for (const Target& dep : build.targets) {
        if (dep.id != id) continue;
        for (const std::string& src : dep.sources) {
          auto tu = tus_by_main.find(src);
          if (tu == tus_by_main.end()) {
            if (IsCompiledSource(src) && e.unindexed_source.empty()) e.unindexed_source = src;
            continue;
          }
          // A source whose every TU failed has no facts: as blind as one never indexed.
          bool all_failed = std::all_of(tu->second.begin(), tu->second.end(), [&](size_t ti) {
            return graph.tus()[ti].status == TuStatus::kFailed;
          });
          if (all_failed && e.unindexed_source.empty()) {
            e.unindexed_source = src;
            e.unindexed_failed = true;
          }
          for (size_t ti : tu->second)
            for (uint32_t f : graph.tus()[ti].inputs) e.files_in[f] = 1;
        }
      }
    }
    const auto& cases = graph.test_cases();
    for (size_t c = 0; c < cases.size(); ++c)
      if (e.HasFile(cases[c].file)) e.cases.push_back(c);
    int index = static_cast<int>(exes_.size());
    exes_.push_back(std::move(e));
    exe_by_target[t.id] = index;
    return index;
  };

  // What the sources say about Catch2 and doctest cases (tags, suites), each file read once.
  const auto& cases = graph.test_cases();
  sources_.assign(cases.size(), {});
  // A file that cannot be read (gone from the work tree since it was indexed) leaves its
  // cases' sources unknown: their tags and suites then never exclude them.
  std::map<uint32_t, std::optional<std::string>> texts;
  for (size_t c = 0; c < cases.size(); ++c) {
    if (cases[c].framework != "catch2" && cases[c].framework != "doctest") continue;
    auto it = texts.find(cases[c].file);
    if (it == texts.end()) {
      std::string text, read_err;
      bool read = cases[c].file < files.size() && ReadFile(files[cases[c].file], &text, &read_err);
      it = texts.emplace(cases[c].file, read ? std::optional(std::move(text)) : std::nullopt).first;
    }
    if (!it->second) continue;
    sources_[c].framework_read = true;
    sources_[c].source = ReadCaseSource(*it->second, cases[c]);
  }

  for (const CTestTest& t : build.tests) {
    TestEntry entry;
    entry.ctest = t;
    const Target* target = t.target_name.empty() ? nullptr : build.FindTarget(t.target_name);
    size_t exe_arg = 0;
    // A test may run its executable through a wrapper: look for an artifact among the args.
    for (size_t i = 0; !target && i < t.command.size(); ++i) {
      target = build.TargetForArtifact(t.command[i]);
      exe_arg = i;
    }
    if (target && target->type == "EXECUTABLE") {
      entry.exe = exe_for(*target);
      const TestExecutable& e = exes_[entry.exe];
      std::set<std::string> frameworks;
      for (size_t c : e.cases) frameworks.insert(cases[c].framework);
      std::string framework = frameworks.size() == 1 ? *frameworks.begin() : "";
      std::vector<std::string> args;
      if (exe_arg + 1 < t.command.size())
        args.assign(t.command.begin() + static_cast<long>(exe_arg) + 1, t.command.end());
      // Through a wrapper, the arguments are the wrapper's, not the program's.
      entry.own = exe_arg == 0 ? OwnSelection::Parse(framework, args, t.environment)
                               : OwnSelection::Unreadable(framework, "run through " + t.command[0]);
      std::string filter = entry.own.gtest_filter();
      if (entry.own.kind() == OwnSelection::Kind::kListing) {
        // A listing runs no case: only added, removed or renamed cases change what it prints.
      } else if (framework == "catch2" || framework == "doctest") {
        for (size_t c : e.cases)
          if (entry.own.MayRun(cases[c], Source(c))) entry.cases.push_back(c);
      } else if (filter.empty()) {
        entry.cases = e.cases;
      } else if (filter.find_first_of("*?:-") == std::string::npos) {
        for (size_t c : e.cases)
          if (ExactNameIsCase(filter, cases[c])) entry.cases.push_back(c);
        entry.single_case = entry.cases.size() == 1;
        // A name tia cannot place (a case it did not index) must not hide the test: it
        // then depends on the whole executable.
        if (entry.cases.empty()) entry.cases_known = false;
      } else {
        for (size_t c : e.cases)
          if (entry.own.MayRun(cases[c], nullptr)) entry.cases.push_back(c);
      }
      if (e.cases.empty()) entry.cases_known = false;
    } else {
      entry.cases_known = false;
    }
    tests_.push_back(std::move(entry));
  }
  std::sort(tests_.begin(), tests_.end(),
            [](const TestEntry& a, const TestEntry& b) { return a.ctest.name < b.ctest.name; });
}

}  // namespace tia
