// SQLite wrappers, schema application and the writer lock (see tia/store/db.h).
#include "tia/store/db.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "schema.h"
#include "tia/util/fs.h"
#include "tia/util/strings.h"

namespace tia {

void store_detail::CloseConnection(sqlite3* db) {
  sqlite3_close_v2(db);
}

void store_detail::FinalizeStatement(sqlite3_stmt* st) {
  sqlite3_finalize(st);
}

namespace {

bool Under(std::string_view path, const std::string& root) {
  return !root.empty() && path.size() > root.size() && StartsWith(path, root) &&
         path[root.size()] == '/';
}

// SQL tia_rel(abs) and tia_abs(stored); NULL stays NULL.
void SqlPath(sqlite3_context* ctx, int, sqlite3_value** argv, bool to_stored) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  const auto* roots = static_cast<const PathRoots*>(sqlite3_user_data(ctx));
  std::string_view in(reinterpret_cast<const char*>(sqlite3_value_text(argv[0])),
                      static_cast<size_t>(sqlite3_value_bytes(argv[0])));
  std::string out = to_stored ? StoredPath(in, *roots) : AbsolutePath(in, *roots);
  sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

}  // namespace

std::string StoredPath(std::string_view abs, const PathRoots& roots) {
  // The build directory first: it often lies inside the source tree.
  if (Under(abs, roots.build)) return "$B/" + std::string(abs.substr(roots.build.size() + 1));
  if (abs == roots.build && !abs.empty()) return "$B";
  if (Under(abs, roots.source)) return std::string(abs.substr(roots.source.size() + 1));
  if (abs == roots.source && !abs.empty()) return ".";
  return std::string(abs);
}

std::string AbsolutePath(std::string_view stored, const PathRoots& roots) {
  if (stored == "$B") return roots.build;
  if (StartsWith(stored, "$B/")) return roots.build + "/" + std::string(stored.substr(3));
  if (stored.empty() || stored[0] == '/' || roots.source.empty()) return std::string(stored);
  if (stored == ".") return roots.source;
  return roots.source + "/" + std::string(stored);
}

std::string RelocatableText(std::string_view text, const PathRoots& roots) {
  std::string out(text);
  for (const auto& [root, token] :
       {std::pair<const std::string&, const char*>{roots.build, "${build}"},
        {roots.source, "${src}"}}) {
    if (root.empty()) continue;
    std::string replaced;
    size_t at = 0;
    for (size_t hit = out.find(root); hit != std::string::npos; hit = out.find(root, hit + 1)) {
      size_t end = hit + root.size();
      // The root as a whole path: followed by '/' or the end (not /src2 for /src).
      if (end != out.size() && out[end] != '/') continue;
      replaced += out.substr(at, hit - at) + token;
      at = end;
      hit = end - 1;
    }
    out = replaced + out.substr(at);
  }
  return out;
}

namespace {

// The database and the files SQLite keeps beside it are written by tia: none of them may
// be a symbolic link, or a planted link would make tia write into any file it can reach.
// (SQLite itself opens the journal, WAL and shared-memory files without following links,
// but resolves links in the database path; this check names the problem either way.)
bool CheckDbFiles(const std::string& path, std::string* err) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"})
    if (!CheckNotSymlink(path + suffix, err)) return false;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    *err = path + " is not a regular file";
    return false;
  }
  return true;
}

// The path SQLite opened, with links resolved as SQLite resolves them: the folder's real
// path plus the file name (which CheckDbFiles found not to be a link).
std::string ExpectedDbFile(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  char* real = ::realpath(dir.c_str(), nullptr);
  if (!real) return "";
  std::string out = real;
  std::free(real);
  return (out == "/" ? "" : out) + "/" + name;
}

// SQLite's message, plus the operating system's reason when an I/O call failed: "disk I/O
// error" alone does not tell a full disk from a file-size limit (EFBIG) or a lost device.
std::string Describe(sqlite3* db, const char* msg) {
  std::string out = msg ? msg : sqlite3_errmsg(db);
  int ext = sqlite3_extended_errcode(db);
  int sys = sqlite3_system_errno(db);
  if (sys != 0 && ((ext & 0xff) == SQLITE_IOERR || (ext & 0xff) == SQLITE_CANTOPEN)) {
    out += std::string(" (") + std::strerror(sys) + ")";
  } else if (ext == SQLITE_IOERR_WRITE || ext == SQLITE_IOERR_FSYNC ||
             ext == SQLITE_IOERR_TRUNCATE || ext == SQLITE_IOERR_SHMSIZE) {
    // SQLite keeps no errno for these; the usual causes when a write fails:
    out += " (a write failed: a full disk, a quota or a file-size limit?)";
  }
  return out;
}

