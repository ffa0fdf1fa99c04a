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

// Writes `data` to `path` atomically (temporary file in the same folder, then rename).
bool WriteFileAtomic(const std::string& path, std::string_view data, std::string* err);

// Lexically normalizes `path` ("a/./b/../c" -> "a/c"), making it absolute against `base`
// when relative. Does not touch the file system (no symlink resolution).
std::string NormalizePath(std::string_view path, std::string_view base);

// `path` relative to `root` when inside it, else `path` unchanged.
std::string RelativeTo(std::string_view path, std::string_view root);

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
