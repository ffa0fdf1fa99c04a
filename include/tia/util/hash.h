// Content and command hashing: git blob ids for file versions, xxHash for everything else.
#pragma once

#include <string>
#include <string_view>

namespace tia {

// The git blob id (40 hex digits of SHA-1 over "blob <size>\0<content>") of `content`:
// the same id git gives the file, so shards written from a work tree match the ids a
// libgit2 diff reports for commits.
std::string GitBlobId(std::string_view content);

// A 128-bit xxHash (XXH3) of `data` as 32 hex digits; for compile-command keys.
std::string Hash128Hex(std::string_view data);

}  // namespace tia
