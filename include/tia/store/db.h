// RAII wrappers over the SQLite C API, the schema of tia's database, and the lock that
// keeps two writers of one database from interleaving.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tia/util/handle.h"

// SQLite's handle types, declared so that no user of the store needs <sqlite3.h>.
struct sqlite3;
struct sqlite3_stmt;

namespace tia {

namespace store_detail {
// sqlite3_close_v2 and sqlite3_finalize, as UniqueHandle's deleters (defined in db.cc).
void CloseConnection(sqlite3* db);
void FinalizeStatement(sqlite3_stmt* st);
}  // namespace store_detail

// Version of the schema in schema.cc. A database with another version is refused with a
// message that says how to rebuild it (the index is a cache of the sources).
inline constexpr int kSchemaVersion = 7;

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
  Db(Db&&) noexcept = default;
  Db& operator=(Db&&) noexcept = default;

  // Opens (creating when `create`) the database at `path`, applies the schema to a new
  // file and checks the version of an existing one. WAL mode, busy timeout of 60 s. With
  // `create`, a database of an older schema version is deleted and made anew (the index
  // is a cache of the sources); rebuilt_from() then says which version it was.
  // Refuses a path (or -journal, -wal, -shm beside it) that is a symbolic link. Without
  // `create`, a database that cannot be written is opened read-only (read_only()); with
  // it, that is an error.
  [[nodiscard]] bool Open(const std::string& path, bool create, std::string* err);
  // The schema version of the database Open replaced, or 0.
  int rebuilt_from() const { return rebuilt_from_; }

  // Runs one or more statements without results.
  [[nodiscard]] bool Exec(std::string_view sql, std::string* err);
  // Prepares `sql`; on failure err names the statement and SQLite's message.
  [[nodiscard]] bool Prepare(std::string_view sql, Stmt* stmt, std::string* err);

  int64_t LastInsertId() const;
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
  [[nodiscard]] bool BumpGeneration(std::string* err);

  // meta(key, value) table access.
  std::optional<std::string> GetMeta(const std::string& key);
  [[nodiscard]] bool SetMeta(const std::string& key, const std::string& value, std::string* err);

 private:
  // SQL tia_rel/tia_abs on this connection (after every open).
  void RegisterPathFunctions();
  // SQLite's message for the last call on this connection.
  std::string ErrMsg() const;

  // Declared before db_, so destroyed after it: the path functions point into it.
  std::unique_ptr<PathRoots> roots_ = std::make_unique<PathRoots>();
  UniqueHandle<sqlite3, store_detail::CloseConnection> db_;
  std::string path_;
  int rebuilt_from_ = 0;
  bool read_only_ = false;
};

// A prepared statement. Bind indexes are 1-based like SQLite's; Col indexes 0-based.
class Stmt {
 public:
  Stmt() = default;
  Stmt(Stmt&&) noexcept = default;
  Stmt& operator=(Stmt&&) noexcept = default;

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view v);
  // Steps once: true when a row is available. False at the end of the rows and on an
  // error: after a loop over the rows, failed() tells the two apart.
  [[nodiscard]] bool Step();
  // Steps a statement without result rows to completion and resets it; false on error.
  [[nodiscard]] bool Run(std::string* err);
  void Reset();

  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  std::string_view TextView(int col) const;
  // The number of columns of a result row.
  int Columns() const;
  // The error of the last Step(), if it failed.
  bool failed() const;
  std::string ErrMsg() const;

 private:
  friend class Db;
  UniqueHandle<sqlite3_stmt, store_detail::FinalizeStatement> st_;
  int rc_ = 0;  // SQLITE_OK
};

// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed.
class Transaction {
 public:
  explicit Transaction(Db* db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  [[nodiscard]] bool Begin(std::string* err);
  [[nodiscard]] bool Commit(std::string* err);

 private:
  Db* db_;
  bool open_ = false;
};

// An exclusive advisory lock (flock) on "<db>.lock" held while a command writes the
// index. A second `tia index` on the same database waits for the first, telling the
// user once that it waits and for which process.
class WriterLock {
 public:
  // Blocks until the lock is held. `on_wait` (may be null) is called once with the pid of
  // the holder when the lock is busy. Returns false (err set) on I/O errors.
  [[nodiscard]] bool Acquire(const std::string& db_path, void (*on_wait)(long holder_pid),
                             std::string* err);

 private:
  UniqueFd fd_;  // closing it releases the flock
};

}  // namespace tia
