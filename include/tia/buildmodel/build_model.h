// The build as CMake describes it: targets with their sources and link closure (CMake File
// API, codemodel v2), CMake input files (cmakeFiles v1), the compiler (toolchains v1), and
// the tests CTest knows (`ctest --show-only=json-v1`).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tia {

// One CMake target from the File API codemodel.
struct Target {
  std::string id;  // File API target id
  std::string name;
  std::string type;  // EXECUTABLE, STATIC_LIBRARY, SHARED_LIBRARY, OBJECT_LIBRARY, ...
  std::vector<std::string> artifacts;     // absolute paths of produced files
  std::vector<std::string> sources;       // absolute paths of compiled sources (and headers listed)
  std::vector<std::string> dependencies;  // ids of project targets it depends on (direct)
};

// A test as CTest knows it.
struct CTestTest {
  std::string name;
  std::vector<std::string> command;  // argv; command[0] the executable (absolute)
  std::string working_directory;
  std::vector<std::string> environment;  // "NAME=value"
  std::vector<std::string> labels;
  double timeout = 0;  // seconds; 0 = none given
  bool disabled = false;
  bool run_serial = false;
  std::vector<std::string> fixtures_setup, fixtures_cleanup, fixtures_required;
  std::string target_name;  // the executable's CMake target, when command[0] is an artifact
  // The `<target>_NOT_BUILT` test gtest_discover_tests lists before the build: it stands
  // for the target's cases (command: the target's artifact, not built yet).
  bool placeholder = false;
  // How CTest judges the test (see docs/running.md, "How a test is judged").
  bool will_fail = false;                        // WILL_FAIL: passing and failing swap
  std::vector<std::string> pass_regex;           // PASS_REGULAR_EXPRESSION (CMake regex syntax)
  std::vector<std::string> fail_regex;           // FAIL_REGULAR_EXPRESSION
  std::vector<std::string> skip_regex;           // SKIP_REGULAR_EXPRESSION
  int skip_return_code = -1;                     // SKIP_RETURN_CODE; -1: none
  double timeout_after_match = 0;                // TIMEOUT_AFTER_MATCH seconds; 0: none
  std::vector<std::string> timeout_match_regex;  // TIMEOUT_AFTER_MATCH regexes
  std::vector<std::string> required_files;       // REQUIRED_FILES
  std::vector<std::string> resource_locks;       // RESOURCE_LOCK
  int processors = 1;                            // PROCESSORS
  // True when the output or WILL_FAIL decides the verdict, not only the exit code.
  bool JudgedByOutput() const {
    return will_fail || !pass_regex.empty() || !fail_regex.empty() || !skip_regex.empty();
  }
};

// Everything tia knows about one CMake build tree.
struct BuildModel {
  std::string source_dir;       // absolute
  std::string build_dir;        // absolute
  std::string build_type;       // CMAKE_BUILD_TYPE, e.g. "Release" (may be empty)
  std::string cxx_compiler_id;  // "GNU", "Clang", ... from toolchains-v1
  std::string cxx_compiler_path;
  std::vector<Target> targets;
  // Absolute paths of every CMake input except generated files and CMake's own modules:
  // the project's CMakeLists.txt and *.cmake files, toolchain files, and package config
  // files outside the tree (e.g. /usr/lib/.../GTestConfig.cmake).
  std::vector<std::string> cmake_files;
  std::vector<CTestTest> tests;

  // The target named `name`, or null.
  const Target* FindTarget(const std::string& name) const;
  // The target with File API id `id`, or null.
  const Target* FindTargetById(const std::string& id) const;
  // The target that produces `artifact` (absolute path), or null.
  const Target* TargetForArtifact(const std::string& artifact) const;
  // Ids of `t` and every project target it depends on transitively (its link closure).
  std::vector<std::string> LinkClosure(const Target& t) const;
};

// Makes sure BUILD/.cmake/api/v1/query/client-tia/ asks for codemodel-v2, cmakeFiles-v1
// and toolchains-v1; when no reply exists yet (or the reply is older than the query),
// re-runs `cmake BUILD` to produce one. Then reads the newest reply.
bool LoadFileApi(const std::string& build_dir, BuildModel* model, std::string* err);

// Returns the text of the file at `path`; false with err when it cannot.
using FileReader =
    std::function<bool(const std::string& path, std::string* text, std::string* err)>;

// Reads the File API reply whose index file is `index_path` (the codemodel, every target,
// cmakeFiles and toolchains it names for client-tia) through `read`; `cache_build_type` is
// CMAKE_BUILD_TYPE, `build_dir` the fallback build folder. LoadFileApi reads the file
// system; the fuzz target passes its own reader. Malformed replies are errors that name
// the file, never exceptions.
bool ReadFileApiReply(const std::string& index_path, const std::string& cache_build_type,
                      const std::string& build_dir, const FileReader& read, BuildModel* model,
                      std::string* err);

// Runs `ctest --show-only=json-v1` in `build_dir` and fills model->tests, resolving each
// test's executable to its target through the model's artifacts (load the File API first).
// Tests from gtest_discover_tests exist only after the test executables were built.
bool LoadCTestTests(const std::string& build_dir, BuildModel* model, std::string* err);

// Fills what CTest leaves out on a configured tree whose test executables are not built
// yet: a missing `command` from CTestTestfile.cmake, and the target of each test
// (`target_name`, `placeholder` for gtest_discover_tests' `<target>_NOT_BUILT`).
void ResolveTestTargets(const std::string& build_dir, const BuildModel& model,
                        std::vector<CTestTest>* tests);

// Every add_test() of BUILD/CTestTestfile.cmake and the files it includes (subdirs(),
// include()): test name -> command, as CMake generated it.
std::map<std::string, std::vector<std::string>> ReadCTestTestfiles(const std::string& build_dir);

// Parses the JSON printed by `ctest --show-only=json-v1` (exposed for tests).
bool ParseCTestJson(const std::string& json, std::vector<CTestTest>* tests, std::string* err);

}  // namespace tia
