// Running a short child process (cmake, ctest, a test program's listing) and collecting
// its output.
#pragma once

#include <string>
#include <vector>

namespace tia {

struct ProcessResult {
  int exit_code = -1;      // -1 when killed by a signal
  bool timed_out = false;  // killed (with its process group) after the timeout
  std::string out;         // stdout
  std::string err;         // stderr
};

// Runs `argv` (argv[0] looked up in PATH) in `cwd` with stdin from /dev/null. With
// `timeout_seconds` > 0 it runs in its own process group, killed when it runs longer.
// Returns false with `err` set only when the process could not be started.
bool RunProcess(const std::vector<std::string>& argv, const std::string& cwd, ProcessResult* result,
                std::string* err, int timeout_seconds = 0);

}  // namespace tia
