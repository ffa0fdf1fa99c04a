// RAII wrappers over the SQLite C API, the schema of tia's database, and the lock that
// keeps two writers of one database from interleaving.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tia {

// Version of the schema in schema.cc. A database with another version is refused with a
// message that says how to rebuild it (the index is a cache of the sources).
inline constexpr int kSchemaVersion = 4;

class Stmt;

// The two directories a database stores paths relative to, so that it describes any
// checkout of the repository at any absolute path: the source root (the git work tree)
// and the build directory. Both absolute and normalized; empty when unknown.
struct PathRoots {
  std::string source, build;
};

// The stored form of the absolute path `abs`: "$B/<rel>" under the build directory,
// "<rel>" under the source root, the absolute path elsewhere (system headers).
std::string StoredPath(std::string_view abs, const PathRoots& roots);
// The absolute path of a stored path under `roots` (the inverse of StoredPath).
std::string AbsolutePath(std::string_view stored, const PathRoots& roots);
// `text` (a compile command's argument, directory or TU key) with every occurrence of the
// build directory and the source root (as whole path components) replaced by "${build}"
// and "${src}": the same command in two checkouts gives the same text.
std::string RelocatableText(std::string_view text, const PathRoots& roots);

// An open database connection. Not thread-safe: one thread owns it.
class Db {
 public:
  Db() = default;
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  Db(Db&& o) noexcept
      : db_(o.db_),
        path_(std::move(o.path_)),
        read_only_(o.read_only_),
        roots_(std::move(o.roots_)) {
    o.db_ = nullptr;
  }
  Db& operator=(Db&& o) noexcept;

  // Opens (creating when `create`) the database at `path`, applies the schema to a new
  // file and checks the version of an existing one. WAL mode, busy timeout of 60 s. With
  // `create`, a database of an older schema version is deleted and made anew (the index
  // is a cache of the sources); rebuilt_from() then says which version it was.
  // Refuses a path (or -journal, -wal, -shm beside it) that is a symbolic link. Without
  // `create`, a database that cannot be written is opened read-only (read_only()); with
  // it, that is an error.
  bool Open(const std::string& path, bool create, std::string* err);
  // The schema version of the database Open replaced, or 0.
  int rebuilt_from() const { return rebuilt_from_; }

  // Runs one or more statements without results.
  bool Exec(std::string_view sql, std::string* err);
  // Prepares `sql`; on failure err names the statement and SQLite's message.
  bool Prepare(std::string_view sql, Stmt* stmt, std::string* err);

  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  std::string ErrMsg() const { return sqlite3_errmsg(db_); }
  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }
  // True when the database could be opened for reading only (a read-only mount or file):
  // queries work, writes fail with SQLite's "attempt to write a readonly database".
  bool read_only() const { return read_only_; }

  // The roots paths are read and written against (SQL functions tia_abs(stored) and
  // tia_rel(absolute)). Open sets the roots where the database was last indexed (meta
  // source_root, build_dir); a command working in a checkout sets that checkout's.
  void SetRoots(const PathRoots& roots);
  const PathRoots& roots() const { return *roots_; }

  // The generation of the index: a counter every write of facts, TUs or symbols raises
  // (in the same transaction), so a cache of the graph knows whether it is current.
  int64_t Generation();
  bool BumpGeneration(std::string* err);

  // meta(key, value) table access.
  std::optional<std::string> GetMeta(const std::string& key);
  bool SetMeta(const std::string& key, const std::string& value, std::string* err);

 private:
  // SQL tia_rel/tia_abs on this connection (after every open).
  void RegisterPathFunctions();

  sqlite3* db_ = nullptr;
  std::string path_;
  int rebuilt_from_ = 0;
  bool read_only_ = false;
  std::unique_ptr<PathRoots> roots_ = std::make_unique<PathRoots>();
};

// A prepared statement. Bind indexes are 1-based like SQLite's; Col indexes 0-based.
class Stmt {
 public:
  Stmt() = default;
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : st_(o.st_) { o.st_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, std::string_view v);
  Stmt& BindNull(int i);
  // Steps once: true when a row is available. Errors are reported through Done().
  bool Step();
  // Steps a statement without result rows to completion and resets it; false on error.
  bool Run(std::string* err);
  void Reset();

  int64_t Int(int col) const { return sqlite3_column_int64(st_, col); }
  std::string Text(int col) const;
  std::string_view TextView(int col) const;
  bool IsNull(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
  // The error of the last Step(), if it failed.
  bool failed() const { return rc_ != SQLITE_ROW && rc_ != SQLITE_DONE && rc_ != SQLITE_OK; }
  std::string ErrMsg() const;

 private:
  friend class Db;
  sqlite3_stmt* st_ = nullptr;
  int rc_ = SQLITE_OK;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed.
class Transaction {
 public:
  explicit Transaction(Db* db) : db_(db) {}
  ~Transaction();
  bool Begin(std::string* err);
  bool Commit(std::string* err);

 private:
  Db* db_;
  bool open_ = false;
};

// An exclusive advisory lock (flock) on "<db>.lock" held while a command writes the
// index. A second `tia index` on the same database waits for the first, telling the
// user once that it waits and for which process.
class WriterLock {
 public:
  WriterLock() = default;
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;
  // Blocks until the lock is held. `on_wait` (may be null) is called once with the pid of
  // the holder when the lock is busy. Returns false (err set) on I/O errors.
  bool Acquire(const std::string& db_path, void (*on_wait)(long holder_pid), std::string* err);
  // Non-blocking variant: false with err "... is locked by process N" when busy.
  bool TryAcquire(const std::string& db_path, std::string* err);

 private:
  int fd_ = -1;
};

}  // namespace tia
