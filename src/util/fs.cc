// File-system helpers (see tia/util/fs.h).
#include "tia/util/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace tia {

bool ReadFile(const std::string& path, std::string* out, std::string* err) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = path + ": " + std::strerror(errno);
    return false;
  }
  out->clear();
  struct stat st;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) out->reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = path + ": " + std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    out->append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return true;
}

std::string SymlinkRefusal(const std::string& path) {
  return path +
         " is a symbolic link; tia does not follow links for files it writes (remove the link "
         "or give the real path)";
}

bool CheckNotSymlink(const std::string& path, std::string* err) {
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    *err = SymlinkRefusal(path);
    return false;
  }
  return true;
}

int OpenOwnFile(const std::string& path, std::string* err) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    *err = errno == ELOOP ? SymlinkRefusal(path) : path + ": " + std::strerror(errno);
    return -1;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    *err = path + ": " + std::strerror(errno);
  } else if (!S_ISREG(st.st_mode)) {
    *err = path + " is not a regular file; tia writes only its own files (remove it)";
  } else if (st.st_nlink > 1) {
    *err = path +
           " has other hard links; tia does not write into files shared with other "
           "names (remove it)";
  } else {
    return fd;
  }
  ::close(fd);
  return -1;
}

namespace {

std::string ParentDir(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Creates a new file next to `path` (O_EXCL: never an existing file or link). The name is
// "<path>.tmp.<pid>.<n>"; fd and name on success, else -1 with err and errno set.
int CreateTemp(const std::string& path, std::string* tmp, std::string* err) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    *tmp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
    int fd = ::open(tmp->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd >= 0) return fd;
    if (errno != EEXIST) {
      int e = errno;
      *err = *tmp + ": " + std::strerror(e);
      errno = e;
      return -1;
    }
  }
  *err = *tmp + ": no free temporary file name";
  errno = EEXIST;
  return -1;
}

bool CheckDestination(const std::string& path, std::string* err) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return true;
  if (S_ISLNK(st.st_mode)) {
    *err = SymlinkRefusal(path);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    *err = path + " is a directory";
    return false;
  }
  return true;
}

}  // namespace

bool WriteFileAtomic(const std::string& path, std::string_view data, std::string* err) {
  if (!CheckDestination(path, err)) return false;
  std::string tmp;
  int fd = CreateTemp(path, &tmp, err);
  if (fd < 0) return false;
  auto fail = [&](const std::string& what) {
    *err = what + ": " + std::strerror(errno);
    ::close(fd);
    ::unlink(tmp.c_str());
    return false;
  };
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(tmp);
    }
    off += static_cast<size_t>(n);
  }
  // A full disk may only show at fsync or close (delayed allocation, network file systems).
  if (::fsync(fd) != 0) return fail(tmp);
  if (::close(fd) != 0) {
    *err = tmp + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    *err = path + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

bool CheckOutputFile(const std::string& path, std::string* err) {
  if (path.empty() || path.back() == '/') {
    *err = "'" + path + "' is not a file name";
    return false;
  }
  std::string dir = ParentDir(path);
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) {
    *err = path + ": the folder " + dir + " does not exist";
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    *err = path + ": " + dir + " is not a folder";
    return false;
  }
  if (!CheckDestination(path, err)) return false;
  std::string tmp;
  int fd = CreateTemp(path, &tmp, err);
  if (fd < 0) {
    *err = path + ": cannot create files in " + dir + ": " + std::strerror(errno);
    return false;
  }
  ::close(fd);
  ::unlink(tmp.c_str());
  return true;
}

std::string NormalizePath(std::string_view path, std::string_view base) {
  std::string full;
  if (!path.empty() && path[0] == '/') {
    full = path;
  } else {
    full = base;
    if (full.empty() || full.back() != '/') full += '/';
    full += path;
  }
  std::vector<std::string_view> parts;
  std::string_view rest = full;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (auto p : parts) {
    out += '/';
    out += p;
  }
  return out.empty() ? "/" : out;
}

std::string RelativeTo(std::string_view path, std::string_view root) {
  if (root.empty()) return std::string(path);
  std::string r(root);
  if (r.back() != '/') r += '/';
  if (path.substr(0, r.size()) == r) return std::string(path.substr(r.size()));
  return std::string(path);
}

std::optional<FileStamp> StatFile(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  FileStamp s;
  s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  s.size = st.st_size;
  s.inode = static_cast<int64_t>(st.st_ino);
  return s;
}

TempDir::TempDir(std::string_view prefix) {
  std::error_code ec;
  std::filesystem::path tmp = std::filesystem::temp_directory_path(ec);
  if (ec) tmp = "/tmp";
  std::string tmpl = (tmp / (std::string(prefix) + "-XXXXXX")).string();
  if (::mkdtemp(tmpl.data())) path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

}  // namespace tia
