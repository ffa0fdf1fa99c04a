// Writes indexed TUs into the database (one writer thread, prepared statements, one
// transaction per batch) and answers the callers/callees queries (tia/store/index_store.h).
#include <algorithm>
#include <tuple>

#include <nlohmann/json.hpp>

#include "tia/store/index_store.h"
#include "tia/util/hash.h"
#include "tia/util/strings.h"

namespace tia {

bool IndexWriter::Open(const std::string& db_path, std::string* err) {
  if (!db_.Open(db_path, /*create=*/true, err)) return false;
  struct P {
    Stmt* st;
    const char* sql;
  };
  const P prepared[] = {
      {&ins_file_, "INSERT OR IGNORE INTO files(path) VALUES(tia_rel(?))"},
      {&sel_file_, "SELECT id FROM files WHERE path=tia_rel(?)"},
      {&ins_symbol_,
       "INSERT INTO symbols(usr,name,qualified_name,kind) VALUES(?,?,?,?) ON CONFLICT(usr) DO "
       "UPDATE SET name=excluded.name, qualified_name=excluded.qualified_name, "
       "kind=excluded.kind WHERE symbols.name='' AND excluded.name!=''"},
      {&sel_symbol_, "SELECT id FROM symbols WHERE usr=?"},
      {&ins_shard_, "INSERT OR IGNORE INTO shards(file_id,content_id,is_system) VALUES(?,?,?)"},
      {&sel_shard_, "SELECT id FROM shards WHERE file_id=? AND content_id=?"},
      {&del_tu_, "DELETE FROM tus WHERE key=?"},
      {&ins_tu_,
       "INSERT INTO tus(key,file_id,directory,arguments,command_hash,status,indexed_at,parse_us) "
       "VALUES(?,?,?,?,?,?,strftime('%s','now'),?)"},
      {&ins_input_, "INSERT OR IGNORE INTO tu_inputs(tu_id,shard_id) VALUES(?,?)"},
      {&ins_diag_,
       "INSERT INTO diagnostics(tu_id,severity,file,line,col,message) VALUES(?,?,?,?,?,?)"},
      {&ins_decl_,
       "INSERT OR IGNORE INTO decls(shard_id,symbol_id,is_definition,line_start,col,line_end) "
       "VALUES(?,?,?,?,?,?)"},
      {&ins_edge_,
       "INSERT OR IGNORE INTO edges(shard_id,kind,src_id,dst_id,line,col) VALUES(?,?,?,?,?,?)"},
      {&ins_include_,
       "INSERT OR IGNORE INTO includes(shard_id,line,spelled,target_file_id) VALUES(?,?,?,?)"},
      {&ins_alias_, "INSERT OR IGNORE INTO symbol_aliases(usr,symbol_id) VALUES(?,?)"},
      {&ins_test_,
       "INSERT OR IGNORE INTO test_cases(shard_id,framework,macro,suite,name,line,body_id,"
       "fixture_id) VALUES(?,?,?,?,?,?,?,?)"},
  };
  for (const P& p : prepared)
    if (!db_.Prepare(p.sql, p.st, err)) return false;
  return true;
}

bool IndexWriter::LoadTus(std::vector<StoredTu>* out, std::string* err) {
  out->clear();
  Stmt st;
  if (!db_.Prepare(
          "SELECT t.id, t.key, tia_abs(f.path), t.command_hash, t.status, "
          "EXISTS(SELECT 1 FROM diagnostics d WHERE d.tu_id=t.id AND d.severity>=4), t.parse_us "
          "FROM tus t JOIN files f ON f.id=t.file_id ORDER BY t.id",
          &st, err))
    return false;
  std::unordered_map<int64_t, size_t> pos;
  while (st.Step()) {
    StoredTu t;
    t.id = st.Int(0);
    t.key = st.Text(1);
    t.file = st.Text(2);
    t.command_hash = st.Text(3);
    t.status = static_cast<TuStatus>(st.Int(4));
    t.has_fatal = st.Int(5) != 0;
    t.parse_us = st.Int(6);
    pos[t.id] = out->size();
    out->push_back(std::move(t));
  }
  if (st.failed()) return *err = st.ErrMsg(), false;
  Stmt in;
  if (!db_.Prepare("SELECT i.tu_id, tia_abs(f.path), s.content_id FROM tu_inputs i "
                   "JOIN shards s ON s.id=i.shard_id JOIN files f ON f.id=s.file_id",
                   &in, err))
    return false;
  while (in.Step()) {
    auto it = pos.find(in.Int(0));
    if (it != pos.end()) (*out)[it->second].inputs.emplace_back(in.Text(1), in.Text(2));
  }
  if (in.failed()) return *err = in.ErrMsg(), false;
  return true;
}

bool IndexWriter::LoadStamps(std::unordered_map<std::string, StampRow>* out, std::string* err) {
  Stmt st;
  if (!db_.Prepare(
          "SELECT tia_abs(f.path), s.mtime_ns, s.size, s.inode, s.content_id FROM file_stamps s "
          "JOIN files f ON f.id=s.file_id",
          &st, err))
    return false;
  while (st.Step()) {
    StampRow r;
    r.stamp.mtime_ns = st.Int(1);
    r.stamp.size = st.Int(2);
    r.stamp.inode = st.Int(3);
    r.content_id = st.Text(4);
    (*out)[st.Text(0)] = std::move(r);
  }
  if (st.failed()) return *err = st.ErrMsg(), false;
  return true;
}

bool IndexWriter::SaveStamps(const std::vector<std::pair<std::string, StampRow>>& rows,
                             std::string* err) {
  if (rows.empty()) return true;
  Stmt st;
  if (!db_.Prepare("INSERT INTO file_stamps(file_id,mtime_ns,size,inode,content_id) "
                   "VALUES(?,?,?,?,?) ON CONFLICT(file_id) DO UPDATE SET "
                   "mtime_ns=excluded.mtime_ns, size=excluded.size, inode=excluded.inode, "
                   "content_id=excluded.content_id",
                   &st, err))
    return false;
  Transaction tx(&db_);
  if (!tx.Begin(err)) return false;
  for (const auto& [path, r] : rows) {
    int64_t fid;
    if (!FileId(path, &fid, err)) return false;
    st.Bind(1, fid).Bind(2, r.stamp.mtime_ns).Bind(3, r.stamp.size).Bind(4, r.stamp.inode);
    st.Bind(5, r.content_id);
    if (!st.Run(err)) return false;
  }
  return tx.Commit(err);
}

bool IndexWriter::Begin(std::string* err) {
  batch_.emplace(&db_);
  if (batch_->Begin(err)) return true;
  batch_.reset();
  return false;
}

bool IndexWriter::Commit(std::string* err) {
  if (!batch_) return *err = "no batch transaction is open", false;
  if (!db_.BumpGeneration(err) || !batch_->Commit(err)) return false;
  batch_.reset();
  return true;
}

bool IndexWriter::FileId(const std::string& path, int64_t* id, std::string* err) {
  auto it = file_ids_.find(path);
  if (it != file_ids_.end()) return *id = it->second, true;
  ins_file_.Bind(1, path);
  if (!ins_file_.Run(err)) return false;
  sel_file_.Bind(1, path);
  if (!sel_file_.Step()) {
    *err = "cannot intern file " + path + ": " + sel_file_.ErrMsg();
    sel_file_.Reset();
    return false;
  }
  *id = sel_file_.Int(0);
  sel_file_.Reset();
  file_ids_[path] = *id;
  return true;
}

bool IndexWriter::SymbolId(const std::string& usr, const SymbolFact* fact, int64_t* id,
                           std::string* err) {
  if (usr.empty()) return *id = 0, true;
  auto it = symbol_ids_.find(usr);
  if (it != symbol_ids_.end() && (fact == nullptr || it->second > 0)) {
    *id = it->second;
    return true;
  }
  ins_symbol_.Bind(1, usr);
  ins_symbol_.Bind(2, fact ? std::string_view(fact->name) : std::string_view());
  ins_symbol_.Bind(3, fact ? std::string_view(fact->qualified_name) : std::string_view());
  ins_symbol_.Bind(4, static_cast<int>(fact ? fact->kind : SymbolKind::kOther));
  if (!ins_symbol_.Run(err)) return false;
  sel_symbol_.Bind(1, usr);
  if (!sel_symbol_.Step()) {
    *err = "cannot intern symbol " + usr + ": " + sel_symbol_.ErrMsg();
    sel_symbol_.Reset();
    return false;
  }
  *id = sel_symbol_.Int(0);
  sel_symbol_.Reset();
  // Cache only symbols that have a name, so a later fact can still fill in a bare row.
  if (fact && !fact->name.empty()) symbol_ids_[usr] = *id;
  return true;
}

bool IndexWriter::ShardId(int64_t file_id, const std::string& content_id, bool is_system,
                          int64_t* id, std::string* err) {
  ins_shard_.Bind(1, file_id).Bind(2, content_id).Bind(3, is_system ? 1 : 0);
  if (!ins_shard_.Run(err)) return false;
  sel_shard_.Bind(1, file_id).Bind(2, content_id);
  if (!sel_shard_.Step()) {
    *err = "cannot create shard: " + sel_shard_.ErrMsg();
    sel_shard_.Reset();
    return false;
  }
  *id = sel_shard_.Int(0);
  sel_shard_.Reset();
  return true;
}

namespace {

// A digest of a shard's facts, so a header's identical facts from the next TU are skipped.
std::string FactsDigest(const Shard& s) {
  std::string buf;
  buf.reserve(64 * (s.symbols.size() + s.edges.size()));
  auto add = [&](std::string_view v) {
    buf.append(v);
    buf.push_back('\0');
  };
  for (const auto& f : s.symbols)
    add(f.usr + ' ' + std::to_string(f.is_definition) + ' ' + std::to_string(f.line_start) + ' ' +
        std::to_string(f.col) + ' ' + std::to_string(f.line_end));
  for (const auto& e : s.edges)
    add(e.src_usr + ' ' + e.dst_usr + ' ' + std::to_string(static_cast<int>(e.kind)) + ' ' +
        std::to_string(e.line) + ' ' + std::to_string(e.col));
  for (const auto& i : s.includes) add(std::to_string(i.line) + i.spelled + i.target_path);
  for (const auto& t : s.tests) add(t.macro + t.suite + t.name + t.body_usr + t.fixture_usr);
  return Hash128Hex(buf);
}

// The arguments as a JSON array, as in the compile database (bytes that are not UTF-8,
// which a compile database cannot hold, become U+FFFD instead of an exception).
std::string ArgumentsJson(const std::vector<std::string>& args) {
  return nlohmann::json(args).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

bool IndexWriter::WriteTu(const TuRecord& tu, const std::vector<Shard>& shards,
                          const std::vector<SymbolFact>& entities, std::string* err,
                          const std::vector<std::pair<std::string, std::string>>& aliases) {
  int64_t main_file;
  if (!FileId(tu.file, &main_file, err)) return false;
  del_tu_.Bind(1, tu.key);
  if (!del_tu_.Run(err)) return false;
  ins_tu_.Bind(1, tu.key).Bind(2, main_file).Bind(3, tu.directory);
  ins_tu_.Bind(4, ArgumentsJson(tu.arguments)).Bind(5, tu.command_hash);
  ins_tu_.Bind(6, static_cast<int>(tu.status)).Bind(7, tu.parse_us);
  if (!ins_tu_.Run(err)) return false;
  int64_t tu_id = db_.LastInsertId();
  for (const Diagnostic& d : tu.diagnostics) {
    ins_diag_.Bind(1, tu_id).Bind(2, d.severity).Bind(3, d.file).Bind(4, d.line);
    ins_diag_.Bind(5, d.col).Bind(6, d.message);
    if (!ins_diag_.Run(err)) return false;
  }
  if (!WriteEntities(entities, aliases, err)) return false;
  // Inputs the indexer did not produce a shard for (e.g. a failed parse) still count.
  std::unordered_set<std::string> sharded;
  for (const Shard& s : shards) sharded.insert(s.path);
  auto add_input = [&](const std::string& path, const std::string& cid, bool sys,
                       int64_t* shard_id) -> bool {
    int64_t fid;
    if (!FileId(path, &fid, err) || !ShardId(fid, cid, sys, shard_id, err)) return false;
    ins_input_.Bind(1, tu_id).Bind(2, *shard_id);
    return ins_input_.Run(err);
  };
  for (const auto& [path, cid] : tu.inputs) {
    if (sharded.count(path)) continue;
    int64_t sid;
    if (!add_input(path, cid, false, &sid)) return false;
  }
  for (const Shard& s : shards) {
    int64_t sid;
    if (!add_input(s.path, s.content_id, s.is_system, &sid)) return false;
    if (s.is_system) continue;
    if (!WriteFacts(sid, s, err)) return false;
  }
  return true;
}

bool IndexWriter::WriteEntities(const std::vector<SymbolFact>& entities,
                                const std::vector<std::pair<std::string, std::string>>& aliases,
                                std::string* err) {
  for (const SymbolFact& e : entities) {
    int64_t id;
    if (!SymbolId(e.usr, &e, &id, err)) return false;
  }
  for (const auto& [alias, usr] : aliases) {
    int64_t id;
    if (!SymbolId(usr, nullptr, &id, err)) return false;
    ins_alias_.Bind(1, alias).Bind(2, id);
    if (!ins_alias_.Run(err)) return false;
  }
  return true;
}

bool IndexWriter::WriteFacts(int64_t sid, const Shard& s, std::string* err) {
  std::string facts_key = std::to_string(sid) + ":" + FactsDigest(s);
  if (!written_facts_.insert(facts_key).second) return true;
  pending_facts_.push_back(std::move(facts_key));
  for (const SymbolFact& f : s.symbols) {
    int64_t sym;
    if (!SymbolId(f.usr, &f, &sym, err)) return false;
    ins_decl_.Bind(1, sid).Bind(2, sym).Bind(3, f.is_definition ? 1 : 0);
    ins_decl_.Bind(4, f.line_start).Bind(5, f.col).Bind(6, f.line_end);
    if (!ins_decl_.Run(err)) return false;
  }
  for (const EdgeFact& e : s.edges) {
    int64_t src, dst;
    if (!SymbolId(e.src_usr, nullptr, &src, err) || !SymbolId(e.dst_usr, nullptr, &dst, err))
      return false;
    ins_edge_.Bind(1, sid).Bind(2, static_cast<int>(e.kind)).Bind(3, src).Bind(4, dst);
    ins_edge_.Bind(5, e.line).Bind(6, e.col);
    if (!ins_edge_.Run(err)) return false;
  }
  for (const IncludeFact& i : s.includes) {
    int64_t target = 0;
    if (!i.target_path.empty() && !FileId(i.target_path, &target, err)) return false;
    ins_include_.Bind(1, sid).Bind(2, i.line).Bind(3, i.spelled).Bind(4, target);
    if (!ins_include_.Run(err)) return false;
  }
  for (const TestCaseFact& t : s.tests) {
    int64_t body, fixture;
    if (!SymbolId(t.body_usr, nullptr, &body, err) ||
        !SymbolId(t.fixture_usr, nullptr, &fixture, err))
      return false;
    ins_test_.Bind(1, sid).Bind(2, t.framework).Bind(3, t.macro).Bind(4, t.suite);
    ins_test_.Bind(5, t.name).Bind(6, t.line).Bind(7, body).Bind(8, fixture);
    if (!ins_test_.Run(err)) return false;
  }
  return true;
}

bool IndexWriter::WriteShards(const std::vector<Shard>& shards,
                              const std::vector<SymbolFact>& entities,
                              const std::vector<std::pair<std::string, std::string>>& aliases,
                              std::string* err) {
  Transaction tx(&db_);
  if (!tx.Begin(err)) return false;
  if (!WriteEntities(entities, aliases, err)) return false;
  Stmt mark;
  if (!db_.Prepare("UPDATE shards SET used_run=(SELECT coalesce(max(id),0) FROM index_runs) "
                   "WHERE id=?",
                   &mark, err))
    return false;
  for (const Shard& s : shards) {
    if (s.is_system) continue;
    int64_t fid, sid;
    if (!FileId(s.path, &fid, err) || !ShardId(fid, s.content_id, false, &sid, err)) return false;
    if (!WriteFacts(sid, s, err)) return false;
    mark.Bind(1, sid);
    if (!mark.Run(err)) return false;
  }
  pending_facts_.clear();
  if (!db_.BumpGeneration(err)) return false;
  return tx.Commit(err);
}

bool IndexWriter::RecordRun(int tus, int parsed, std::string* err) {
  Transaction tx(&db_);
  if (!tx.Begin(err)) return false;
  Stmt ins;
  if (!db_.Prepare("INSERT INTO index_runs(finished,tus,parsed) VALUES(strftime('%s','now'),?,?)",
                   &ins, err))
    return false;
  ins.Bind(1, tus).Bind(2, parsed);
  if (!ins.Run(err)) return false;
  int64_t run = db_.LastInsertId();
  Stmt mark;
  if (!db_.Prepare("UPDATE shards SET used_run=? WHERE id IN (SELECT shard_id FROM tu_inputs)",
                   &mark, err))
    return false;
  mark.Bind(1, run);
  if (!mark.Run(err)) return false;
  return tx.Commit(err);
}

bool IndexWriter::WriteTuOrRecordFailure(
    const TuRecord& tu, const std::vector<Shard>& shards, const std::vector<SymbolFact>& entities,
    const std::vector<std::pair<std::string, std::string>>& aliases, std::string* failure,
    std::string* err) {
  failure->clear();
  pending_facts_.clear();
  if (!db_.Exec("SAVEPOINT tia_tu", err)) return false;
  std::string why;
  if (WriteTu(tu, shards, entities, &why, aliases)) {
    pending_facts_.clear();
    return db_.Exec("RELEASE tia_tu", err);
  }
  if (!db_.Exec("ROLLBACK TO tia_tu", err)) return false;
  // Ids cached since the savepoint may name rows that no longer exist.
  file_ids_.clear();
  symbol_ids_.clear();
  for (const std::string& k : pending_facts_) written_facts_.erase(k);
  pending_facts_.clear();
  *failure = "tia could not store the facts of this TU: " + why;
  TuRecord failed;
  failed.key = tu.key;
  failed.file = tu.file;
  failed.directory = tu.directory;
  failed.arguments = tu.arguments;
  failed.command_hash = tu.command_hash;
  failed.status = TuStatus::kFailed;
  Diagnostic d;
  d.severity = 4;  // fatal: the TU is retried by the next run
  d.file = tu.file;
  d.message = *failure;
  failed.diagnostics.push_back(std::move(d));
  for (const Diagnostic& x : tu.diagnostics) failed.diagnostics.push_back(x);
  for (const auto& in : tu.inputs)
    if (in.first == tu.file) failed.inputs.push_back(in);
  std::string e;
  if (!WriteTu(failed, {}, {}, &e)) {
    *err = "cannot record " + tu.file + " as failed (" + e + ") after: " + why;
    return false;
  }
  return db_.Exec("RELEASE tia_tu", err);
}

bool IndexWriter::DropTusExcept(const std::unordered_set<std::string>& keep, int* dropped,
                                std::string* err) {
  *dropped = 0;
  std::vector<std::string> gone;
  {
    Stmt st;
    if (!db_.Prepare("SELECT key FROM tus", &st, err)) return false;
    while (st.Step())
      if (!keep.count(st.Text(0))) gone.push_back(st.Text(0));
    if (st.failed()) return *err = st.ErrMsg(), false;
  }
  if (gone.empty()) return true;
  Transaction tx(&db_);
  if (!tx.Begin(err)) return false;
  for (const auto& k : gone) {
    del_tu_.Bind(1, k);
    if (!del_tu_.Run(err)) return false;
  }
  *dropped = static_cast<int>(gone.size());
  if (!db_.BumpGeneration(err)) return false;
  return tx.Commit(err);
}

bool IndexWriter::Totals(WriteTotals* out, std::string* err) {
  const char* sql[] = {
      ("SELECT count(DISTINCT s.file_id) FROM shards s WHERE s.is_system=0 AND s.id IN "
       "(SELECT shard_id FROM tu_inputs)"),
      "SELECT count(*) FROM symbols",
      "SELECT count(*) FROM edges WHERE shard_id IN (SELECT shard_id FROM tu_inputs)"};
  int64_t* dst[] = {&out->files, &out->symbols, &out->edges};
  for (int i = 0; i < 3; ++i) {
    Stmt st;
    if (!db_.Prepare(sql[i], &st, err)) return false;
    if (!st.Step()) return *err = st.ErrMsg(), false;
    *dst[i] = st.Int(0);
  }
  return true;
}

bool ListFailedTus(Db& db, std::vector<FailedTu>* out, std::string* err) {
  out->clear();
  Stmt st;
  if (!db.Prepare(
          "SELECT tia_abs(f.path), COALESCE((SELECT d.message FROM diagnostics d WHERE "
          "d.tu_id=t.id ORDER BY d.severity DESC, d.rowid LIMIT 1), '') "
          "FROM tus t JOIN files f ON f.id=t.file_id WHERE t.status=2 ORDER BY tia_abs(f.path)",
          &st, err))
    return false;
  while (st.Step()) out->push_back({st.Text(0), st.Text(1)});
  if (st.failed()) return *err = st.ErrMsg(), false;
  return true;
}

bool ResolveSymbol(Db& db, const std::string& query, std::vector<SymbolMatch>* out,
                   std::string* err) {
  out->clear();
  const char* sqls[] = {
      "SELECT id, usr, qualified_name, kind FROM symbols WHERE usr=?1",
      "SELECT id, usr, qualified_name, kind FROM symbols WHERE id IN (SELECT symbol_id FROM "
      "symbol_aliases WHERE usr=?1)",
      "SELECT id, usr, qualified_name, kind FROM symbols WHERE qualified_name=?1",
      ("SELECT id, usr, qualified_name, kind FROM symbols WHERE qualified_name=?1 OR "
       "(length(qualified_name)>length(?1)+2 AND substr(qualified_name,-length(?1)-2)='::'||?1)"),
      "SELECT id, usr, qualified_name, kind FROM symbols WHERE name=?1",
  };
  for (const char* sql : sqls) {
    Stmt st;
    if (!db.Prepare(std::string(sql) + " ORDER BY qualified_name, usr", &st, err)) return false;
    st.Bind(1, query);
    while (st.Step())
      out->push_back({st.Int(0), st.Text(1), st.Text(2), static_cast<SymbolKind>(st.Int(3))});
    if (st.failed()) return *err = st.ErrMsg(), false;
    if (!out->empty()) return true;
  }
  // "Formatter<Ctx>::operator()": a specialization's members are indexed under the
  // pattern's names.
  std::string bare = StripTemplateArgs(query);
  if (bare != query && !bare.empty()) return ResolveSymbol(db, bare, out, err);
  return true;
}

namespace {

bool QueryEdges(Db& db, const std::vector<int64_t>& ids, bool callers, std::vector<EdgeRow>* out,
                std::string* err) {
  out->clear();
  std::string sql = std::string(
                        "SELECT tia_abs(f.path), e.line, e.kind, COALESCE(s.qualified_name,''), "
                        "COALESCE(s.usr,'') FROM edges e JOIN shards sh ON sh.id=e.shard_id "
                        "JOIN files f ON f.id=sh.file_id LEFT JOIN symbols s ON s.id=") +
                    (callers ? "e.src_id WHERE e.dst_id=?" : "e.dst_id WHERE e.src_id=?") +
                    " AND e.shard_id IN (SELECT shard_id FROM tu_inputs)";
  Stmt st;
  if (!db.Prepare(sql, &st, err)) return false;
  for (int64_t id : ids) {
    st.Bind(1, id);
    while (st.Step()) {
      EdgeRow r;
      r.file = st.Text(0);
      r.line = static_cast<int>(st.Int(1));
      r.kind = static_cast<EdgeKind>(st.Int(2));
      r.other_qualified_name = st.Text(3);
      r.other_usr = st.Text(4);
      if (r.other_usr.empty()) r.other_qualified_name = "<file scope>";
      out->push_back(std::move(r));
    }
    if (st.failed()) return *err = st.ErrMsg(), false;
    st.Reset();
  }
  // Rows that print the same (e.g. a class template's member and its instantiation's) are
  // one row.
  auto key = [](const EdgeRow& r) {
    return std::tie(r.file, r.line, r.kind, r.other_qualified_name);
  };
  std::sort(out->begin(), out->end(),
            [&](const EdgeRow& a, const EdgeRow& b) { return key(a) < key(b); });
  out->erase(std::unique(out->begin(), out->end(),
                         [&](const EdgeRow& a, const EdgeRow& b) { return key(a) == key(b); }),
             out->end());
  return true;
}

}  // namespace

bool QueryCallers(Db& db, const std::vector<int64_t>& ids, std::vector<EdgeRow>* out,
                  std::string* err) {
  // Templates that call a function of this name through a template parameter
  // (dependent-call edges to the name's symbol) are callers too.
  std::vector<int64_t> all = ids;
  Stmt st;
  if (!db.Prepare("SELECT n.id FROM symbols s JOIN symbols n ON n.usr=(CASE s.kind WHEN 1 "
                  "THEN 'tia:name@' ELSE 'tia:member@' END)||s.name "
                  "WHERE s.id=? AND s.kind IN (1,2,3,4,15,16)",
                  &st, err))
    return false;
  for (int64_t id : ids) {
    st.Bind(1, id);
    while (st.Step()) all.push_back(st.Int(0));
    if (st.failed()) return *err = st.ErrMsg(), false;
    st.Reset();
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return QueryEdges(db, all, true, out, err);
}

bool QueryCallees(Db& db, const std::vector<int64_t>& ids, std::vector<EdgeRow>* out,
                  std::string* err) {
  return QueryEdges(db, ids, false, out, err);
}

}  // namespace tia
