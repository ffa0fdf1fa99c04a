// Indexing file versions from git on demand (see tia/app/versions_from_git.h).
#include "tia/app/versions_from_git.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "tia/buildmodel/compile_db.h"
#include "tia/index/indexer.h"
#include "tia/store/db.h"
#include "tia/store/index_store.h"
#include "tia/util/fs.h"
#include "tia/util/hash.h"

namespace tia::app {
namespace {

std::string Secs(double s) {
  char b[32];
  snprintf(b, sizeof b, "%.2f", s);
  return b;
}

// The contents of every changed file on one side of the diff, by absolute path.
std::map<std::string, std::string> SideContents(const Repo& repo,
                                                const std::vector<FileChange>& changes,
                                                bool old_side) {
  std::map<std::string, std::string> out;
  for (const FileChange& fc : changes) {
    const std::string& path = old_side ? fc.old_path : fc.new_path;
    const std::string& id = old_side ? fc.old_id : fc.new_id;
    if (path.empty() || id.empty() || fc.binary) continue;
    std::string abs = repo.workdir() + "/" + path, e;
    if (auto blob = repo.ReadBlob(id, &e)) {
      out[abs] = std::move(*blob);
      continue;
    }
    // A work-tree version that is in no commit or index: the file itself.
    std::string text;
    if (ReadFile(abs, &text, &e) && GitBlobId(text) == id) out[abs] = std::move(text);
  }
  return out;
}

}  // namespace

bool IndexVersionsFromGit(const std::string& build_dir, const std::string& db_path,
                          const Repo& repo, const CodeGraph& graph,
                          const std::vector<FileChange>& changes,
                          const std::vector<NeededVersion>& missing, std::ostream* verbose,
                          VersionsFromGitStats* stats, std::string* err) {
  KeepWorkingDirectory keep_cwd;
  auto t0 = std::chrono::steady_clock::now();
  *stats = VersionsFromGitStats();
  stats->wanted = static_cast<int>(missing.size());
  if (missing.empty()) return true;
  std::vector<CompileCommand> cmds;
  if (!LoadCompileDb(build_dir + "/compile_commands.json", &cmds, err)) return false;
  std::unordered_map<std::string, size_t> cmd_by_file;
  for (size_t i = 0; i < cmds.size(); ++i) cmd_by_file.emplace(cmds[i].file, i);
  // Current TUs that read each file (graph file index -> compile command indexes).
  std::unordered_map<uint32_t, std::vector<size_t>> readers;
  std::unordered_map<size_t, size_t> inputs_of;  // command -> number of files it reads
  for (const GraphTu& tu : graph.tus()) {
    auto c = cmd_by_file.find(graph.files()[tu.main_file]);
    if (c == cmd_by_file.end()) continue;
    inputs_of[c->second] = tu.inputs.size();
    for (uint32_t f : tu.inputs) readers[f].push_back(c->second);
  }
  auto candidates = [&](const NeededVersion& v) {
    std::set<size_t> out;
    for (const std::string* p : {&v.version.path, &v.current}) {
      if (auto c = cmd_by_file.find(*p); c != cmd_by_file.end()) out.insert(c->second);
      int f = graph.FileIndex(*p);
      if (f < 0) continue;
      if (auto r = readers.find(static_cast<uint32_t>(f)); r != readers.end())
        out.insert(r->second.begin(), r->second.end());
    }
    return out;
  };

  WriterLock lock;
  if (!lock.Acquire(db_path, nullptr, err)) return false;
  IndexWriter writer;
  if (!writer.Open(db_path, err)) return false;
  writer.db().SetRoots({repo.workdir(), build_dir});
  IndexerOptions iopts;
  iopts.resource_dir = FindResourceDir();
  TuIndexer indexer(iopts);

  for (bool old_side : {true, false}) {
    std::vector<const NeededVersion*> todo;
    for (const NeededVersion& v : missing)
      if (v.old_side == old_side) todo.push_back(&v);
    if (todo.empty()) continue;
    std::map<std::string, std::string> contents = SideContents(repo, changes, old_side);
    std::vector<UnsavedFile> unsaved;
    for (const auto& [path, text] : contents) unsaved.push_back({path, text});
    while (!todo.empty()) {
      // The TU that reads the most of what is left; among equals the one reading fewest
      // files (the cheapest parse), then the first in the compile database.
      std::map<size_t, int> covers;
      for (const NeededVersion* v : todo)
        for (size_t c : candidates(*v)) ++covers[c];
      if (covers.empty()) break;
      size_t best = covers.begin()->first;
      for (const auto& [c, n] : covers) {
        int bn = covers[best];
        if (n > bn || (n == bn && inputs_of[c] < inputs_of[best])) best = c;
      }
      IndexedTu tu = indexer.Index(cmds[best], unsaved);
      ++stats->parses;
      std::set<FileVersion> wanted;
      for (const NeededVersion* v : todo)
        if (candidates(*v).count(best)) wanted.insert(v->version);
      std::vector<Shard> shards;
      for (Shard& s : tu.shards)
        if (!s.is_system && wanted.count({s.path, s.content_id})) shards.push_back(std::move(s));
      std::set<FileVersion> got;
      for (const Shard& s : shards) got.insert({s.path, s.content_id});
      if (!shards.empty() && !writer.WriteShards(shards, tu.entities, tu.aliases, err)) {
        *err = db_path + ": cannot write index: " + *err;
        return false;
      }
      stats->indexed += static_cast<int>(got.size());
      if (verbose) {
        for (const NeededVersion* v : todo) {
          if (!wanted.count(v->version)) continue;
          *verbose << "tia: " << (old_side ? "base" : "head") << " version of " << v->rel << " ("
                   << v->version.content_id.substr(0, 12) << ") "
                   << (got.count(v->version) ? "indexed from git" : "not read") << " by parsing "
                   << RelativeTo(cmds[best].file, repo.workdir()) << " in " << Secs(tu.seconds)
                   << " s" << (tu.record.status == TuStatus::kFailed ? " (the parse failed)" : "")
                   << "\n";
        }
      }
      // Versions the parse did not produce (the TU did not read them) are not tried again.
      std::erase_if(todo, [&](const NeededVersion* v) { return wanted.count(v->version) > 0; });
    }
  }
  stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return true;
}

}  // namespace tia::app
