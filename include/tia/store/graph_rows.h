// The read side of the code graph: the facts of the current index (the shards some TU
// read) as plain rows, for the in-memory graph (tia/graph/code_graph.h), and the facts of
// one file version, for mapping changed lines to declarations.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tia/store/facts.h"

namespace tia {

class Db;

// A current shard and its file.
struct CurrentShardRow {
  int64_t shard_id = 0;
  int64_t file_id = 0;
  std::string path;  // absolute
};

struct SymbolRow {
  int64_t id = 0;
  std::string usr, name, qualified_name;
  SymbolKind kind = SymbolKind::kOther;
};

// A declaration (or definition) of a symbol in a shard.
struct DeclRow {
  int64_t shard_id = 0;
  int64_t symbol_id = 0;
  bool is_definition = false;
  int line_start = 0;
  int line_end = 0;
};

// An edge located in a shard; src_id is 0 for a use at file scope.
struct EdgeRow {
  int64_t shard_id = 0;
  EdgeKind kind = EdgeKind::kCall;
  int64_t src_id = 0;
  int64_t dst_id = 0;
  int line = 0;
};

struct TestCaseRow {
  int64_t shard_id = 0;
  std::string framework, macro, suite, name;
  int line = 0;
  int64_t body_id = 0;     // 0 when the index left it unresolved
  int64_t fixture_id = 0;  // likewise
};

// One input of a TU (a TU has one row per shard it read).
struct TuInputRow {
  int64_t tu_id = 0;
  int64_t main_file_id = 0;
  TuStatus status = TuStatus::kOk;
  int64_t shard_id = 0;
};

// Each reader calls `row` once per row, in the database's order (test cases ordered by
// suite and name, TU inputs by TU), and fails (err: the database and what was read) when
// SQLite does. Rows are handed over one at a time: a graph of millions of edges is never
// held twice.
bool ReadCurrentShards(Db& db, const std::function<void(CurrentShardRow&&)>& row, std::string* err);
bool ReadSymbols(Db& db, const std::function<void(SymbolRow&&)>& row, std::string* err);
bool ReadCurrentDecls(Db& db, const std::function<void(const DeclRow&)>& row, std::string* err);
bool ReadCurrentEdges(Db& db, const std::function<void(const EdgeRow&)>& row, std::string* err);
bool ReadCurrentTestCases(Db& db, const std::function<void(TestCaseRow&&)>& row, std::string* err);
bool ReadTuInputs(Db& db, const std::function<void(const TuInputRow&)>& row, std::string* err);

// What the database knows of one version of one file (its shard).
struct ShardFacts {
  bool found = false;  // a shard of that path and content exists
  bool is_system = false;
  struct Decl {
    int64_t symbol_id = 0;
    bool is_definition = false;
    int line_start = 0;
    int line_end = 0;
  };
  std::vector<Decl> decls;         // in the database's order
  std::vector<int> include_lines;  // line of each #include
  struct Case {
    int line = 0;
    std::string suite, name;
  };
  std::vector<Case> cases;  // the test macros of the file
};

// The shard of `abs_path` at content `content_id` (a git blob id); found is false when
// the database has none. False (err) only when SQLite fails.
bool ReadShardFacts(Db& db, const std::string& abs_path, const std::string& content_id,
                    ShardFacts* out, std::string* err);

}  // namespace tia
