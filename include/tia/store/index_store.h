// The indexer's side of the database: writing TU records with their shards atomically,
// the stat cache and TU records used for freshness, and the callers/callees queries.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tia/store/db.h"
#include "tia/store/facts.h"
#include "tia/util/fs.h"

namespace tia {

// A TU record as stored, with the (path, content id) of each input: what a freshness
// check compares against the work tree.
struct StoredTu {
  int64_t id = 0;
  std::string key;
  std::string file;
  std::string command_hash;
  TuStatus status = TuStatus::kOk;
  bool has_fatal = false;  // a fatal diagnostic (e.g. header not found): always retried
  int64_t parse_us = 0;    // how long its last parse took
  std::vector<std::pair<std::string, std::string>> inputs;
};

// A file's stat(2) stamp and the content id it had then (table file_stamps).
struct StampRow {
  FileStamp stamp;
  std::string content_id;
};

// Totals written by IndexWriter, for the summary line.
struct WriteTotals {
  int64_t files = 0;    // distinct current non-system files
  int64_t symbols = 0;  // rows in symbols
  int64_t edges = 0;    // rows in edges of current shards
};

// Owns the write side of the index. Not thread-safe: one writer thread uses it.
class IndexWriter {
 public:
  // Opens/creates the database (schema version checked) and prepares statements.
  [[nodiscard]] bool Open(const std::string& db_path, std::string* err);
  Db& db() { return db_; }

  // All TU records with their inputs.
  [[nodiscard]] bool LoadTus(std::vector<StoredTu>* out, std::string* err);
  // The whole stat cache, by absolute path.
  [[nodiscard]] bool LoadStamps(std::unordered_map<std::string, StampRow>* out, std::string* err);
  // Upserts stat-cache rows (one transaction).
  [[nodiscard]] bool SaveStamps(const std::vector<std::pair<std::string, StampRow>>& rows,
                                std::string* err);

  // Begins / commits a batch transaction; WriteTu calls between them are atomic together.
  // A batch neither committed nor abandoned is rolled back when the writer is destroyed.
  [[nodiscard]] bool Begin(std::string* err);
  [[nodiscard]] bool Commit(std::string* err);
  // Rolls the open batch back (after a failed write or commit).
  void Abandon() { batch_.reset(); }
  // Replaces the TU record with key tu.key: the TU row, its tu_inputs, its diagnostics,
  // and the facts of each shard (INSERT OR IGNORE: facts of several configurations of a
  // file are unioned in its shard). `entities` names every symbol the TU's edges mention
  // (system ones included) so symbol rows get names. Call between Begin and Commit.
  // `aliases` are (USR, USR of the symbol it is recorded as) pairs (see symbol_aliases).
  [[nodiscard]] bool WriteTu(const TuRecord& tu, const std::vector<Shard>& shards,
                             const std::vector<SymbolFact>& entities, std::string* err,
                             const std::vector<std::pair<std::string, std::string>>& aliases = {});
  // WriteTu inside a savepoint of the open batch. When the TU's facts cannot be written
  // (a constraint fails, a value SQLite refuses ...), none of them is kept: the TU is
  // recorded as failed instead, with the reason as a fatal diagnostic, and `*failure` is
  // set to that reason. One fact that cannot be written never fails the run: false only
  // when even the failure record cannot be written (err set; the disk is full, ...).
  [[nodiscard]] bool WriteTuOrRecordFailure(
      const TuRecord& tu, const std::vector<Shard>& shards, const std::vector<SymbolFact>& entities,
      const std::vector<std::pair<std::string, std::string>>& aliases, std::string* failure,
      std::string* err);
  // Writes the facts of `shards` (versions of files indexed from git: a base version a
  // diff needs) with their symbols and aliases, in one transaction, without a TU record:
  // no TU reads them, so they are not current and selection finds them by (path, blob id).
  [[nodiscard]] bool WriteShards(const std::vector<Shard>& shards,
                                 const std::vector<SymbolFact>& entities,
                                 const std::vector<std::pair<std::string, std::string>>& aliases,
                                 std::string* err);
  // Records an index run that changed the index (`parsed` of `tus` TUs) and marks every
  // current shard as used by it (see `tia gc --keep N`).
  [[nodiscard]] bool RecordRun(int tus, int parsed, std::string* err);
  // Deletes the TU records whose key is not in `keep` (TUs gone from the compile database).
  [[nodiscard]] bool DropTusExcept(const std::unordered_set<std::string>& keep, int* dropped,
                                   std::string* err);
  // Counts for the summary.
  [[nodiscard]] bool Totals(WriteTotals* out, std::string* err);

