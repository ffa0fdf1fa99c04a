// Test processes in their own process groups (see tia/run/process.h).
#include "tia/run/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "tia/report/bounded_text.h"
#include "tia/run/verdict.h"
#include "tia/util/fs.h"

namespace tia::run {
namespace {

volatile sig_atomic_t g_stop_signal = 0;

void OnStopSignal(int sig) {
  if (g_stop_signal == 0) g_stop_signal = sig;
}

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

// Waits up to `seconds` for `pid`; true (and *status set) when it ended.
bool WaitFor(pid_t pid, double seconds, int* status) {
  auto start = Clock::now();
  for (;;) {
    pid_t r = ::waitpid(pid, status, WNOHANG);
    if (r == pid || (r < 0 && errno == ECHILD)) return true;
    if (Since(start) >= seconds) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

void InstallStopHandlers() {
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
  // A closed stdout (tia run | head) must not kill tia before it stops its tests.
  ::signal(SIGPIPE, SIG_IGN);
}

int StopSignal() {
  return g_stop_signal;
}

void RequestStop(int sig) {
  OnStopSignal(sig);
}

std::string SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

ProcessOutcome RunInProcessGroup(const ProcessSpec& spec) {
  ProcessOutcome out;
  if (spec.argv.empty()) {
    out.error = "empty command";
    return out;
  }
  FileActions fa;
  posix_spawn_file_actions_addopen(fa.get(), 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(fa.get(), 1, spec.output_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);
  posix_spawn_file_actions_adddup2(fa.get(), 1, 2);
  if (!spec.cwd.empty()) posix_spawn_file_actions_addchdir_np(fa.get(), spec.cwd.c_str());
  SpawnAttr attr;
  sigset_t none, all_default;
  sigemptyset(&none);
  sigemptyset(&all_default);
  sigaddset(&all_default, SIGINT);
  sigaddset(&all_default, SIGTERM);
  sigaddset(&all_default, SIGPIPE);
  posix_spawnattr_setsigmask(attr.get(), &none);
  posix_spawnattr_setsigdefault(attr.get(), &all_default);
  posix_spawnattr_setpgroup(attr.get(), 0);
  posix_spawnattr_setflags(attr.get(),
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> argv, envp;
  for (const auto& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : spec.env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  auto start = Clock::now();
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, argv[0], fa.get(), attr.get(), argv.data(), envp.data());
  if (rc != 0) {
    out.error = spec.argv[0] + ": " + std::strerror(rc) +
                (spec.cwd.empty() ? "" : " (working directory " + spec.cwd + ")");
    return out;
  }
  out.started = true;
  int status = 0;
  double timeout = spec.timeout;
  auto clock_start = start;  // restarted by TIMEOUT_AFTER_MATCH
  // TIMEOUT_AFTER_MATCH: follow the output as it is written.
  OutputMatcher watch;
  std::string err;
  int follow = -1;
  if (!spec.timeout_match.empty() && watch.Add(spec.timeout_match, &err))
    follow = ::open(spec.output_path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  for (;;) {
    if (WaitFor(pid, 0.02, &status)) break;
    if (follow >= 0) {
      char buf[16 * 1024];
      ssize_t n;
      bool matched = false;
      while (!matched && (n = ::read(follow, buf, sizeof buf)) > 0)
        matched = watch.Feed(std::string_view(buf, static_cast<size_t>(n)));
      if (matched) {
        clock_start = Clock::now();
        timeout = spec.timeout_after_match;
        ::close(follow);
        follow = -1;
      }
    }
    bool timed_out = timeout > 0 && Since(clock_start) >= timeout;
    bool stop = StopSignal() != 0;
    if (timed_out || stop) {
      out.timed_out = timed_out && !stop;
      out.interrupted = stop;
      ::kill(-pid, SIGTERM);
      if (!WaitFor(pid, spec.grace, &status)) {
        ::kill(-pid, SIGKILL);
        ::waitpid(pid, &status, 0);
      }
      break;
    }
  }
  if (follow >= 0) ::close(follow);
  out.timeout = timeout;
  out.seconds = Since(start);
  // Whatever the test left in its group (children it did not wait for) goes too.
  ::kill(-pid, SIGKILL);
  if (WIFEXITED(status)) {
    out.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    out.term_signal = WTERMSIG(status);
  }
  // The whole output stays in the file; memory holds its head and tail.
  report::BoundedText text;
  int fd = ::open(spec.output_path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd >= 0) {
    char buf[64 * 1024];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0)
      text.Append(std::string_view(buf, static_cast<size_t>(n)));
    ::close(fd);
  }
  out.output = text.Text(spec.output_path);
  out.output_bytes = text.total();
  return out;
}

}  // namespace tia::run
