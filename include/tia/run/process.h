// Running one test process in its own process group (through tia/util/process.h), with a
// timeout and TIMEOUT_AFTER_MATCH, its output to a file of which memory keeps the head and
// tail, and stopping every running group when tia itself is asked to stop (SIGINT/SIGTERM).
#pragma once

#include <string>
#include <vector>

namespace tia::run {

// What to run and how.
struct ProcessSpec {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH when it has no '/'
  std::string cwd;                // empty: tia's working directory
  std::vector<std::string> env;   // the complete environment, "NAME=value"
  double timeout = 0;             // seconds; 0 = none
  double grace = 2;               // seconds between SIGTERM and SIGKILL
  std::string output_path;        // stdout and stderr go here (created/truncated; a symlink
                                  // there is refused)
  // TIMEOUT_AFTER_MATCH: once a line of output matches one of these CMake regular
  // expressions, the clock restarts and the timeout becomes `timeout_after_match`.
  std::vector<std::string> timeout_match;
  double timeout_after_match = 0;
};

// How it ended.
struct ProcessOutcome {
  bool started = false;
  std::string error;    // why it could not start
  int exit_code = -1;   // -1 when killed by a signal
  int term_signal = 0;  // the signal that killed it, 0 when it exited
  bool timed_out = false;
  bool interrupted = false;  // killed because tia was asked to stop
  double seconds = 0;
  double timeout = 0;  // the timeout in force when it ended (after TIMEOUT_AFTER_MATCH)
  // stdout and stderr, interleaved: the whole output when small, else its head and tail
  // with a note naming `output_path` (see tia/report/bounded_text.h).
  std::string output;
  size_t output_bytes = 0;  // the size of the whole output
};

// Runs `spec` in a new process group with stdin from /dev/null. On timeout or stop
// request the whole group gets SIGTERM, then SIGKILL after `grace`; when the main process
// ends, whatever it left in its group is killed too, so no test leaves processes behind.
ProcessOutcome RunInProcessGroup(const ProcessSpec& spec);

// Installs SIGINT/SIGTERM handlers that only record the signal (see StopSignal).
void InstallStopHandlers();
// The signal that asked tia to stop, 0 when none.
int StopSignal();

// "SIGABRT", "SIGKILL", ... or "signal N".
std::string SignalName(int sig);

}  // namespace tia::run
