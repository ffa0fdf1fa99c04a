// Test helpers (see testing.h).
#include "testing.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <sys/file.h>
#include <sys/stat.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "tia/util/process.h"

namespace fs = std::filesystem;

namespace tia::testing {

std::string TestdataDir() {
  return TIA_TESTDATA_DIR;
}
std::string TiaBinary() {
  return TIA_BINARY;
}

ScratchDir::ScratchDir(const std::string& name) {
  fs::path base = fs::path(TIA_TEST_SCRATCH_DIR);
  fs::create_directories(base);
  std::string tmpl = (base / (name + ".XXXXXX")).string();
  char* made = ::mkdtemp(tmpl.data());
  if (!made) throw std::runtime_error("mkdtemp failed for " + tmpl);
  path_ = made;
}

ScratchDir::~ScratchDir() {
  if (std::getenv("TIA_KEEP_TEST_DIRS")) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

CommandResult Run(const std::vector<std::string>& argv, const std::string& cwd) {
  SpawnOptions o;
  o.argv = argv;
  o.cwd = cwd;
  SpawnResult p = Spawn(o);
  CommandResult r;
  // A command that cannot start fails as a shell reports it.
  r.exit_code = !p.started ? 127 : p.exit_code;
  r.out = std::move(p.out);
  r.err = std::move(p.err);
  return r;
}

CommandResult Shell(const std::string& command_line, const std::string& cwd) {
  return Run({"/bin/sh", "-c", command_line}, cwd);
}

void CopyTree(const std::string& from, const std::string& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

void CopyFromsourceProject(const std::string& to) {
  CopyTree(TestdataDir() + "/fromsource", to);
  CopyTree("/usr/src/googletest", to + "/third_party/googletest");
  fs::create_directories(to + "/third_party/doctest");
  fs::create_directories(to + "/third_party/catch2");
  fs::copy_file("/usr/include/doctest/doctest.h", to + "/third_party/doctest/doctest.h");
  fs::copy_file("/usr/include/catch2/catch.hpp", to + "/third_party/catch2/catch.hpp");
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteText(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

void EditFile(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = ReadText(path);
  size_t pos = text.find(from);
  ASSERT_NE(pos, std::string::npos) << path << " does not contain: " << from;
  text.replace(pos, from.size(), to);
  WriteText(path, text);
}

std::string FixtureStamp(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  std::string all;
  for (const auto& f : files) all += f + "\n" + ReadText(f) + "\n";
  struct stat st {};
  ::stat(TiaBinary().c_str(), &st);
  all += std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
  return std::to_string(std::hash<std::string>{}(all)) + "-" + std::to_string(all.size());
}

CommandResult GitIn(const std::string& dir, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"git", "-c", "user.name=t", "-c", "user.email=t@t"};
  argv.insert(argv.end(), args.begin(), args.end());
  return Run(argv, dir);
}

FileLock::FileLock(const std::string& path) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  fd_.reset(::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644));
  if (fd_) ::flock(fd_.get(), LOCK_EX);
}

}  // namespace tia::testing
