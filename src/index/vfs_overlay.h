// Other versions of files for one parse: a scratch directory holding them and the clang
// virtual file system overlay that maps each file's real path to its stand-in.
#pragma once

#include <string>
#include <vector>

#include "tia/index/indexer.h"

namespace tia::index_internal {

// Made for a TU's unsaved files (nothing when there are none); the scratch directory is
// removed at destruction. libclang 14's clang_indexSourceFile frees the buffers of
// CXUnsavedFile before the translation unit that still refers to them (a crash when the
// unit is disposed), so other versions reach clang through `-ivfsoverlay path()` instead.
class VfsOverlay {
 public:
  explicit VfsOverlay(const std::vector<UnsavedFile>& files);
  ~VfsOverlay();
  VfsOverlay(const VfsOverlay&) = delete;
  VfsOverlay& operator=(const VfsOverlay&) = delete;
  // The overlay file, "" when there is none.
  const std::string& path() const { return path_; }

 private:
  std::string dir_, path_;
};

}  // namespace tia::index_internal
