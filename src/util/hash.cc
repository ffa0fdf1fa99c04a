// Hashing helpers (see tia/util/hash.h).
#include "tia/util/hash.h"

#include <git2.h>
#include <xxhash.h>

#include <cstdio>

namespace tia {

std::string GitBlobId(std::string_view content) {
  // git_odb_hash needs no repository and no libgit2 initialisation.
  git_oid oid;
  git_odb_hash(&oid, content.data(), content.size(), GIT_OBJECT_BLOB);
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof(hex), &oid);
  return hex;
}

std::string Hash128Hex(std::string_view data) {
  XXH128_hash_t h = XXH3_128bits(data.data(), data.size());
  char buf[33];
  std::snprintf(buf, sizeof(buf), "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

}  // namespace tia
