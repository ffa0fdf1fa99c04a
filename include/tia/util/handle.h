// Ownership of C handles: UniqueHandle<T, Free> owns a T* and calls Free on it exactly once
// (libgit2 objects, sqlite3 connections and statements, libclang translation units and
// overridden-cursor arrays); UniqueFd owns a POSIX file descriptor. Both are move-only.
#pragma once

#include <unistd.h>

#include <memory>
#include <utility>

namespace tia {

// Calls Free(p) for a non-null p and ignores what Free returns (sqlite3_close_v2 and
// sqlite3_finalize return a status that the owner has nothing left to do with).
template <auto Free>
struct FreeWith {
  template <typename T>
  void operator()(T* p) const {
    if (p != nullptr) (void)Free(p);
  }
};

template <typename T, auto Free>
using UniqueHandle = std::unique_ptr<T, FreeWith<Free>>;

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept {
    if (this != &o) reset(o.release());
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  // Gives up ownership: the caller closes the descriptor.
  [[nodiscard]] int release() { return std::exchange(fd_, -1); }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

}  // namespace tia