// The errno that keeps `path` or its folder from being written (a read-only mount, file
// permissions), or 0.
int NotWritable(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  for (const std::string& p : {path, dir}) {
    if (::access(p.c_str(), W_OK) == 0) continue;
    int e = errno;
    if (e == EROFS || e == EACCES || e == EPERM) return e;
  }
  return 0;
}

// A read-only SQLite URI for `path`. `immutable`: no -wal/-shm is needed or created
// (possible on a read-only medium only when no write-ahead log holds pages).
std::string ReadOnlyUri(const std::string& path, bool immutable) {
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      uri += buf;
    } else {
      uri += static_cast<char>(c);
    }
  }
  return uri + "?mode=ro" + (immutable ? "&immutable=1" : "");
}

}  // namespace

bool Db::Open(const std::string& path, bool create, std::string* err) {
  if (!CheckDbFiles(path, err)) return false;
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  sqlite3* opened_db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &opened_db, flags, nullptr);
  // Owned from here on, also when the open failed (SQLite may still return a handle).
  UniqueHandle<sqlite3, store_detail::CloseConnection> db(opened_db);
  if (rc != SQLITE_OK) {
    *err = path + ": cannot open database: " + (db ? sqlite3_errmsg(db.get()) : sqlite3_errstr(rc));
    if (rc == SQLITE_CANTOPEN && !create) *err += " (run `tia index` first)";
    return false;
  }
  // A link put in place between the check and the open: SQLite followed it. Nothing was
  // written yet (opening reads nothing); refuse before the first statement.
  std::string expected = ExpectedDbFile(path);
  const char* opened = sqlite3_db_filename(db.get(), "main");
  if (!expected.empty() && opened && expected != opened) {
    *err = SymlinkRefusal(path);
    return false;
  }
  db_ = std::move(db);
  path_ = path;
  read_only_ = false;
  sqlite3_busy_timeout(db_.get(), 60000);
  RegisterPathFunctions();
  std::string e;
  // A file that is not a database fails on the first read, here. So does a WAL database
  // whose folder is read-only (SQLite cannot create its -shm file): that one is reopened
  // read-only, for the commands that only read the index.
  if (!Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", &e)) {
    int ro = NotWritable(path);
    if (!ro) {
      *err = path + ": not a usable tia database: " + e;
      return false;
    }
    if (create) {
      *err = path + ": the index cannot be updated: " + std::strerror(ro);
      return false;
    }
    struct stat wal;
    bool wal_pages = ::stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > 0;
    db_.reset();
    sqlite3* ro_db = nullptr;
    rc = sqlite3_open_v2(ReadOnlyUri(path, !wal_pages).c_str(), &ro_db,
                         SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    db_.reset(ro_db);
    if (rc != SQLITE_OK || !Exec("PRAGMA foreign_keys=ON", &e)) {
      *err = path + ": cannot read the database (" + std::strerror(ro) +
             "): " + (db_ ? sqlite3_errmsg(db_.get()) : sqlite3_errstr(rc));
      return false;
    }
    read_only_ = true;
    RegisterPathFunctions();
  }
  if (sqlite3_db_readonly(db_.get(), "main") == 1) {
    if (create) {
      int ro = NotWritable(path);
      *err = path + ": the index cannot be updated: " +
             (ro ? std::strerror(ro) : "the database is read-only");
      return false;
    }
    read_only_ = true;
  }
  std::optional<std::string> version;
  {
    Stmt st;
    if (!Prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'", &st,
                 &e) ||
        !st.Step()) {
      *err = path + ": not a usable tia database: " + (e.empty() ? ErrMsg() : e);
      return false;
    }
    if (st.Int(0) > 0) version = GetMeta("schema_version");
  }
  if (!version) {
    Stmt st;
    if (!Prepare("SELECT count(*) FROM sqlite_master", &st, &e) || !st.Step()) {
      *err = path + ": " + e;
      return false;
    }
    if (st.Int(0) > 0) {
      *err = path + ": not a tia database (it has tables but no schema version)";
      return false;
    }
    Transaction tx(this);
    if (!tx.Begin(&e) || !Exec(kSchemaSql, &e) ||
        !SetMeta("schema_version", std::to_string(kSchemaVersion), &e) || !tx.Commit(&e)) {
      *err = path + ": cannot create schema: " + e;
      return false;
    }
    return true;
  }
  // Paths resolve against where the database was last indexed until a command sets the
  // roots of its own checkout.
  roots_->source = GetMeta("source_root").value_or("");
  roots_->build = GetMeta("build_dir").value_or("");
  if (*version != std::to_string(kSchemaVersion)) {
    char* end = nullptr;
    long v = std::strtol(version->c_str(), &end, 10);
    bool older = end && *end == '\0' && !version->empty() && v >= 1 && v < kSchemaVersion;
    if (older && create && rebuilt_from_ == 0) {
      // The index is a cache of the sources: an older layout is rebuilt, not migrated.
      db_.reset();
      for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        if (::unlink((path + suffix).c_str()) != 0 && errno != ENOENT) {
          *err =
              path + suffix + ": cannot remove the index of an older tia: " + std::strerror(errno);
          return false;
        }
      rebuilt_from_ = static_cast<int>(v);
      return Open(path, create, err);
    }
    *err = path + ": database has schema version " + *version + ", this tia uses version " +
           std::to_string(kSchemaVersion) +
           (older ? "; run `tia index` to rebuild it"
                  : "; the index is a cache of the sources: delete the file and run `tia index` "
                    "again");
    return false;
  }
  return true;
}

