// The names test programs accept for selected cases (see tia/select/case_names.h).
#include "tia/select/case_names.h"

#include <algorithm>

#include "tia/report/gtest.h"
#include "tia/store/results.h"
#include "tia/util/fs.h"
#include "tia/util/hash.h"
#include "tia/util/process.h"

namespace tia {
namespace {

// Cases whose full names carry parts the source does not spell (an instantiation prefix,
// a parameter or type index).
bool Templated(const GraphTestCase& c) {
  return c.framework == "gtest" &&
         (c.macro == "TEST_P" || c.macro == "TYPED_TEST" || c.macro == "TYPED_TEST_P");
}

}  // namespace

const std::vector<std::string>* ProgramCases::ListGtest(const std::string& program,
                                                        std::string* note) {
  note->clear();
  if (auto it = listed_.find(program); it != listed_.end()) return &it->second;
  if (failed_.count(program)) return nullptr;
  auto fail = [&](const std::string& why) -> const std::vector<std::string>* {
    failed_[program] = why;
    *note = why;
    return nullptr;
  };
  std::string content, err;
  if (!ReadFile(program, &content, &err)) return fail(program + " is not built");
  std::string id = "gtest:" + Hash128Hex(content);
  std::vector<std::string> names;
  bool found = false;
  if (db_ && !LoadCaseListing(*db_, id, &names, &found, &err)) found = false;
  if (!found) {
    ProcessResult r;
    if (!RunProcess({program, "--gtest_list_tests"}, build_dir_, &r, &err, 60))
      return fail(program + ": " + err);
    if (r.timed_out) return fail(program + " --gtest_list_tests did not finish in 60 s");
    if (r.exit_code != 0)
      return fail(program + " --gtest_list_tests exited with " + std::to_string(r.exit_code));
    for (const report::GtestListedCase& c : report::ParseGtestList(r.out))
      names.push_back(c.FullName());
    // The listing is a cache: a database opened read-only keeps none, and the program is
    // asked again next time.
    if (db_ && !SaveCaseListing(*db_, id, names, &err)) err.clear();
  }
  return &(listed_[program] = std::move(names));
}

void NameSelectedCases(const SelectContext& ctx, ProgramCases* programs, Selection* sel,
                       std::vector<std::string>* notes) {
  const auto& entries = ctx.tests->tests();
  const auto& cases = ctx.graph->test_cases();
  for (SelectedTest& t : sel->tests) {
    auto e = std::lower_bound(
        entries.begin(), entries.end(), t.name,
        [](const TestEntry& x, const std::string& name) { return x.ctest.name < name; });
    const TestEntry* entry = e != entries.end() && e->ctest.name == t.name ? &*e : nullptr;
    for (SelectedCase& c : t.cases) {
      c.names.clear();
      c.names_are_pattern = false;
      if (c.test_case < 0 || static_cast<size_t>(c.test_case) >= cases.size()) continue;
      const GraphTestCase& gc = cases[static_cast<size_t>(c.test_case)];
      if (!Templated(gc)) {
        c.names = {c.name};
        continue;
      }
      // One discovered case: the test's own filter is its exact name.
      if (entry && entry->single_case) {
        std::string filter = entry->own.gtest_filter();
        if (!filter.empty() && TestModel::ListedNameIsCase(filter, gc)) {
          c.names = {filter};
          continue;
        }
      }
      const std::vector<std::string>* listed = nullptr;
      if (entry && entry->exe >= 0) {
        const std::string& program = ctx.tests->executables()[entry->exe].artifact;
        std::string note;
        if (!program.empty()) listed = programs->ListGtest(program, &note);
        if (!note.empty() && notes) notes->push_back(note);
      }
      if (listed) {
        for (const std::string& n : *listed)
          if (TestModel::ListedNameIsCase(n, gc)) c.names.push_back(n);
        if (!c.names.empty()) continue;
      }
      c.names = {c.pattern};
      c.names_are_pattern = true;
    }
  }
}

}  // namespace tia
