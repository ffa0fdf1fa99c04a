// Running a child process and collecting its output (internal to buildmodel).
#pragma once

#include <string>
#include <vector>

namespace tia {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;     // stdout
  std::string err;     // stderr
};

// Runs `argv` (argv[0] looked up in PATH) in `cwd` with stdin from /dev/null. Returns false
// with `err` set only when the process could not be started.
bool RunProcess(const std::vector<std::string>& argv, const std::string& cwd, ProcessResult* result,
                std::string* err);

}  // namespace tia
