// `tia stats`: counts of what the index holds.
#include <iostream>

#include "command.h"
#include "tia/store/db.h"
#include "tia/store/index_store.h"
#include "tia/util/fs.h"

namespace tia::cli {
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
  struct Row {
    const char* label;
    const char* sql;
  };
  const Row rows[] = {
      {"translation units", "SELECT count(*) FROM tus"},
      {"  ok", "SELECT count(*) FROM tus WHERE status=0"},
      {"  with errors", "SELECT count(*) FROM tus WHERE status=1"},
      {"  failed", "SELECT count(*) FROM tus WHERE status=2"},
      {"files (current)",
       "SELECT count(DISTINCT s.file_id) FROM shards s JOIN tu_inputs i ON i.shard_id=s.id "
       "WHERE s.is_system=0"},
      {"shards (all versions)", "SELECT count(*) FROM shards WHERE is_system=0"},
      {"symbols", "SELECT count(*) FROM symbols"},
      {"declarations", "SELECT count(*) FROM decls"},
      {"edges", "SELECT count(*) FROM edges"},
      {"includes", "SELECT count(*) FROM includes"},
      {"test cases", "SELECT count(*) FROM test_cases"},
  };
  for (const Row& r : rows) {
    Stmt st;
    if (!db.Prepare(r.sql, &st, &err)) return Fail(path + ": " + err);
    st.Step();
    std::cout << r.label << ": " << st.Int(0) << "\n";
  }
  // Paths are stored relative to these roots: any checkout can use the database.
  auto where = [&](const char* source_key, const char* build_key) {
    return db.GetMeta(source_key).value_or("?") + " (build directory " +
           db.GetMeta(build_key).value_or("?") + ")";
  };
  std::cout << "made in: " << where("made_source_root", "made_build_dir") << "\n";
  std::cout << "last indexed in: " << where("source_root", "build_dir") << "\n";
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
