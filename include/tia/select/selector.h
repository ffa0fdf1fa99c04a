// Test selection: maps changed lines to the entities they touch, follows the reverse
// code graph within each test executable's link scope to the test cases (roots) that can
// observe the change, and explains every selected test with a reason chain.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tia/buildmodel/build_model.h"
#include "tia/graph/code_graph.h"
#include "tia/select/roots.h"
#include "tia/select/rules.h"
#include "tia/select/test_model.h"
#include "tia/vcs/repo.h"

namespace tia {

class Db;
struct CoverageIndex;

// Something that changed and where: a symbol (function, type, macro, variable), or a
// whole file when the change cannot be narrowed.
struct ChangedEntity {
  NodeId node = kNoNode;  // kNoNode for file-level changes
  std::string file;       // path relative to the repository root
  int line = 0;
  std::string description;  // "function geo::area", "file-level: #include at line 3", ...
  bool file_level = false;  // the whole file (node is kNoNode)
  // A function changed inside its body only (both versions have the same tokens up to the
  // body's opening brace, none of them constexpr, consteval, auto or decltype): recorded
  // coverage may narrow it (tia/select/coverage.h).
  bool body_only = false;
};

// One selected case (or the whole test when tia cannot narrow it) with its reason.
struct SelectedCase {
  std::string name;                // Suite.Case, or empty for the whole test
  std::string pattern;             // --gtest_filter pattern for the case
  std::vector<std::string> chain;  // "changed X (f:l)", "called by Y (f:l)", ..., "Suite.Case"
  // The names the program accepts (NameSelectedCases): `AllOps/OpsTest.Apply/0` ... for
  // the source name `OpsTest.Apply`; {pattern} when they cannot be known.
  std::vector<std::string> names;
  bool names_are_pattern = false;
  int test_case = -1;  // index into CodeGraph::test_cases(), -1 for the whole test
};

// In the chain of a case left out because its test's CTest command, recorded whole, ran
// none of the changed functions (recorded coverage).
inline constexpr const char* kCommandRanNone =
    "its CTest command ran none of the changed functions";

struct SelectedTest {
  std::string name;                 // CTest name
  std::string executable;           // target name, empty when unknown
  bool whole = false;               // every case runs (no narrowing)
  std::vector<SelectedCase> cases;  // with reasons; for whole tests one entry with the reason
  std::vector<std::string> labels;
};

struct Selection {
  std::string base;  // commit id
  std::string head;  // commit id, or "WORKTREE"
  std::string base_explanation;
  bool all = false;
  std::string all_reason;
  std::vector<FileChange> changed_files;
  std::vector<ChangedEntity> changed;
  std::vector<SelectedTest> tests;  // sorted by name
  size_t total_tests = 0;
  size_t total_executables = 0;
  size_t selected_executables = 0;
  size_t changed_functions = 0;
  // Recorded coverage used (tia/select/coverage.h): its commit, and the cases of the code
  // graph's selection left out because they never ran the changed functions.
  std::string coverage_commit;
  size_t coverage_left_out = 0;
  // Those cases (test, case with the code graph's chain), for `tia why`.
  std::vector<std::pair<std::string, SelectedCase>> left_out;
};

// Inputs every selection needs, loaded once.
struct SelectContext {
  Db* db = nullptr;
  const Repo* repo = nullptr;
  const BuildModel* build = nullptr;
  const CodeGraph* graph = nullptr;
  const TestModel* tests = nullptr;
  const ProjectConfig* config = nullptr;
  // FindTestRoots(*graph), when computed once for many selections; null: each selection
  // computes them.
  const TestRoots* roots = nullptr;
  // How many test executables one reverse walk serves (1 to 64). Any width selects the
  // same tests with the same reasons; 1 walks each executable alone (the tests compare
  // the two).
  size_t walk_width = 64;
  // Recorded per-case coverage; null or empty: selection by the code graph alone.
  const CoverageIndex* coverage = nullptr;
};

// Selects the tests affected by `changes` (a diff from `base` to `head`).
bool SelectForChanges(const SelectContext& ctx, const std::vector<FileChange>& changes,
                      Selection* out, std::string* err);

// Whether coverage recorded at an ancestor of a selection's base holds at the base: the
// changes `between` them must change only the bodies of functions the coverage describes
// (those go to `changed`). Otherwise `why` says what else changed (empty when it holds).
// False (err set) on a file that cannot be read.
bool CoverageCarriesOver(const SelectContext& ctx, const std::vector<FileChange>& between,
                         std::vector<NodeId>* changed, std::string* why, std::string* err);

// Selects the tests that reach `seeds` (for `tia tests-for`), without a diff.
void SelectForEntities(const SelectContext& ctx, const std::vector<ChangedEntity>& seeds,
                       Selection* out);

// `tia tests-for --ran`: the cases that ran the functions among `seeds` when coverage was
// recorded (CoverageIndex), with the cases the code graph reaches that have no record; the
// other seeds (and functions the coverage does not describe) as SelectForEntities does.
void SelectRanEntities(const SelectContext& ctx, const std::vector<ChangedEntity>& seeds,
                       Selection* out);

// Selects the tests a file-level change of each of `files` (graph file index, reason)
// selects, as an #include edit does in SelectForChanges: every test whose executable
// compiles a TU that reads the file, whole.
void SelectForFiles(const SelectContext& ctx,
                    const std::vector<std::pair<uint32_t, std::string>>& files, Selection* out);

// Entities at FILE[:LINE] in the current index (all definitions in the file without a
// line), or the symbols named SYMBOL. err when nothing matches.
bool ResolveTarget(const SelectContext& ctx, const std::string& spec,
                   std::vector<ChangedEntity>* out, std::string* err);

}  // namespace tia
