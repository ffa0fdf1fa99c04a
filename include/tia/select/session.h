// Everything a selection needs, loaded once: the database, the git repository, CMake's
// build model and CTest's tests, the code graph, the test model and the project's
// tia.toml. Shared by `tia select`, `why`, `tests-for`, `run` and the audit commands
// (app::OpenSession brings the index up to date before opening one).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "tia/select/coverage.h"
#include "tia/select/selector.h"
#include "tia/store/db.h"

namespace tia {

struct SessionOptions {
  std::string build_dir = "build";
  std::string db_path;    // default BUILD/tia.db
  bool need_repo = true;  // open the git repository of the sources
  bool coverage = true;   // use recorded per-case coverage (tia/select/coverage.h)
};

// The absolute build directory and the database path of `opts`; false (err set) when the
// build directory is not a CMake build directory.
bool SessionPaths(const SessionOptions& opts, std::string* build_dir, std::string* db_path,
                  std::string* err);

class Session {
 public:
  // Loads everything from the index as it is.
  [[nodiscard]] bool Open(const SessionOptions& opts, std::string* err);

  // Reads CTest's tests again and rebuilds the test model (after a build ran
  // gtest_discover_tests, for example).
  [[nodiscard]] bool ReloadTests(std::string* err);
  // Loads the code graph again (after facts were added to the database) and rebuilds the
  // test model.
  [[nodiscard]] bool ReloadGraph(std::string* err);

  SelectContext context() const;
  const Repo* repo() const { return repo_ ? &*repo_ : nullptr; }
  Db& db() { return db_; }
  const BuildModel& build() const { return build_; }
  const CodeGraph& graph() const { return *graph_; }
  const TestModel& tests() const { return tests_; }
  const CoverageIndex& coverage() const { return coverage_; }
  // The coverage holds at `base`, a descendant of its commit whose changes since are the
  // bodies of the functions `changed` (CoverageIndex::CarryOver); until the graph reloads.
  void CarryCoverageOver(const std::string& base, const std::vector<NodeId>& changed) {
    coverage_.CarryOver(base, changed);
  }

  // Resolves --base/--head into commit ids and diffs them (head empty: the work tree).
  [[nodiscard]] bool Diff(const std::string& base_rev, const std::string& head_rev, Selection* sel,
                          std::vector<FileChange>* changes, std::string* err);

 private:
  Db db_;
  std::optional<Repo> repo_;
  BuildModel build_;
  std::unique_ptr<CodeGraph> graph_;
  TestModel tests_;
  ProjectConfig config_;
  StoredCoverage stored_coverage_;  // as read from the database
  CoverageIndex coverage_;          // for the current graph
};

}  // namespace tia
