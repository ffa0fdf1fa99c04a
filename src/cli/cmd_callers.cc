// `tia callers SYMBOL` and `tia callees SYMBOL`: the edges into / out of a symbol.
#include <iostream>

#include "command.h"
#include "tia/store/index_store.h"
#include "tia/util/fs.h"

namespace tia::cli {
namespace {

struct EdgeQueryOptions {
  std::string build_dir = "build";
  std::string db;
  std::string symbol;
};

int RunEdgeQuery(const EdgeQueryOptions& o, bool callers) {
  std::string path = o.db.empty() ? o.build_dir + "/tia.db" : o.db;
  Db db;
  std::string err;
  if (!db.Open(path, /*create=*/false, &err)) return Fail(err);
  std::vector<SymbolMatch> matches;
  if (!ResolveSymbol(db, o.symbol, &matches, &err)) return Fail(path + ": " + err);
  if (matches.empty()) return Fail("no symbol named '" + o.symbol + "' in the index " + path);
  if (matches.size() > 1) {
    std::cerr << "tia: '" << o.symbol << "' matches " << matches.size()
              << " symbols; showing all (pass a USR to pick one):\n";
    for (const auto& m : matches)
      std::cerr << "  " << m.qualified_name << " (" << SymbolKindName(m.kind) << ") " << m.usr
                << "\n";
  }
  std::vector<int64_t> ids;
  for (const auto& m : matches) ids.push_back(m.id);
  std::vector<EdgeRow> rows;
  if (!(callers ? QueryCallers(db, ids, &rows, &err) : QueryCallees(db, ids, &rows, &err)))
    return Fail(path + ": " + err);
  std::string root = db.GetMeta("source_root").value_or("");
  for (const EdgeRow& r : rows)
    std::cout << (root.empty() ? r.file : RelativeTo(r.file, root)) << ":" << r.line << " "
              << EdgeKindName(r.kind) << " " << r.other_qualified_name << "\n";
  return kExitOk;
}

void AddCommand(CLI::App& app, const char* name, const char* help,
                std::shared_ptr<EdgeQueryOptions> opts) {
  auto* cmd = app.add_subcommand(name, help);
  cmd->add_option("SYMBOL", opts->symbol, "Name, qualified name or USR")->required();
  cmd->add_option("-p,--build-dir", opts->build_dir, "Build directory (default: build)");
  cmd->add_option("--db", opts->db, "Database path (default: BUILD/tia.db)");
}

Command callers(20, [](CLI::App& app) -> Command::Runner {
  auto opts = std::make_shared<EdgeQueryOptions>();
  AddCommand(app, "callers",
             "Where SYMBOL is used: calls, references, overrides, type uses, expansions", opts);
  return [opts] { return RunEdgeQuery(*opts, true); };
});

Command callees(21, [](CLI::App& app) -> Command::Runner {
  auto opts = std::make_shared<EdgeQueryOptions>();
  AddCommand(app, "callees", "What SYMBOL uses: calls, references, overrides, type uses", opts);
  return [opts] { return RunEdgeQuery(*opts, false); };
});

}  // namespace
}  // namespace tia::cli
