// Helpers of the command-line tests: running tia, a small CMake project with real
// translation units that needs no compiler run, and checks of a database file.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing.h"
#include "tia/store/db.h"

namespace tia::testing {

inline CommandResult Tia(std::vector<std::string> args, const std::string& cwd = "") {
  args.insert(args.begin(), TiaBinary());
  return Run(args, cwd);
}

// One line on stderr, nothing on stdout, exit 2.
inline void ExpectUsageError(const CommandResult& r, const std::string& line) {
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "tia: error: " + line + "\n");
  EXPECT_EQ(r.out, "");
}

// DIR/src: a git repository (one commit) with `tus` translation units tuK.cc calling
// Common() from common.h, and a CMake project without languages whose one CTest test,
// `marks`, appends "ran" to DIR/build/marker; DIR/build: configured, with a
// compile_commands.json written by hand for the TUs. Nothing needs compiling, so a test
// can tell whether anything ran, and tia still has real sources to index.
inline std::string MarkerProject(const std::string& dir, int tus = 0) {
  std::string src = dir + "/src", build = dir + "/build";
  WriteText(src + "/CMakeLists.txt",
            "cmake_minimum_required(VERSION 3.20)\nproject(marker LANGUAGES NONE)\n"
            "enable_testing()\nadd_test(NAME marks COMMAND sh -c \"echo ran >> marker\")\n");
  WriteText(src + "/common.h",
            "#pragma once\n#include <map>\n#include <string>\n#include <vector>\n"
            "inline int Common(int x) { return x + 1; }\n");
  std::string json = "[";
  for (int i = 0; i < tus; ++i) {
    std::string f = "tu" + std::to_string(i) + ".cc";
    WriteText(src + "/" + f, "#include \"common.h\"\nint Fn" + std::to_string(i) +
                                 "() { std::map<std::string, std::vector<int>> m; return "
                                 "Common(static_cast<int>(m.size())); }\n");
    json += std::string(i ? "," : "") + "{\"directory\":\"" + src + "\",\"file\":\"" + f +
            "\",\"command\":\"/usr/bin/g++ -c " + f + "\"}";
  }
  const std::string git = "git -c user.name=t -c user.email=t@t -c init.defaultBranch=main ";
  CommandResult g = Shell(git + "init -q && " + git + "add -A && " + git + "commit -qm base", src);
  EXPECT_EQ(g.exit_code, 0) << g.err;
  CommandResult c = Run({"cmake", "-S", src, "-B", build, "-G", "Ninja"});
  EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
  WriteText(build + "/compile_commands.json", json + "]");
  return build;
}

// PRAGMA integrity_check of the database at `path` ("ok"), or the error.
inline std::string IntegrityCheck(const std::string& path) {
  Db db;
  std::string err;
  if (!db.Open(path, false, &err)) return err;
  Stmt st;
  if (!db.Prepare("PRAGMA integrity_check", &st, &err)) return err;
  if (!st.Step()) return "integrity_check returned no row: " + st.ErrMsg();
  return st.Text(0);
}

}  // namespace tia::testing