void Db::RegisterPathFunctions() {
  for (bool to_stored : {true, false}) {
    auto fn = to_stored
                  ? +[](sqlite3_context* c, int n, sqlite3_value** v) { SqlPath(c, n, v, true); }
                  : +[](sqlite3_context* c, int n, sqlite3_value** v) { SqlPath(c, n, v, false); };
    sqlite3_create_function_v2(db_.get(), to_stored ? "tia_rel" : "tia_abs", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC, roots_.get(), fn, nullptr,
                               nullptr, nullptr);
  }
}

int64_t Db::Generation() {
  auto v = GetMeta("generation");
  return v ? std::strtoll(v->c_str(), nullptr, 10) : 0;
}

bool Db::BumpGeneration(std::string* err) {
  return Exec(
      "INSERT INTO meta(key, value) VALUES('generation', '1') ON CONFLICT(key) DO UPDATE SET "
      "value = CAST(value AS INTEGER) + 1",
      err);
}

void Db::SetRoots(const PathRoots& roots) {
  *roots_ = roots;
}

bool Db::Exec(std::string_view sql, std::string* err) {
  std::string s(sql);
  char* msg = nullptr;
  if (sqlite3_exec(db_.get(), s.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    *err = Describe(db_.get(), msg);
    sqlite3_free(msg);
    return false;
  }
  return true;
}

bool Db::Prepare(std::string_view sql, Stmt* stmt, std::string* err) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
    *err = std::string(sqlite3_errmsg(db_.get())) + " in: " + std::string(sql.substr(0, 120));
    return false;
  }
  *stmt = Stmt();
  stmt->st_.reset(st);
  return true;
}

int64_t Db::LastInsertId() const {
  return sqlite3_last_insert_rowid(db_.get());
}

std::string Db::ErrMsg() const {
  return sqlite3_errmsg(db_.get());
}

std::optional<std::string> Db::GetMeta(const std::string& key) {
  Stmt st;
  std::string e;
  if (!Prepare("SELECT value FROM meta WHERE key=?", &st, &e)) return std::nullopt;
  st.Bind(1, key);
  if (!st.Step()) return std::nullopt;
  return st.Text(0);
}

bool Db::SetMeta(const std::string& key, const std::string& value, std::string* err) {
  Stmt st;
  if (!Prepare("INSERT INTO meta(key,value) VALUES(?,?) "
               "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
               &st, err))
    return false;
  st.Bind(1, key).Bind(2, value);
  return st.Run(err);
}

Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(st_.get(), i, v);
  return *this;
}

