// `tia index`: build or update the index of a CMake build directory.
#include <unistd.h>

#include <iostream>

#include "command.h"
#include "options.h"
#include "tia/index/index_run.h"

namespace tia::cli {
namespace {

int RunIndexCommand(const IndexRunOptions& o) {
  IndexRunOptions opts = o;
  opts.progress = ::isatty(2) != 0;
  IndexRunSummary sum;
  std::string err;
  if (!RunIndex(opts, std::cout, &sum, &err)) return Fail(err);
  std::cout << FormatSummary(sum) << "\n";
  return kExitOk;
}

Command reg(10, [](CLI::App& app) -> Command::Runner {
  auto opts = std::make_shared<IndexRunOptions>();
  auto* cmd = app.add_subcommand("index", "Index the sources of a build (compile_commands.json)");
  cmd->add_option("-p,--build-dir", opts->build_dir,
                  "Build directory holding compile_commands.json (default: build)");
  cmd->add_option("--db", opts->db_path, "Database path (default: BUILD/tia.db)");
  AddJobsOption(cmd, &opts->jobs, "Parallel parsers (default: cores, capped by free memory)");
  cmd->add_flag("-v,--verbose", opts->verbose, "Print each indexed TU and its errors");
  cmd->add_flag("--no-skip-parsed-bodies{false}", opts->skip_parsed_bodies,
                "Index every header function body in every TU (slower; by default a body is "
                "indexed once per worker and compile configuration)");
  return [opts] { return RunIndexCommand(*opts); };
});

}  // namespace
}  // namespace tia::cli
