// Child processes through posix_spawn (see tia/util/process.h).
#include "tia/util/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "tia/util/handle.h"

extern char** environ;

namespace tia {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Owns a posix_spawn_file_actions_t.
class FileActions {
 public:
  FileActions() { posix_spawn_file_actions_init(&fa_); }
  ~FileActions() { posix_spawn_file_actions_destroy(&fa_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  posix_spawn_file_actions_t* get() { return &fa_; }

 private:
  posix_spawn_file_actions_t fa_;
};

// Owns a posix_spawnattr_t.
class SpawnAttr {
 public:
  SpawnAttr() { posix_spawnattr_init(&a_); }
  ~SpawnAttr() { posix_spawnattr_destroy(&a_); }
  SpawnAttr(const SpawnAttr&) = delete;
  SpawnAttr& operator=(const SpawnAttr&) = delete;
  posix_spawnattr_t* get() { return &a_; }

 private:
  posix_spawnattr_t a_;
};

// An unlinked temporary file (not inherited by other children).
UniqueFd TempFile() {
  char tmpl[] = "/tmp/tia-proc.XXXXXX";
  UniqueFd fd(::mkostemp(tmpl, O_CLOEXEC));
  if (fd) ::unlink(tmpl);
  return fd;
}

std::string Slurp(const UniqueFd& fd) {
  std::string s;
  char buf[16384];
  ssize_t n;
  off_t at = 0;
  while ((n = ::pread(fd.get(), buf, sizeof buf, at)) > 0) {
    s.append(buf, static_cast<size_t>(n));
    at += n;
  }
  return s;
}

// Waits for `pid` without a time limit.
void WaitBlocking(pid_t pid, int* status) {
  while (::waitpid(pid, status, 0) < 0 && errno == EINTR) {
  }
}

// Waits up to `seconds` for `pid`; true (and *status set) when it ended.
bool WaitFor(pid_t pid, double seconds, int* status) {
  auto start = Clock::now();
  for (;;) {
    pid_t r = ::waitpid(pid, status, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR)) return true;
    if (Since(start) >= seconds) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

SpawnResult Spawn(const SpawnOptions& o) {
  SpawnResult res;
  if (o.argv.empty()) {
    res.spawn_errno = EINVAL;
    return res;
  }
  FileActions fa;
  posix_spawn_file_actions_addopen(fa.get(), 0, "/dev/null", O_RDONLY, 0);
  UniqueFd out_fd, err_fd;
  if (!o.output_path.empty()) {
    posix_spawn_file_actions_addopen(fa.get(), 1, o.output_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);
    posix_spawn_file_actions_adddup2(fa.get(), 1, 2);
  } else {
    out_fd = TempFile();
    err_fd = TempFile();
    if (!out_fd || !err_fd) {
      res.spawn_errno = errno;
      return res;
    }
    posix_spawn_file_actions_adddup2(fa.get(), out_fd.get(), 1);
    posix_spawn_file_actions_adddup2(fa.get(), err_fd.get(), 2);
  }
  if (!o.cwd.empty()) posix_spawn_file_actions_addchdir_np(fa.get(), o.cwd.c_str());
  SpawnAttr attr;
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigmask(attr.get(), &none);
  posix_spawnattr_setsigdefault(attr.get(), &defaults);
  short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  if (o.new_group) {
    posix_spawnattr_setpgroup(attr.get(), 0);
    flags |= POSIX_SPAWN_SETPGROUP;
  }
  posix_spawnattr_setflags(attr.get(), flags);
  std::vector<char*> argv, envp;
  for (const auto& a : o.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  if (o.env) {
    for (const auto& e : *o.env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
  }

  auto start = Clock::now();
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, argv[0], fa.get(), attr.get(), argv.data(),
                          o.env ? envp.data() : environ);
  if (rc != 0) {
    res.spawn_errno = rc;
    return res;
  }
  res.started = true;
  int status = 0;
  double timeout = o.timeout;
  auto clock_start = start;  // restarted on request of `poll`
  if (timeout <= 0 && !o.poll) {
    WaitBlocking(pid, &status);
  } else {
    pid_t target = o.new_group ? -pid : pid;
    for (;;) {
      pid_t r = ::waitpid(pid, &status, WNOHANG);
      if (r == pid || (r < 0 && errno != EINTR)) break;
      bool stop = false;
      if (o.poll) {
        PollAction a = o.poll();
        stop = a.stop;
        if (a.restart_timeout) {
          clock_start = Clock::now();
          timeout = *a.restart_timeout;
        }
      }
      bool timed_out = timeout > 0 && Since(clock_start) >= timeout;
      if (timed_out || stop) {
        res.timed_out = timed_out && !stop;
        res.stopped = stop;
        if (o.grace > 0) {
          ::kill(target, SIGTERM);
          if (!WaitFor(pid, o.grace, &status)) {
            ::kill(target, SIGKILL);
            WaitBlocking(pid, &status);
          }
        } else {
          ::kill(target, SIGKILL);
          WaitBlocking(pid, &status);
        }
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  res.timeout = timeout;
  res.seconds = Since(start);
  // Whatever the child left in its group (children it did not wait for) goes too.
  if (o.new_group) ::kill(-pid, SIGKILL);
  if (WIFEXITED(status)) {
    res.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    res.term_signal = WTERMSIG(status);
  }
  if (out_fd) res.out = Slurp(out_fd);
  if (err_fd) res.err = Slurp(err_fd);
  return res;
}

bool RunProcess(const std::vector<std::string>& argv, const std::string& cwd, ProcessResult* result,
                std::string* err, int timeout_seconds) {
  SpawnOptions o;
  o.argv = argv;
  o.cwd = cwd;
  // Its own process group only when it may have to be killed with its children.
  o.new_group = timeout_seconds > 0;
  o.timeout = timeout_seconds;
  SpawnResult r = Spawn(o);
  if (!r.started) {
    *err = "cannot run " + (argv.empty() ? std::string() : argv[0]) +
           (cwd.empty() ? "" : " in " + cwd) + ": " + std::strerror(r.spawn_errno);
    return false;
  }
  result->exit_code = r.exit_code;
  result->timed_out = r.timed_out;
  result->out = std::move(r.out);
  result->err = std::move(r.err);
  return true;
}

}  // namespace tia
