// Test helpers (see testing.h).
#include "testing.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sys/file.h>
#include <sys/stat.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

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

static std::string Slurp(int fd) {
  std::string out;
  char buf[8192];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof(buf))) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

CommandResult Run(const std::vector<std::string>& argv, const std::string& cwd) {
  // stdout and stderr go to temporary files so large outputs cannot dead-lock pipes.
  char out_tmpl[] = "/tmp/tia-test-out.XXXXXX";
  char err_tmpl[] = "/tmp/tia-test-err.XXXXXX";
  int out_fd = ::mkstemp(out_tmpl);
  int err_fd = ::mkstemp(err_tmpl);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    int devnull = ::open("/dev/null", O_RDONLY);
    ::dup2(devnull, 0);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) _exit(127);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  ::lseek(out_fd, 0, SEEK_SET);
  ::lseek(err_fd, 0, SEEK_SET);
  r.out = Slurp(out_fd);
  r.err = Slurp(err_fd);
  ::close(out_fd);
  ::close(err_fd);
  ::unlink(out_tmpl);
  ::unlink(err_tmpl);
  return r;
}

CommandResult Shell(const std::string& command_line, const std::string& cwd) {
  return Run({"/bin/sh", "-c", command_line}, cwd);
}

void CopyTree(const std::string& from, const std::string& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
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
  fd_ = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  if (fd_ >= 0) ::flock(fd_, LOCK_EX);
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace tia::testing
