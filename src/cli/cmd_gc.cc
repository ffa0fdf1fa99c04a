// `tia gc [--keep N]`: removes file versions no current TU reads and none of the last N
// index runs used, then compacts the database.
#include <cstdio>
#include <iostream>

#include "command.h"
#include "tia/store/db.h"
#include "tia/store/gc.h"

namespace tia::cli {
namespace {

struct GcOptions {
  std::string build_dir = "build";
  std::string db;
  int keep = 0;
};

std::string Mib(int64_t bytes) {
  char b[32];
  snprintf(b, sizeof b, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
  return b;
}

void PrintWaiting(long pid) {
  std::cerr << "tia: another tia is writing this index (process " << pid
            << "); waiting for it to finish...\n";
}

int RunGc(const GcOptions& o) {
  std::string path = o.db.empty() ? o.build_dir + "/tia.db" : o.db;
  std::string err;
  if (o.keep < 0) return Fail("--keep " + std::to_string(o.keep) + ": expected N >= 0");
  Db db;
  if (!db.Open(path, /*create=*/false, &err)) return Fail(err);
  WriterLock lock;
  if (!lock.Acquire(path, PrintWaiting, &err)) return Fail(err);
  GcStats s;
  if (!CollectGarbage(db, o.keep, &s, &err)) return Fail(path + ": " + err);
  std::cout << "removed " << s.shards << " file versions (" << s.decls << " declarations, "
            << s.edges << " edges), " << s.symbols << " symbols, " << s.files << " files; "
            << Mib(s.bytes_before) << " -> " << Mib(s.bytes_after) << "\n";
  return kExitOk;
}

Command gc_cmd(92, [](CLI::App& app) -> Command::Runner {
  auto o = std::make_shared<GcOptions>();
  auto* cmd = app.add_subcommand(
      "gc", "Remove file versions no current TU and none of the last N index runs use");
  cmd->add_option("-p,--build-dir", o->build_dir, "Build directory (default: build)");
  cmd->add_option("--db", o->db, "Database path (default: BUILD/tia.db)");
  cmd->add_option("--keep", o->keep,
                  "Also keep what the last N index runs used (default 0: only what is current)");
  return [o] { return RunGc(*o); };
});

}  // namespace
}  // namespace tia::cli
