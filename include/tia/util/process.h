// Starting a child process and waiting for it: stdin from /dev/null, stdout and stderr to
// one file or captured apart, and, for processes that may leave children behind, a new
// process group that is signalled as a whole on timeout, on a stop request and when the
// child itself ends. The one place where tia starts processes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tia {

// What a `poll` callback asks for while the child runs.
struct PollAction {
  bool stop = false;                      // end the child now (reported as `stopped`)
  std::optional<double> restart_timeout;  // restart the clock with this timeout (seconds)
};

struct SpawnOptions {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH when it has no '/'
  std::string cwd;                // empty: this process's working directory
  // The complete environment, "NAME=value"; nullopt: this process's.
  std::optional<std::vector<std::string>> env;
  // Set: stdout and stderr both go to this file (created or truncated; a symlink there is
  // refused). Empty: each is captured apart (through unlinked temporary files, so large
  // outputs cannot dead-lock on full pipes).
  std::string output_path;
  // A new process group: on timeout or stop the whole group is signalled, and whatever
  // the child left in it is killed when the child ends.
  bool new_group = false;
  double timeout = 0;  // seconds; 0: none
  double grace = 0;    // seconds between SIGTERM and SIGKILL on timeout or stop; 0: SIGKILL
  // Called about every 10 ms while the child runs (when set).
  std::function<PollAction()> poll;
};

struct SpawnResult {
  bool started = false;
  int spawn_errno = 0;  // why it could not start (the working directory, argv[0], the output)
  int exit_code = -1;   // -1 when killed by a signal
  int term_signal = 0;  // the signal that killed it, 0 when it exited
  bool timed_out = false;
  bool stopped = false;  // ended because `poll` asked to
  double seconds = 0;    // wall time from start to end
  double timeout = 0;    // the timeout in force when it ended
  std::string out, err;  // what it wrote (captured mode only)
};

// Runs `o` to its end. SIGINT, SIGTERM and SIGPIPE are at their defaults in the child and
// no signal is blocked, whatever this process does with them.
SpawnResult Spawn(const SpawnOptions& o);

// A short child process (cmake, ctest, a test program's listing) and its output.
struct ProcessResult {
  int exit_code = -1;      // -1 when killed by a signal
  bool timed_out = false;  // killed (with its process group) after the timeout
  std::string out;         // stdout
  std::string err;         // stderr
};

// Runs `argv` in `cwd` with stdin from /dev/null. With `timeout_seconds` > 0 it runs in
// its own process group, killed when it runs longer. Returns false with `err` set ("cannot
// run ARGV0 in CWD: reason") only when the process could not be started.
bool RunProcess(const std::vector<std::string>& argv, const std::string& cwd, ProcessResult* result,
                std::string* err, int timeout_seconds = 0);

}  // namespace tia
