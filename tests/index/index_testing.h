// Helpers of the index tests: a configured copy of testdata/indexer and running tia.
#pragma once

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include <algorithm>

#include "testing.h"

namespace tia::testing {

// Copies testdata/indexer to `dir`/src, makes it a git work tree (so it is the source
// root) and configures it with CMake into `dir`/build. Returns the build dir.
inline std::string ConfigureSample(const std::string& dir) {
  std::string src = dir + "/src";
  CopyTree(TestdataDir() + "/indexer", src);
  CommandResult g = Run({"git", "init", "-q", src});
  EXPECT_EQ(g.exit_code, 0) << g.err;
  std::string build = dir + "/build";
  CommandResult r =
      Run({"cmake", "-S", src, "-B", build, "-G", "Ninja", "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  return build;
}

// Removes from BUILD/compile_commands.json every entry whose command or file contains
// `needle` (as when a target is dropped from the build). Returns the number removed.
inline int DropCompileCommands(const std::string& build, const std::string& needle) {
  CommandResult r =
      Run({"python3", "-c",
           "import json,sys\n"
           "p, n = sys.argv[1], sys.argv[2]\n"
           "d = json.load(open(p))\n"
           "k = [e for e in d if n not in e.get('command', ' '.join(e.get('arguments', []))) + "
           "e['file']]\n"
           "json.dump(k, open(p, 'w'))\n"
           "print(len(d) - len(k))\n",
           build + "/compile_commands.json", needle});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? std::stoi(r.out) : -1;
}

// Runs `tia ARGS...`.
inline CommandResult Tia(std::vector<std::string> args, const std::string& cwd = "") {
  args.insert(args.begin(), TiaBinary());
  return Run(args, cwd);
}

// testdata/indexer configured and indexed once per build tree and shared by the test
// processes (ctest runs each case in its own process). A file lock serializes the set-up;
// the copy is rebuilt when the testdata or the tia binary changed. Returns the folder that
// holds src/ and build/; `index_out` gets the output of the `tia index` run.
inline std::string SharedIndexedSample(std::string* index_out) {
  namespace fs = std::filesystem;
  std::string dir = std::string(TIA_TEST_SCRATCH_DIR) + "/index_sample_shared";
  fs::create_directories(TIA_TEST_SCRATCH_DIR);
  int fd = ::open((dir + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  EXPECT_GE(fd, 0);
  ::flock(fd, LOCK_EX);
  std::string stamp;
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(TestdataDir() + "/indexer"))
    if (e.is_regular_file()) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) stamp += f + "\n" + ReadText(f) + "\n";
  struct stat st {};
  ::stat(TiaBinary().c_str(), &st);
  stamp += std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
  std::string marker = dir + "/ready";
  if (ReadText(marker + ".stamp") != stamp || !fs::exists(marker)) {
    fs::remove_all(dir);
    std::string build = ConfigureSample(dir);
    // One worker: both configurations of config.cc share it, so skipping header bodies
    // already indexed must still index config_dispatch.h once per configuration.
    CommandResult r = Tia({"index", "-p", build, "-j", "1"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    WriteText(marker + ".stamp", stamp);
    WriteText(marker, r.out);
  }
  *index_out = ReadText(marker);
  ::close(fd);
  return dir;
}

}  // namespace tia::testing
