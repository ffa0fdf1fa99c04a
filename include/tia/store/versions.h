// File versions in the index: which (path, blob id) versions have facts, for the versions
// a diff needs that no TU of the current index read (base versions indexed on demand).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tia {

class Db;

// A version of a file: absolute path and git blob id.
struct FileVersion {
  std::string path;
  std::string content_id;
  bool operator<(const FileVersion& o) const {
    return path < o.path || (path == o.path && content_id < o.content_id);
  }
  bool operator==(const FileVersion& o) const {
    return path == o.path && content_id == o.content_id;
  }
};

// The versions of `wanted` that have no shard in the database.
[[nodiscard]] bool MissingVersions(Db& db, const std::vector<FileVersion>& wanted,
                                   std::vector<FileVersion>* out, std::string* err);

}  // namespace tia