 private:
  [[nodiscard]] bool FileId(const std::string& path, int64_t* id, std::string* err);
  [[nodiscard]] bool SymbolId(const std::string& usr, const SymbolFact* fact, int64_t* id,
                              std::string* err);
  // The symbols the edges name and the aliases of folded specializations.
  [[nodiscard]] bool WriteEntities(const std::vector<SymbolFact>& entities,
                                   const std::vector<std::pair<std::string, std::string>>& aliases,
                                   std::string* err);
  // Writes the facts of one shard (decls, edges, includes, test cases) unless the same facts
  // were written for it in this run.
  [[nodiscard]] bool WriteFacts(int64_t shard_id, const Shard& s, std::string* err);
  [[nodiscard]] bool ShardId(int64_t file_id, const std::string& content_id, bool is_system,
                             int64_t* id, std::string* err);

  Db db_;
  std::optional<Transaction> batch_;  // the open batch (after db_: rolled back before closing)
  std::unordered_map<std::string, int64_t> file_ids_, symbol_ids_;
  // (shard id, hash of its facts) written in this run: identical fact sets are not re-sent.
  std::unordered_set<std::string> written_facts_;
  // Keys added to written_facts_ by the TU being written (forgotten if it rolls back).
  std::vector<std::string> pending_facts_;
  Stmt ins_file_, sel_file_, ins_symbol_, sel_symbol_, ins_shard_, sel_shard_;
  Stmt del_tu_, ins_tu_, ins_input_, ins_diag_, ins_decl_, ins_edge_, ins_include_, ins_test_;
  Stmt ins_alias_;
};

// A TU whose record says it failed (libclang produced no translation unit, or its facts
// could not be stored), with the first fatal or error diagnostic.
struct FailedTu {
  std::string file;  // main source file, absolute
  std::string reason;
};

// Every failed TU, ordered by file.
[[nodiscard]] bool ListFailedTus(Db& db, std::vector<FailedTu>* out, std::string* err);

// A symbol a query string resolved to.
struct SymbolMatch {
  int64_t id = 0;
  std::string usr;
  std::string qualified_name;
  SymbolKind kind = SymbolKind::kOther;
};

// Resolves `query` (USR, qualified name, a qualified-name suffix like "Shape::area", or a
// plain name) to symbols: the first of these that matches anything wins.
[[nodiscard]] bool ResolveSymbol(Db& db, const std::string& query, std::vector<SymbolMatch>* out,
                                 std::string* err);

// One row of `tia callers` / `tia callees`: an edge located at file:line; `other` is the
// symbol at the far end (the caller for callers, the callee for callees).
struct EdgeRow {
  std::string file;  // absolute
  int line = 0;
  EdgeKind kind = EdgeKind::kCall;
  std::string other_qualified_name;  // "<file scope>" when the edge has no enclosing symbol
  std::string other_usr;
};

// Edges into (callers) or out of (callees) the symbols `ids`, in current shards only
// (shards some TU read), sorted by file, line, kind, name and deduplicated.
[[nodiscard]] bool QueryCallers(Db& db, const std::vector<int64_t>& ids, std::vector<EdgeRow>* out,
                                std::string* err);
[[nodiscard]] bool QueryCallees(Db& db, const std::vector<int64_t>& ids, std::vector<EdgeRow>* out,
                                std::string* err);

}  // namespace tia
