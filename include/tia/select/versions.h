// The file versions a selection reads facts of: both sides of every changed file the
// index can analyse (not a tia.toml rule, not a build input, not binary, known to the
// index). A version without a shard falls back to the file level unless it is indexed
// first (on demand, from git).
#pragma once

#include <string>
#include <vector>

#include "tia/select/selector.h"
#include "tia/store/versions.h"

namespace tia {

// A version of a changed file and the side of the diff it belongs to.
struct NeededVersion {
  FileVersion version;  // absolute path, blob id
  bool old_side = true;
  std::string rel;      // path relative to the repository root
  std::string current;  // absolute path of the file in the current index (for a rename,
                        // the other side's path), used to find a TU that reads it
};

// The versions SelectForChanges would load shards of for `changes`.
std::vector<NeededVersion> VersionsNeeded(const SelectContext& ctx,
                                          const std::vector<FileChange>& changes);

}  // namespace tia
