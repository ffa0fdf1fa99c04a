// `tia index`: loads the compile database, finds stale TUs, indexes them in parallel
// (oneTBB workers, one writer thread) and reports progress and a summary.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace tia {

// Options of RunIndex.
struct IndexRunOptions {
  std::string build_dir = "build";  // holds compile_commands.json
  std::string db_path;              // default BUILD_DIR/tia.db
  int jobs = 0;                     // 0 = cores, capped by MemAvailable / 500 MB
  bool verbose = false;             // one line per TU plus its diagnostics
  bool progress = false;            // "[i/n] r TU/s, ETA s" line on stderr
  bool skip_parsed_bodies = true;   // see IndexerOptions
  bool shared_prefixes = true;      // C TUs of one configuration share their first header
  // --shard K/N: index only the K-th (1-based) of N parts of the compile database, balanced
  // by each TU's recorded parse time (file size when none is recorded). 0/0: everything.
  int shard_index = 0, shard_count = 0;
};

// The part (0-based) each of `weights` falls into when `n` parts are balanced: longest
// first into the least loaded part (the first on ties); ties of weight keep input order.
std::vector<int> BalanceParts(const std::vector<double>& weights, int n);

// What a run did, for the summary line and for tests.
struct IndexRunSummary {
  int total = 0;        // TUs in the compile database
  int indexed = 0;      // parsed in this run
  int up_to_date = 0;   // fresh, skipped
  int failed = 0;       // of `indexed`: no translation unit
  int with_errors = 0;  // of `indexed`: parsed with errors
  int dropped = 0;      // records removed (gone from the compile database)
  int64_t files = 0, symbols = 0, edges = 0;
  double seconds = 0;
  int jobs = 0;
};

// Runs an index update. Verbose lines and the summary go to `out`, progress to stderr.
// Returns false (err set: compile database, database or lock problems) on setup errors;
// TU parse failures are not errors of the run.
bool RunIndex(const IndexRunOptions& opts, std::ostream& out, IndexRunSummary* summary,
              std::string* err);

// The summary line: "indexed N TUs (M up to date, F failed, E with errors); X files, Y
// symbols, Z edges in S.s s", or "tia: index is up to date (N TUs, 0 changed)".
std::string FormatSummary(const IndexRunSummary& s);

}  // namespace tia
