// Small file-system helpers shared by all modules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tia {

// Reads the whole file at `path` into `out`. On failure returns false and sets `err` to
// "<path>: <strerror>".
bool ReadFile(const std::string& path, std::string* out, std::string* err);

// Writes `data` to `path` atomically: a new temporary file in the same folder (created
// exclusively, never through a symbolic link), synced, then renamed over `path`. Refuses
// a `path` that is a symbolic link (SymlinkRefusal) or a directory.
bool WriteFileAtomic(const std::string& path, std::string_view data, std::string* err);

// Whether WriteFileAtomic(path) can succeed, checked before any work whose result would
// be lost otherwise: the folder exists and accepts a new file (a probe file is created and
// removed), and `path` is neither a directory nor a symbolic link. err says which.
bool CheckOutputFile(const std::string& path, std::string* err);

// Opens the file tia owns at `path` for reading and writing, creating it (mode 0644 less
// the umask) when missing. Refuses a symbolic link (O_NOFOLLOW), anything that is not a
// regular file, and a file with other hard links, so that a planted link can never make
// tia write into another file. -1 with err on failure.
int OpenOwnFile(const std::string& path, std::string* err);

// False with err = SymlinkRefusal(path) when `path` itself is a symbolic link (a link in
// a parent folder is fine); true when it is anything else or does not exist.
bool CheckNotSymlink(const std::string& path, std::string* err);

// "<path> is a symbolic link; tia does not follow links for files it writes (remove the
// link or give the real path)".
std::string SymlinkRefusal(const std::string& path);

// Lexically normalizes `path` ("a/./b/../c" -> "a/c"), making it absolute against `base`
// when relative. Does not touch the file system (no symlink resolution).
std::string NormalizePath(std::string_view path, std::string_view base);

// `path` relative to `root` when inside it, else `path` unchanged.
std::string RelativeTo(std::string_view path, std::string_view root);

// A temporary directory `<system temporary directory>/<prefix>-XXXXXX` removed with
// everything in it at destruction; path() is empty when it could not be created.
class TempDir {
 public:
  explicit TempDir(std::string_view prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// What stat(2) says of a file, for cheap change detection.
struct FileStamp {
  int64_t mtime_ns = 0;
  int64_t size = -1;
  int64_t inode = 0;
  bool operator==(const FileStamp&) const = default;
};
// nullopt when the file does not exist or is not a regular file.
std::optional<FileStamp> StatFile(const std::string& path);

}  // namespace tia
