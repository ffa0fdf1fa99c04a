// `tia merge`: the union of several databases (the parts `tia index --shard K/N` made).
// Facts are keyed by content (file path and blob id, symbol USR), so merging is a union.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tia {

struct MergeStats {
  int64_t tus = 0, shards = 0, symbols = 0, edges = 0;  // in the result
};

// Merges every database of `inputs` into `out` (created when missing; its own contents are
// kept). A TU present in several inputs is taken from the last one. Stat caches are not
// merged (they describe one machine's files). Each input is merged in one transaction;
// an input of another schema version or not a tia database is an error naming it.
[[nodiscard]] bool MergeDatabases(const std::string& out, const std::vector<std::string>& inputs,
                                  MergeStats* stats, std::string* err);

}  // namespace tia
