// `tia select`, `tia why` and `tia tests-for`: which tests a change (or a place in the
// code) can affect, and why.
#include <algorithm>
#include <iostream>

#include "command.h"
#include "options.h"
#include "tia/app/change.h"
#include "tia/app/session.h"
#include "tia/select/case_names.h"
#include "tia/select/format.h"

namespace tia::cli {
namespace {

struct SelectOptions {
  app::OpenOptions session;
  std::string base, head, patch, format = "text";
  bool no_index = false, verbose = false, no_coverage = false;
};

void AddSessionFlags(CLI::App* cmd, SelectOptions* o) {
  cmd->add_option("-p,--build-dir", o->session.build_dir, "Build directory (default: build)");
  cmd->add_option("--db", o->session.db_path, "Database path (default: BUILD/tia.db)");
  AddJobsOption(cmd, &o->session.jobs, "Index workers (default: cores)");
  cmd->add_flag("--no-index", o->no_index, "Use the index as it is; do not update it first");
}

void AddRevFlags(CLI::App* cmd, SelectOptions* o) {
  cmd->add_option(
      "--base", o->base,
      "Base revision (default: merge-base of HEAD with its upstream, else main/master)");
  cmd->add_option("--head", o->head, "Head revision (default: the work tree)");
  cmd->add_flag("-v,--verbose", o->verbose,
                "Say which file versions were indexed from git for this change");
  cmd->add_flag("--no-coverage", o->no_coverage,
                "Select by the code graph alone, not by recorded coverage");
}

app::ChangeOptions Change(const SelectOptions& o) {
  app::ChangeOptions c;
  c.base = o.base;
  c.head = o.head;
  c.patch = o.patch;
  c.versions_from_git = !o.no_index;
  c.verbose = o.verbose;
  return c;
}

bool OpenSession(SelectOptions& o, Session* s, std::string* err) {
  o.session.index = !o.no_index;
  o.session.coverage = !o.no_coverage;
  return app::OpenSession(o.session, std::cerr, s, err);
}

// The names the test programs accept for the selected cases; a program that cannot list
// them is named on stderr.
void NameCases(Session& s, Selection* sel) {
  ProgramCases programs(&s.db(), s.build().build_dir);
  std::vector<std::string> notes;
  NameSelectedCases(s.context(), &programs, sel, &notes);
  for (const std::string& n : notes)
    std::cerr << "tia: note: " << n << ": parameterized and typed cases keep their patterns\n";
}

int RunSelect(SelectOptions& o) {
  Session s;
  std::string err;
  if (!OpenSession(o, &s, &err)) return Fail(err);
  Selection sel;
  if (!app::SelectChange(s, Change(o), &sel, std::cerr, &err)) return Fail(err);
  if (!sel.base_explanation.empty() && o.format == "text")
    std::cerr << "tia: base: " << sel.base_explanation << "\n";
  NameCases(s, &sel);
  if (o.format == "text") {
    PrintSelectionText(sel, std::cout);
  } else if (o.format == "names") {
    PrintSelectionNames(sel, std::cout);
  } else if (o.format == "json") {
    PrintSelectionJson(sel, std::cout);
  } else {
    PrintSelectionGtestFilter(sel, std::cout);
  }
  return kExitOk;
}

int RunWhy(SelectOptions& o, const std::string& test) {
  Session s;
  std::string err;
  if (!OpenSession(o, &s, &err)) return Fail(err);
  bool known = false;
  for (const auto& t : s.tests().tests()) known |= t.ctest.name == test;
  // A GoogleTest case name (Suite.Case) inside a test that runs several cases.
  bool is_case = false;
  for (const auto& c : s.graph().test_cases()) is_case |= TestModel::CaseName(c) == test;
  if (!known && !is_case)
    return Fail(test + ": no CTest test or indexed test case of that name (see ctest -N)");
  Selection sel;
  if (!app::SelectChange(s, Change(o), &sel, std::cerr, &err)) return Fail(err);
  // A whole test explains a case only when the case is one it runs.
  auto runs_case = [&](const std::string& ctest_name) {
    for (const TestEntry& e : s.tests().tests()) {
      if (e.ctest.name != ctest_name) continue;
      std::vector<size_t> cases = e.cases;
      if (!e.cases_known && e.exe >= 0) cases = s.tests().executables()[e.exe].cases;
      for (size_t c : cases)
        if (TestModel::CaseName(s.graph().test_cases()[c]) == test) return true;
    }
    return false;
  };
  int shown = 0;
  for (const SelectedTest& t : sel.tests) {
    bool whole_case = t.whole && is_case && !known && runs_case(t.name);
    for (const SelectedCase& c : t.cases) {
      if (t.name != test && c.name != test && !(whole_case && c.name.empty())) continue;
      std::cout << (c.name.empty() ? t.name : c.name) << " is selected:\n";
      for (size_t i = 0; i < c.chain.size(); ++i)
        std::cout << "  " << (i == 0 ? "" : "→ ") << c.chain[i] << "\n";
      ++shown;
    }
  }
  for (const auto& [name, c] : sel.left_out) {
    if (shown > 0 || (name != test && c.name != test)) continue;
    bool command = std::find(c.chain.begin(), c.chain.end(), kCommandRanNone) != c.chain.end();
    std::cout << (c.name.empty() ? name : c.name)
              << " is not selected: " << (command ? "its CTest command" : "it")
              << " ran none of the changed functions when coverage was recorded at "
              << sel.coverage_commit.substr(0, 12) << ". The code graph reaches it:\n";
    for (size_t i = 0; i < c.chain.size(); ++i)
      std::cout << "  " << (i == 0 ? "" : "→ ") << c.chain[i] << "\n";
    return kExitOk;
  }
  if (shown == 0) {
    std::cout << test << " is not selected: no change between " << sel.base.substr(0, 12) << " and "
              << (sel.head == "WORKTREE" ? "the work tree" : sel.head.substr(0, 12))
              << " reaches it.\n";
    if (sel.changed.empty()) {
      std::cout << "  nothing that can affect a test changed\n";
    } else {
      std::cout << "  changed:\n";
      for (const auto& c : sel.changed)
        std::cout << "    " << c.description << " (" << c.file
                  << (c.line ? ":" + std::to_string(c.line) : "") << ")\n";
    }
  }
  return kExitOk;
}

int RunTestsFor(SelectOptions& o, const std::string& spec, const std::string& format, bool ran) {
  Session s;
  std::string err;
  o.session.need_repo = true;
  o.no_coverage = !ran;
  if (!OpenSession(o, &s, &err)) return Fail(err);
  if (ran && s.coverage().empty())
    return Fail("--ran: no coverage is recorded in " + s.db().path() +
                " (tia run --all --record-coverage records it)");
  std::vector<ChangedEntity> seeds;
  if (!ResolveTarget(s.context(), spec, &seeds, &err)) return Fail(err);
  Selection sel;
  if (ran) {
    SelectRanEntities(s.context(), seeds, &sel);
  } else {
    SelectForEntities(s.context(), seeds, &sel);
  }
  NameCases(s, &sel);
  if (format == "names") {
    PrintSelectionNames(sel, std::cout);
  } else if (format == "json") {
    PrintSelectionJson(sel, std::cout);
  } else {
    for (const auto& seed : seeds)
      std::cout << "# " << seed.description << " (" << seed.file << ":" << seed.line << ")\n";
    for (const SelectedTest& t : sel.tests) {
      std::cout << t.name;
      if (!t.whole) {
        std::vector<std::string> names = CaseNames(t, nullptr);
        std::string joined;
        for (const auto& n : names) joined += (joined.empty() ? "" : ", ") + n;
        if (names.size() != 1 || names[0] != t.name) std::cout << " [" << joined << "]";
      }
      std::cout << "\n";
    }
    std::cout << sel.tests.size() << " of " << sel.total_tests << " tests "
              << (ran ? "ran " : "reach ") << spec;
    if (ran)
      std::cout << " when coverage was recorded at " << s.coverage().commit.substr(0, 12)
                << " (or have no record and reach it)";
    std::cout << "\n";
  }
  return kExitOk;
}

Command select_cmd(30, [](CLI::App& app) -> Command::Runner {
  auto o = std::make_shared<SelectOptions>();
  auto* cmd = app.add_subcommand("select", "Print the tests a git change can affect");
  AddSessionFlags(cmd, o.get());
  AddRevFlags(cmd, o.get());
  cmd->add_option("--patch", o->patch,
                  "Select for a unified diff (FILE, or - for standard input) against --base "
                  "(default HEAD) without applying it");
  cmd->add_option("--format", o->format, "Output: text, names, json, gtest-filter")
      ->check(CLI::IsMember({"text", "names", "json", "gtest-filter"}));
  return [o] { return RunSelect(*o); };
});

Command why_cmd(31, [](CLI::App& app) -> Command::Runner {
  auto o = std::make_shared<SelectOptions>();
  auto test = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("why", "Explain why a test is (or is not) selected");
  cmd->add_option("TEST", *test, "CTest test name or Suite.Case")->required();
  AddSessionFlags(cmd, o.get());
  AddRevFlags(cmd, o.get());
  return [o, test] { return RunWhy(*o, *test); };
});

Command tests_for_cmd(32, [](CLI::App& app) -> Command::Runner {
  auto o = std::make_shared<SelectOptions>();
  auto spec = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto* cmd = app.add_subcommand("tests-for", "Print the tests that reach FILE[:LINE] or SYMBOL");
  cmd->add_option("TARGET", *spec, "FILE[:LINE] or a symbol (name, qualified name or USR)")
      ->required();
  cmd->add_option("--format", *format, "Output: text, names, json")
      ->check(CLI::IsMember({"text", "names", "json"}));
  auto ran = std::make_shared<bool>(false);
  cmd->add_flag("--ran", *ran,
                "The cases that ran it when coverage was recorded (tia run --record-coverage), "
                "not all that reach it");
  AddSessionFlags(cmd, o.get());
  return [o, spec, format, ran] { return RunTestsFor(*o, *spec, *format, *ran); };
});

}  // namespace
}  // namespace tia::cli
