// `tia stats`: counts of what the index holds.
#include <iostream>
#include <string>

#include "command.h"
#include "tia/store/coverage.h"
#include "tia/store/db.h"
#include "tia/store/index_store.h"
#include "tia/store/stats.h"
#include "tia/util/fs.h"

namespace tia::cli {

std::string CoverageLine(const CoverageCounts& n, const std::string& commit, size_t functions) {
  std::string line = "coverage: " + std::to_string(n.cases) + (n.cases == 1 ? " case" : " cases");
  if (n.commands > 0)
    line += " and " + std::to_string(n.commands) + (n.commands == 1 ? " command" : " commands") +
            " whole";
  line += " recorded at " + commit.substr(0, 12) + " (" + std::to_string(functions) + " functions)";
  if (n.not_recorded > 0) line += ", " + std::to_string(n.not_recorded) + " not recorded";
  return line;
}
namespace {

struct StatsOptions {
  std::string build_dir = "build";
  std::string db;
};

int RunStats(const StatsOptions& o) {
  std::string path = o.db.empty() ? o.build_dir + "/tia.db" : o.db;
  Db db;
  std::string err;
  if (!db.Open(path, /*create=*/false, &err)) return Fail(err);
  IndexCounts n;
  if (!CountIndex(db, &n, &err)) return Fail(err);
  const std::pair<const char*, int64_t> rows[] = {
      {"translation units", n.tus},
      {"  ok", n.tus_ok},
      {"  with errors", n.tus_with_errors},
      {"  failed", n.tus_failed},
      {"files (current)", n.current_files},
      {"shards (all versions)", n.shards},
      {"symbols", n.symbols},
      {"declarations", n.decls},
      {"edges", n.edges},
      {"includes", n.includes},
      {"test cases", n.test_cases},
  };
  for (const auto& [label, count] : rows) std::cout << label << ": " << count << "\n";
  // Paths are stored relative to these roots: any checkout can use the database.
  auto where = [&](const char* source_key, const char* build_key) {
    return db.GetMeta(source_key).value_or("?") + " (build directory " +
           db.GetMeta(build_key).value_or("?") + ")";
  };
  std::cout << "made in: " << where("made_source_root", "made_build_dir") << "\n";
  std::cout << "last indexed in: " << where("source_root", "build_dir") << "\n";
  // tia run --record-coverage: what later selections from that commit use.
  StoredCoverage cov;
  if (!LoadCoverage(db, &cov, &err)) return Fail(err);
  if (cov.commit.empty()) {
    std::cout << "coverage: none recorded\n";
  } else {
    std::cout << CoverageLine(CountCoverage(cov), cov.commit, cov.known.size()) << "\n";
  }
  std::vector<FailedTu> failed;
  if (!ListFailedTus(db, &failed, &err)) return Fail(path + ": " + err);
  if (!failed.empty()) {
    std::string root = db.GetMeta("source_root").value_or("");
    std::cout << "failed translation units:\n";
    for (const FailedTu& f : failed)
      std::cout << "  " << RelativeTo(f.file, root) << ": " << f.reason << "\n";
  }
  return kExitOk;
}

Command reg(90, [](CLI::App& app) -> Command::Runner {
  auto opts = std::make_shared<StatsOptions>();
  auto* cmd = app.add_subcommand("stats", "Print counts of what the index holds");
  cmd->add_option("-p,--build-dir", opts->build_dir, "Build directory (default: build)");
  cmd->add_option("--db", opts->db, "Database path (default: BUILD/tia.db)");
  return [opts] { return RunStats(*opts); };
});

}  // namespace
}  // namespace tia::cli
