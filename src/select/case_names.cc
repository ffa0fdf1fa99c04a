// The names test programs accept for selected cases (see tia/select/case_names.h).
#include "tia/select/case_names.h"

#include <algorithm>

#include "tia/report/catch_list.h"
#include "tia/report/gtest.h"
#include "tia/store/results.h"
#include "tia/util/fs.h"
#include "tia/util/hash.h"
#include "tia/util/process.h"
#include "tia/util/strings.h"

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
  return List(program, "gtest", note);
}

const std::vector<std::string>* ProgramCases::ListCatch2(const std::string& program,
                                                         std::string* note) {
  return List(program, "catch2", note);
}

const std::vector<std::string>* ProgramCases::List(const std::string& program,
                                                   const std::string& framework,
                                                   std::string* note) {
  note->clear();
  std::string key = framework + ":" + program;
  if (auto it = listed_.find(key); it != listed_.end()) return &it->second;
  if (failed_.count(key)) return nullptr;
  auto fail = [&](const std::string& why) -> const std::vector<std::string>* {
    failed_[key] = why;
    *note = why;
    return nullptr;
  };
  std::string content, err;
  if (!ReadFile(program, &content, &err)) return fail(program + " is not built");
  std::string id = framework + ":" + Hash128Hex(content);
  std::vector<std::string> names;
  bool found = false;
  if (db_ && !LoadCaseListing(*db_, id, &names, &found, &err)) found = false;
  if (!found) {
    // GoogleTest's listing; Catch2's (tia/report/catch_list.h).
    std::vector<std::vector<std::string>> tries;
    if (framework == "gtest") {
      tries = {{program, "--gtest_list_tests"}};
    } else {
      for (bool v3 : {false, true}) {
        tries.push_back({program});
        for (std::string& a : report::CatchListArgs(v3)) tries.back().push_back(std::move(a));
      }
    }
    ProcessResult r;
    for (const auto& argv : tries) {
      std::string shown = argv[1];
      if (!RunProcess(argv, build_dir_, &r, &err, 60)) return fail(program + ": " + err);
      if (r.timed_out) return fail(program + " " + shown + " did not finish in 60 s");
      if (framework == "catch2" && report::CatchRejectsV2Listing(r.out)) continue;
      // Catch2 v2 exits with the number of cases it listed.
      if (r.exit_code != 0 && framework == "gtest")
        return fail(program + " " + shown + " exited with " + std::to_string(r.exit_code));
      break;
    }
    if (framework == "gtest") {
      for (const report::GtestListedCase& c : report::ParseGtestList(r.out))
        names.push_back(c.FullName());
    } else {
      names = report::ParseCatchNames(r.out);
    }
    // The listing is a cache: a database opened read-only keeps none, and the program is
    // asked again next time.
    if (db_ && !SaveCaseListing(*db_, id, names, &err)) err.clear();
  }
  return &(listed_[key] = std::move(names));
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
    // The names the test's program lists (`list` a ProgramCases member), or null.
    auto listing = [&](const std::vector<std::string>* (ProgramCases::*list)(
                       const std::string&, std::string*)) -> const std::vector<std::string>* {
      if (!entry || entry->exe < 0) return nullptr;
      const std::string& program = ctx.tests->executables()[entry->exe].artifact;
      if (program.empty()) return nullptr;
      std::string note;
      const std::vector<std::string>* out = (programs->*list)(program, &note);
      if (!note.empty() && notes) notes->push_back(note);
      return out;
    };
    for (SelectedCase& c : t.cases) {
      c.names.clear();
      c.names_are_pattern = false;
      if (c.test_case < 0 || static_cast<size_t>(c.test_case) >= cases.size()) continue;
      const GraphTestCase& gc = cases[static_cast<size_t>(c.test_case)];
      // Catch2's only TEST_CASE() without a name is "Anonymous test case 1" when the
      // program lists one such name; a nameless METHOD_AS_TEST_CASE or REGISTER_TEST_CASE,
      // which the index does not see as a case, is counted too: then every nameless case
      // the program lists, and before it is built, the pattern of all of them.
      if (gc.framework == "catch2" && gc.name.empty()) {
        const std::vector<std::string>* listed = listing(&ProgramCases::ListCatch2);
        if (listed)
          for (const std::string& n : *listed)
            if (n.starts_with("Anonymous test case ")) c.names.push_back(n);
        if (c.names.size() > 1 && !c.chain.empty())
          c.chain.back() = "a TEST_CASE() without a name, one of " + Join(c.names, ", ");
        if (c.names.empty()) {
          c.names = {"Anonymous test case *"};
          c.names_are_pattern = true;
        }
        continue;
      }
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
      const std::vector<std::string>* listed = listing(&ProgramCases::ListGtest);
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
