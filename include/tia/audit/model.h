// The audit's view of the current index: the include graph over the code graph's files;
// which files are system headers, test code or production code; which CMake targets
// compile each TU and which targets are tests; and the recorded test durations.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tia/select/selector.h"

namespace tia {

// One #include directive between two files of the current index.
struct IncludeEdge {
  uint32_t from = 0;  // includer (index into CodeGraph::files())
  uint32_t to = 0;    // included file
  int line = 0;
  std::string spelled;  // as written
};

class AuditModel {
 public:
  // Reads the include graph, the files and the recorded durations through ctx.db; ctx
  // must hold the graph, the test model and the build model (ctx.repo may be null).
  bool Load(const SelectContext& ctx, std::string* err);
  AuditModel() = default;
  AuditModel(const AuditModel&) = delete;  // the context points into the model
  AuditModel& operator=(const AuditModel&) = delete;

  // The selection context, with the test roots computed once for every selection made
  // through it.
  const SelectContext& select() const { return ctx_; }
  const TestRoots& roots() const { return roots_; }
  const CodeGraph& graph() const { return *ctx_.graph; }
  const TestModel& tests() const { return *ctx_.tests; }
  const BuildModel& build() const { return *ctx_.build; }
  // The source directory: paths are shown relative to it.
  const std::string& root() const { return root_; }
  size_t file_count() const { return is_system_.size(); }
  // Path of file f relative to the root (absolute when outside it).
  const std::string& Rel(uint32_t f) const { return rel_[f]; }
  bool IsSystem(uint32_t f) const { return is_system_[f] != 0; }
  // Under a test directory of the project (a path component test, tests, testing,
  // unittest or unittests) or a header of GoogleTest, GoogleMock, Catch2 or doctest.
  bool IsTestPath(uint32_t f) const { return is_test_path_[f] != 0; }
  // Test code: a test path, or a project file read only by TUs of test targets.
  bool IsTestCode(uint32_t f) const { return is_test_code_[f] != 0; }
  bool IsMainFile(uint32_t f) const { return is_main_[f] != 0; }

  const std::vector<IncludeEdge>& includes() const { return includes_; }
  // Indexes into includes() of the directives in f / naming f, ordered by includer and line.
  const std::vector<uint32_t>& IncludesOf(uint32_t f) const { return out_[f]; }
  const std::vector<uint32_t>& IncludersOf(uint32_t f) const { return in_[f]; }
  // Indexes into CodeGraph::tus() of the TUs that read f.
  const std::vector<uint32_t>& TusReading(uint32_t f) const { return tus_reading_[f]; }
  // Indexes into build().targets of the targets that compile TU t's main file.
  const std::vector<int>& TargetsOfTu(size_t t) const { return tu_targets_[t]; }
  // A test target: an executable some CTest test runs, or a library whose sources all lie
  // under test directories and that is linked only into test targets.
  bool IsTestTarget(int target) const { return target_is_test_[target] != 0; }
  // The targets a file belongs to: those listing it as a source; for a header no target
  // lists, the targets of the TUs that read it whose sources share the longest directory
  // prefix with it.
  const std::vector<int>& TargetsOfFile(uint32_t f) const { return file_targets_[f]; }

  // Recorded duration in seconds of a CTest test or a Suite.Case, or -1 when none.
  double Duration(const std::string& name) const;
  bool has_durations() const { return !durations_.empty(); }

  // Resolves FILE (absolute, relative to the working directory or the root, or a unique
  // path suffix such as "shapes.h") to a file index; err lists candidates when ambiguous.
  bool ResolveFile(const std::string& spec, uint32_t* f, std::string* err) const;

 private:
  void ClassifyTargets();
  void ClassifyFiles();

  SelectContext ctx_;
  TestRoots roots_;
  std::string root_;
  std::vector<std::string> rel_;
  std::vector<char> is_system_, is_test_path_, is_test_code_, is_main_;
  std::vector<IncludeEdge> includes_;
  std::vector<std::vector<uint32_t>> out_, in_, tus_reading_;
  std::vector<std::vector<int>> tu_targets_, file_targets_;
  std::vector<char> target_is_test_;
  std::map<std::string, double> durations_;
};

}  // namespace tia
