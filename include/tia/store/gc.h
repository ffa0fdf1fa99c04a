// Garbage collection of the index: file versions no current TU reads and none of the last
// N index runs used, with their facts, and then symbols and files nothing refers to.
#pragma once

#include <cstdint>
#include <string>

namespace tia {

class Db;

// What CollectGarbage removed.
struct GcStats {
  int64_t shards = 0, symbols = 0, files = 0, edges = 0, decls = 0;
  int64_t bytes_before = 0, bytes_after = 0;  // database file size (after a WAL checkpoint)
};

// Removes shards that no TU reads now and that none of the last `keep_runs` recorded
// index runs used (0: every shard no TU reads), their decls, edges, includes and test
// cases, symbols no remaining fact names, files nothing refers to, stamps of removed
// files; then VACUUMs. One transaction: an interrupted gc changes nothing.
[[nodiscard]] bool CollectGarbage(Db& db, int keep_runs, GcStats* stats, std::string* err);

}  // namespace tia
