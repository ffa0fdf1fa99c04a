// Shared, cached testdata projects for the tests of `tia run` (see shared_project.h).
#include "shared_project.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace tia::testing {
namespace {

namespace fs = std::filesystem;

// A key of the project's files, the tia binary and the steps: the project is rebuilt and
// indexed again when any of them changes (a new tia may store another database version).
std::string ProjectKey(const std::string& dir, const std::vector<ProjectStep>& steps) {
  size_t h = std::hash<std::string>{}(FixtureStamp(dir));
  for (const auto& s : steps)
    h = h * 1000003u ^ std::hash<std::string>{}(s.edit + "\n" + s.message);
  return std::to_string(h);
}

}  // namespace

BuiltProject SharedProject(const std::string& name, const std::vector<ProjectStep>& steps) {
  const std::string base = std::string(TIA_TEST_SCRATCH_DIR) + "/" + name;
  BuiltProject p{base + "/src", base + "/build"};
  fs::create_directories(base);
  FileLock lock(base + ".lock");
  const std::string key = ProjectKey(TestdataDir() + "/" + name, steps);
  const std::string key_file = base + "/testdata.key";
  if (!fs::exists(p.build + "/tia.db") || !fs::exists(key_file) || ReadText(key_file) != key) {
    fs::remove_all(p.src);
    fs::remove_all(p.build);
    CopyTree(TestdataDir() + "/" + name, p.src);
    const std::string git = "git -c user.name=t -c user.email=t@t -c init.defaultBranch=main ";
    CommandResult g =
        Shell(git + "init -q && " + git + "add -A && " + git + "commit -qm base", p.src);
    EXPECT_EQ(g.exit_code, 0) << g.out << g.err;
    CommandResult c =
        Run({"cmake", "-S", p.src, "-B", p.build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug"});
    EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
    for (const ProjectStep& s : steps) {
      CommandResult i = Run({TiaBinary(), "index", "-p", p.build});
      EXPECT_EQ(i.exit_code, 0) << i.out << i.err;
      CommandResult e = Shell(s.edit + " && " + git + "commit -qam '" + s.message + "'", p.src);
      EXPECT_EQ(e.exit_code, 0) << s.edit << "\n" << e.out << e.err;
    }
    CommandResult b = Run({"cmake", "--build", p.build, "-j2"});
    EXPECT_EQ(b.exit_code, 0) << b.out << b.err;
    CommandResult i = Run({TiaBinary(), "index", "-p", p.build});
    EXPECT_EQ(i.exit_code, 0) << i.out << i.err;
    WriteText(key_file, key);
  }
  return p;
}

std::vector<std::string> TextLines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

}  // namespace tia::testing
