// Child processes for cmake and ctest: output goes to temporary files so large outputs
// cannot dead-lock on full pipes.
#include "tia/buildmodel/process.h"

#include <signal.h>
#include <time.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tia {
namespace {

// An unlinked temporary file, closed at destruction.
struct TempFd {
  int fd = -1;
  TempFd() {
    char tmpl[] = "/tmp/tia-proc.XXXXXX";
    fd = ::mkstemp(tmpl);
    if (fd >= 0) ::unlink(tmpl);
  }
  ~TempFd() {
    if (fd >= 0) ::close(fd);
  }
  std::string Slurp() const {
    std::string s;
    ::lseek(fd, 0, SEEK_SET);
    char buf[16384];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof(buf))) > 0) s.append(buf, static_cast<size_t>(n));
    return s;
  }
};

}  // namespace

bool RunProcess(const std::vector<std::string>& argv, const std::string& cwd, ProcessResult* result,
                std::string* err, int timeout_seconds) {
  TempFd out, errf;
  if (out.fd < 0 || errf.fd < 0) {
    *err = std::string("cannot create a temporary file: ") + strerror(errno);
    return false;
  }
  int ready[2];
  if (::pipe2(ready, O_CLOEXEC) != 0) {
    *err = std::string("pipe: ") + strerror(errno);
    return false;
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    *err = std::string("fork: ") + strerror(errno);
    return false;
  }
  if (pid == 0) {
    // Its own process group only when it may have to be killed with its children.
    if (timeout_seconds > 0) ::setpgid(0, 0);
    ::close(ready[0]);
    ::dup2(out.fd, 1);
    ::dup2(errf.fd, 2);
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    int code = 0;
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) {
      code = errno;
    } else {
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execvp(args[0], args.data());
      code = errno;
    }
    // Tell the parent why exec failed.
    ssize_t unused = ::write(ready[1], &code, sizeof(code));
    (void)unused;
    _exit(127);
  }
  ::close(ready[1]);
  int child_errno = 0;
  ssize_t got = ::read(ready[0], &child_errno, sizeof(child_errno));
  ::close(ready[0]);
  int status = 0;
  result->timed_out = false;
  if (timeout_seconds > 0) {
    struct timespec start {};
    ::clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
      pid_t w = ::waitpid(pid, &status, WNOHANG);
      if (w == pid || (w < 0 && errno != EINTR)) break;
      struct timespec now {};
      ::clock_gettime(CLOCK_MONOTONIC, &now);
      if (now.tv_sec - start.tv_sec >= timeout_seconds) {
        ::kill(-pid, SIGKILL);
        ::kill(pid, SIGKILL);
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        result->timed_out = true;
        break;
      }
      struct timespec nap {
        0, 10 * 1000 * 1000
      };
      ::nanosleep(&nap, nullptr);
    }
  } else {
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (got == sizeof(child_errno)) {
    *err =
        "cannot run " + argv[0] + (cwd.empty() ? "" : " in " + cwd) + ": " + strerror(child_errno);
    return false;
  }
  result->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result->out = out.Slurp();
  result->err = errf.Slurp();
  return true;
}

}  // namespace tia
