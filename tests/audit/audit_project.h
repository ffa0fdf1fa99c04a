// testdata/audit copied, made a git work tree, configured, built, indexed and run once
// (`tia run --all` records the test durations the hub costs come from), shared by every
// test process of a tia build tree under a file lock, and made again when the testdata or
// the tia binary changed.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <cstdio>
#include "testing.h"

namespace tia::testing {

// Runs `tia ARGS...` in `cwd`.
inline CommandResult Tia(std::vector<std::string> args, const std::string& cwd = "") {
  args.insert(args.begin(), TiaBinary());
  return Run(args, cwd);
}

// A stamp of the files under `dir` and of the tia binary.
inline std::string TreeStamp(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  std::string stamp;
  for (const auto& f : files) stamp += f + "\n" + ReadText(f) + "\n";
  struct stat st {};
  ::stat(TiaBinary().c_str(), &st);
  return stamp + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

// Returns the folder holding src/ (the project) and build/ (configured, built, indexed).
inline std::string SharedAuditProject() {
  namespace fs = std::filesystem;
  std::string dir = std::string(TIA_TEST_SCRATCH_DIR) + "/audit_project";
  fs::create_directories(TIA_TEST_SCRATCH_DIR);
  int fd = ::open((dir + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  EXPECT_GE(fd, 0);
  ::flock(fd, LOCK_EX);
  std::string stamp = TreeStamp(TestdataDir() + "/audit");
  std::string marker = dir + ".ready";
  if (ReadText(marker) != stamp) {
    fs::remove_all(dir);
    std::string src = dir + "/src", build = dir + "/build";
    CopyTree(TestdataDir() + "/audit", src);
    EXPECT_EQ(Run({"git", "init", "-q", src}).exit_code, 0);
    CommandResult c =
        Run({"cmake", "-S", src, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug"});
    EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
    CommandResult b = Run({"cmake", "--build", build, "-j2"});
    EXPECT_EQ(b.exit_code, 0) << b.out << b.err;
    CommandResult i = Tia({"index", "-p", build});
    EXPECT_EQ(i.exit_code, 0) << i.out << i.err;
    CommandResult r = Tia({"run", "-p", build, "--all"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    if (c.exit_code == 0 && b.exit_code == 0 && i.exit_code == 0 && r.exit_code == 0)
      WriteText(marker, stamp);
  }
  ::close(fd);
  return dir;
}

}  // namespace tia::testing
