// How CLI subcommands plug into `tia`: each cmd_*.cc file defines a static Command
// that adds its CLI11 subcommand. The cli layer only parses flags, calls a module and
// prints; logic lives in the modules.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "tia/store/coverage.h"

namespace tia::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitTestsFailed = 1;  // tia run: a test failed
inline constexpr int kExitGateFailed = 1;   // tia audit: a --fail-on condition holds
inline constexpr int kExitUsage = 2;        // bad flags, bad input, setup errors

// Registers a subcommand. `setup` adds the subcommand to `app` and returns a callable
// that runs it after parsing and returns the exit code.
struct Command {
  using Runner = std::function<int()>;
  using Setup = std::function<Runner(CLI::App& app)>;
  Command(int order, Setup setup);
};

// Prints "tia: error: <msg>" to stderr and returns kExitUsage.
int Fail(const std::string& msg);

// `tia stats` and `tia run --record-coverage`: "coverage: N cases[ and M commands whole]
// recorded at COMMIT (F functions)[, K not recorded]".
std::string CoverageLine(const CoverageCounts& n, const std::string& commit, size_t functions);

}  // namespace tia::cli
