// What the index holds, counted for `tia stats`: translation units by status, files,
// shards, symbols and facts.
#pragma once

#include <cstdint>
#include <string>

namespace tia {

class Db;

struct IndexCounts {
  int64_t tus = 0, tus_ok = 0, tus_with_errors = 0, tus_failed = 0;
  int64_t current_files = 0;  // distinct project files some TU reads now
  int64_t shards = 0;         // project file versions, old ones included
  int64_t symbols = 0, decls = 0, edges = 0, includes = 0, test_cases = 0;
};

[[nodiscard]] bool CountIndex(Db& db, IndexCounts* out, std::string* err);

}  // namespace tia
