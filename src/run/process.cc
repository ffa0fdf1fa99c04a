// Test processes in their own process groups (see tia/run/process.h).
#include "tia/run/process.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstring>

#include "tia/report/bounded_text.h"
#include "tia/run/verdict.h"
#include "tia/util/handle.h"
#include "tia/util/process.h"

namespace tia::run {
namespace {

volatile sig_atomic_t g_stop_signal = 0;

void OnStopSignal(int sig) {
  if (g_stop_signal == 0) g_stop_signal = sig;
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
  SpawnOptions o;
  o.argv = spec.argv;
  o.cwd = spec.cwd;
  o.env = spec.env;
  o.output_path = spec.output_path;
  o.new_group = true;
  o.timeout = spec.timeout;
  o.grace = spec.grace;
  // TIMEOUT_AFTER_MATCH: follow the output as it is written; the first match restarts
  // the clock with the shorter timeout.
  OutputMatcher watch;
  std::string err;
  UniqueFd follow;
  bool following = !spec.timeout_match.empty() && watch.Add(spec.timeout_match, &err);
  o.poll = [&]() {
    PollAction a;
    a.stop = StopSignal() != 0;
    if (!following) return a;
    // The file exists once the child started; open it on the first poll.
    if (!follow) follow.reset(::open(spec.output_path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!follow) return a;
    char buf[16 * 1024];
    ssize_t n;
    bool matched = false;
    while (!matched && (n = ::read(follow.get(), buf, sizeof buf)) > 0)
      matched = watch.Feed(std::string_view(buf, static_cast<size_t>(n)));
    if (matched) {
      a.restart_timeout = spec.timeout_after_match;
      following = false;
      follow.reset();
    }
    return a;
  };
  SpawnResult r = Spawn(o);
  if (!r.started) {
    out.error = spec.argv[0] + ": " + std::strerror(r.spawn_errno) +
                (spec.cwd.empty() ? "" : " (working directory " + spec.cwd + ")");
    return out;
  }
  out.started = true;
  out.exit_code = r.exit_code;
  out.term_signal = r.term_signal;
  out.timed_out = r.timed_out;
  out.interrupted = r.stopped;
  out.seconds = r.seconds;
  out.timeout = r.timeout;
  // The whole output stays in the file; memory holds its head and tail.
  report::BoundedText text;
  UniqueFd fd(::open(spec.output_path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd) {
    char buf[64 * 1024];
    ssize_t n;
    while ((n = ::read(fd.get(), buf, sizeof buf)) > 0)
      text.Append(std::string_view(buf, static_cast<size_t>(n)));
  }
  out.output = text.Text(spec.output_path);
  out.output_bytes = text.total();
  return out;
}

}  // namespace tia::run
