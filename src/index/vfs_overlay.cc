// The clang VFS overlay that gives a parse other versions of files (see vfs_overlay.h).
#include "vfs_overlay.h"

#include <stdlib.h>

#include <filesystem>
#include <system_error>

#include "tia/util/fs.h"

namespace tia::index_internal {
namespace {

// A YAML (JSON) string: quotes and backslashes escaped, other bytes as they are.
std::string Quote(const std::string& s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

}  // namespace

VfsOverlay::VfsOverlay(const std::vector<UnsavedFile>& files) {
  if (files.empty()) return;
  std::string tmpl = (std::filesystem::temp_directory_path() / "tia-vfs-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) return;
  dir_ = tmpl;
  std::string yaml = "{\"version\": 0, \"use-external-names\": false, \"roots\": [";
  bool first = true;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string stand_in = dir_ + "/" + std::to_string(i);
    std::string e;
    if (!WriteFileAtomic(stand_in, files[i].contents, &e)) continue;
    yaml += std::string(first ? "" : ",") +
            "\n{\"type\": \"file\", \"name\": " + Quote(files[i].path) +
            ", \"external-contents\": " + Quote(stand_in) + "}";
    first = false;
  }
  yaml += "\n]}\n";
  std::string e;
  if (WriteFileAtomic(dir_ + "/overlay.yaml", yaml, &e)) path_ = dir_ + "/overlay.yaml";
}

VfsOverlay::~VfsOverlay() {
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

}  // namespace tia::index_internal
