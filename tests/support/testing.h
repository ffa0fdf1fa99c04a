// Helpers shared by tia's tests: paths to testdata/ and the tia binary, scratch
// directories, running commands, and building git repositories from testdata projects.
#pragma once

#include <string>
#include <vector>

#include "tia/util/handle.h"

namespace tia::testing {

// Absolute path of the source tree's testdata/ folder.
std::string TestdataDir();
// Absolute path of the tia executable built alongside the tests.
std::string TiaBinary();

// A fresh directory under the build tree (removed at destruction unless
// TIA_KEEP_TEST_DIRS is set).
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name);
  ~ScratchDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct CommandResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;     // stdout
  std::string err;     // stderr
};
// Runs `argv` in `cwd` (empty: current) and collects its output.
CommandResult Run(const std::vector<std::string>& argv, const std::string& cwd = "");
// Runs a shell command line via /bin/sh -c.
CommandResult Shell(const std::string& command_line, const std::string& cwd = "");

// Recursively copies `from` into `to` (created).
void CopyTree(const std::string& from, const std::string& to);
// testdata/fromsource copied to `to` with its frameworks vendored from Debian's packages:
// GoogleTest's sources, doctest's and Catch2's single headers under third_party/.
void CopyFromsourceProject(const std::string& to);
std::string ReadText(const std::string& path);
void WriteText(const std::string& path, const std::string& text);
// Replaces the first occurrence of `from` with `to` in the file; fails the test if absent.
void EditFile(const std::string& path, const std::string& from, const std::string& to);

// A digest of every file under `dir` (paths and contents) and of the tia binary's stamp:
// a shared fixture built from testdata is current while its stamp is unchanged.
std::string FixtureStamp(const std::string& dir);

// git with a fixed author, run in `dir`.
CommandResult GitIn(const std::string& dir, const std::vector<std::string>& args);

// An exclusive flock(2) on `path` (created), held for the object's life: ctest runs the
// cases of one shared fixture in parallel processes.
class FileLock {
 public:
  explicit FileLock(const std::string& path);

 private:
  UniqueFd fd_;  // closing it releases the lock
};

}  // namespace tia::testing