Stmt& Stmt::Bind(int i, double v) {
  sqlite3_bind_double(st_.get(), i, v);
  return *this;
}

Stmt& Stmt::Bind(int i, std::string_view v) {
  // A default-constructed view has a null data(), which SQLite would bind as NULL: text is
  // always text, the empty string included.
  sqlite3_bind_text(st_.get(), i, v.data() ? v.data() : "", static_cast<int>(v.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

bool Stmt::Step() {
  rc_ = sqlite3_step(st_.get());
  return rc_ == SQLITE_ROW;
}

bool Stmt::failed() const {
  return rc_ != SQLITE_ROW && rc_ != SQLITE_DONE && rc_ != SQLITE_OK;
}

bool Stmt::Run(std::string* err) {
  rc_ = sqlite3_step(st_.get());
  bool ok = rc_ == SQLITE_DONE || rc_ == SQLITE_ROW;
  if (!ok) *err = ErrMsg();
  Reset();
  return ok;
}

void Stmt::Reset() {
  sqlite3_reset(st_.get());
  sqlite3_clear_bindings(st_.get());
}

int64_t Stmt::Int(int col) const {
  return sqlite3_column_int64(st_.get(), col);
}

double Stmt::Double(int col) const {
  return sqlite3_column_double(st_.get(), col);
}

int Stmt::Columns() const {
  return sqlite3_column_count(st_.get());
}

std::string Stmt::Text(int col) const {
  return std::string(TextView(col));
}

std::string_view Stmt::TextView(int col) const {
  const unsigned char* p = sqlite3_column_text(st_.get(), col);
  if (!p) return {};
  return std::string_view(reinterpret_cast<const char*>(p),
                          static_cast<size_t>(sqlite3_column_bytes(st_.get(), col)));
}

std::string Stmt::ErrMsg() const {
  sqlite3* db = sqlite3_db_handle(st_.get());
  return db ? Describe(db, nullptr) : sqlite3_errstr(rc_);
}

Transaction::~Transaction() {
  if (!open_) return;
  // A destructor has no one to tell: when ROLLBACK fails, the next BEGIN on this
  // connection reports the open transaction, and closing the connection rolls it back.
  std::string e;
  (void)db_->Exec("ROLLBACK", &e);
}

bool Transaction::Begin(std::string* err) {
  if (!db_->Exec("BEGIN IMMEDIATE", err)) return false;
  open_ = true;
  return true;
}

bool Transaction::Commit(std::string* err) {
  if (!db_->Exec("COMMIT", err)) return false;
  open_ = false;
  return true;
}

// The lock file is truncated and rewritten with the holder's pid: OpenOwnFile refuses a
// symbolic link or a hard link that would turn that into a write to another file.
static int OpenLockFile(const std::string& db_path, std::string* err) {
  int fd = OpenOwnFile(db_path + ".lock", err);
  if (fd < 0 && NotWritable(db_path + ".lock"))
    *err +=
        " (the index cannot be updated here; select, why, tests-for and run can read it "
        "as it is with --no-index)";
  return fd;
}

static long ReadHolder(int fd) {
  char buf[32] = {0};
  ssize_t n = ::pread(fd, buf, sizeof(buf) - 1, 0);
  return n > 0 ? std::strtol(buf, nullptr, 10) : 0;
}

static void WriteHolder(int fd) {
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    ssize_t n = ::pwrite(fd, pid.data(), pid.size(), 0);
    (void)n;
  }
}

bool WriterLock::Acquire(const std::string& db_path, void (*on_wait)(long), std::string* err) {
  UniqueFd fd(OpenLockFile(db_path, err));
  if (!fd) return false;
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) {
      *err = db_path + ".lock: " + std::strerror(errno);
      return false;
    }
    if (on_wait) on_wait(ReadHolder(fd.get()));
    while (::flock(fd.get(), LOCK_EX) != 0) {
      if (errno != EINTR) {
        *err = db_path + ".lock: " + std::strerror(errno);
        return false;
      }
    }
  }
  WriteHolder(fd.get());
  fd_ = std::move(fd);
  return true;
}

}  // namespace tia
