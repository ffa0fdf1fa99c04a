// Reads the code graph's facts as plain rows (see tia/store/graph_rows.h).
#include "tia/store/graph_rows.h"

#include "tia/store/db.h"

namespace tia {
namespace {

// Steps `st` to its end, calling `each` per row; false (err: what was read, SQLite's
// message) when a step fails.
template <typename Each>
bool ForEachRow(Db& db, Stmt& st, const char* what, Each each, std::string* err) {
  while (st.Step()) each();
  if (st.failed()) return *err = db.path() + ": reading " + what + ": " + st.ErrMsg(), false;
  return true;
}

}  // namespace

bool ReadCurrentShards(Db& db, const std::function<void(CurrentShardRow&&)>& row,
                       std::string* err) {
  Stmt st;
  if (!db.Prepare(
          "SELECT s.id, f.id, tia_abs(f.path) FROM shards s JOIN files f ON f.id = s.file_id "
          "WHERE s.id IN (SELECT shard_id FROM tu_inputs)",
          &st, err))
    return false;
  return ForEachRow(
      db, st, "current files",
      [&] {
        row({st.Int(0), st.Int(1), st.Text(2)});
      },
      err);
}

bool ReadSymbols(Db& db, const std::function<void(SymbolRow&&)>& row, std::string* err) {
  Stmt st;
  if (!db.Prepare("SELECT id, usr, name, qualified_name, kind FROM symbols", &st, err))
    return false;
  return ForEachRow(
      db, st, "symbols",
      [&] {
        row({st.Int(0), st.Text(1), st.Text(2), st.Text(3), static_cast<SymbolKind>(st.Int(4))});
      },
      err);
}

bool ReadCurrentDecls(Db& db, const std::function<void(const DeclRow&)>& row, std::string* err) {
  Stmt st;
  if (!db.Prepare("SELECT shard_id, symbol_id, is_definition, line_start, line_end FROM decls "
                  "WHERE shard_id IN (SELECT shard_id FROM tu_inputs)",
                  &st, err))
    return false;
  return ForEachRow(
      db, st, "declarations",
      [&] {
        row({st.Int(0), st.Int(1), st.Int(2) != 0, static_cast<int>(st.Int(3)),
             static_cast<int>(st.Int(4))});
      },
      err);
}

bool ReadCurrentEdges(Db& db, const std::function<void(const EdgeRow&)>& row, std::string* err) {
  Stmt st;
  if (!db.Prepare("SELECT shard_id, kind, src_id, dst_id, line FROM edges "
                  "WHERE shard_id IN (SELECT shard_id FROM tu_inputs)",
                  &st, err))
    return false;
  return ForEachRow(
      db, st, "edges",
      [&] {
        row({st.Int(0), static_cast<EdgeKind>(st.Int(1)), st.Int(2), st.Int(3),
             static_cast<int>(st.Int(4))});
      },
      err);
}

bool ReadCurrentTestCases(Db& db, const std::function<void(TestCaseRow&&)>& row, std::string* err) {
  Stmt st;
  if (!db.Prepare("SELECT shard_id, framework, macro, suite, name, line, body_id, fixture_id "
                  "FROM test_cases WHERE shard_id IN (SELECT shard_id FROM tu_inputs) "
                  "ORDER BY suite, name",
                  &st, err))
    return false;
  return ForEachRow(
      db, st, "test cases",
      [&] {
        row({st.Int(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), static_cast<int>(st.Int(5)),
             st.Int(6), st.Int(7)});
      },
      err);
}

bool ReadTuInputs(Db& db, const std::function<void(const TuInputRow&)>& row, std::string* err) {
  Stmt st;
  if (!db.Prepare("SELECT t.id, t.file_id, t.status, i.shard_id FROM tus t "
                  "JOIN tu_inputs i ON i.tu_id = t.id ORDER BY t.id",
                  &st, err))
    return false;
  return ForEachRow(
      db, st, "TU inputs",
      [&] {
        row({st.Int(0), st.Int(1), static_cast<TuStatus>(st.Int(2)), st.Int(3)});
      },
      err);
}

bool ReadShardFacts(Db& db, const std::string& abs_path, const std::string& content_id,
                    ShardFacts* out, std::string* err) {
  *out = ShardFacts();
  Stmt st;
  if (!db.Prepare("SELECT s.id, s.is_system FROM shards s JOIN files f ON f.id = s.file_id "
                  "WHERE f.path = tia_rel(?) AND s.content_id = ?",
                  &st, err))
    return false;
  st.Bind(1, abs_path).Bind(2, content_id);
  int64_t shard = 0;
  if (st.Step()) {
    shard = st.Int(0);
    out->found = true;
    out->is_system = st.Int(1) != 0;
  }
  auto failed = [&](const std::string& part) {
    *err = db.path() + ": reading " + part + " of " + abs_path + ": " + st.ErrMsg();
    *out = ShardFacts();
    return false;
  };
  if (st.failed()) return failed("the shard");
  if (!out->found) return true;
  if (!db.Prepare("SELECT symbol_id, is_definition, line_start, line_end FROM decls "
                  "WHERE shard_id = ?",
                  &st, err))
    return false;
  st.Bind(1, shard);
  while (st.Step())
    out->decls.push_back(
        {st.Int(0), st.Int(1) != 0, static_cast<int>(st.Int(2)), static_cast<int>(st.Int(3))});
  if (st.failed()) return failed("the declarations");
  if (!db.Prepare("SELECT line FROM includes WHERE shard_id = ?", &st, err)) return false;
  st.Bind(1, shard);
  while (st.Step()) out->include_lines.push_back(static_cast<int>(st.Int(0)));
  if (st.failed()) return failed("the #includes");
  if (!db.Prepare("SELECT line, suite, name FROM test_cases WHERE shard_id = ?", &st, err))
    return false;
  st.Bind(1, shard);
  while (st.Step()) out->cases.push_back({static_cast<int>(st.Int(0)), st.Text(1), st.Text(2)});
  if (st.failed()) return failed("the test cases");
  return true;
}

}  // namespace tia
