// `tia index`: build or update the index of a CMake build directory.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "command.h"
#include "options.h"
#include "tia/index/index_run.h"

namespace tia::cli {
namespace {

int RunIndexCommand(const IndexRunOptions& o, const std::string& shard) {
  IndexRunOptions opts = o;
  opts.progress = ::isatty(2) != 0;
  if (!shard.empty()) {
    int k = 0, n = 0;
    char slash = 0, extra = 0;
    if (std::sscanf(shard.c_str(), "%d%c%d%c", &k, &slash, &n, &extra) != 3 || slash != '/' ||
        n < 1 || k < 1 || k > n)
      return Fail("--shard " + shard + ": expected K/N with 1 <= K <= N (e.g. 2/4)");
    opts.shard_index = k;
    opts.shard_count = n;
  }
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
                "Parse the function bodies of system headers too (slower; by default each "
                "TU skips them)");
  cmd->add_flag("--no-shared-prefixes{false}", opts->shared_prefixes,
                "Parse the header C TUs share first in every TU (by default it is parsed once "
                "and loaded precompiled)");
  auto shard = std::make_shared<std::string>();
  cmd->add_option("--shard", *shard,
                  "Index only part K of N, balanced by recorded parse times (merge the parts "
                  "with tia merge)");
  return [opts, shard] { return RunIndexCommand(*opts, *shard); };
});

}  // namespace
}  // namespace tia::cli
