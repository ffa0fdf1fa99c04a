// Loads what a selection needs (see tia/select/session.h).
#include "tia/select/session.h"

#include <filesystem>

#include "tia/util/fs.h"
#include "tia/util/strings.h"

namespace tia {

bool SessionPaths(const SessionOptions& opts, std::string* build_dir, std::string* db_path,
                  std::string* err) {
  *build_dir = NormalizePath(opts.build_dir, std::filesystem::current_path().string());
  *db_path = opts.db_path.empty() ? *build_dir + "/tia.db" : opts.db_path;
  if (!StatFile(*build_dir + "/CMakeCache.txt")) {
    *err = *build_dir + ": not a CMake build directory (no CMakeCache.txt); pass -p BUILD";
    return false;
  }
  return true;
}

bool Session::Open(const SessionOptions& opts, std::string* err) {
  std::string build_dir, db_path;
  if (!SessionPaths(opts, &build_dir, &db_path, err)) return false;
  if (!db_.Open(db_path, /*create=*/false, err)) return false;
  if (!LoadFileApi(build_dir, &build_, err)) return false;
  if (!LoadCTestTests(build_dir, &build_, err)) return false;
  if (opts.need_repo) {
    repo_ = Repo::Open(build_.source_dir, err);
    if (!repo_) return false;
  }
  // Paths in the database are relative to the source root and the build directory: read
  // them as this checkout's.
  PathRoots roots = db_.roots();
  if (repo_) roots.source = repo_->workdir();
  roots.build = build_dir;
  db_.SetRoots(roots);
  graph_ = std::make_unique<CodeGraph>();
  if (!graph_->LoadCached(db_, err)) {
    *err = db_path + ": " + *err;
    return false;
  }
  tests_.Build(build_, *graph_);
  if (repo_ && !LoadProjectConfig(repo_->workdir(), &config_, err)) return false;
  if (opts.coverage) {
    if (!LoadCoverage(db_, &stored_coverage_, err)) return false;
    coverage_ = CoverageIndex::Build(stored_coverage_, *graph_);
  }
  return true;
}

bool Session::ReloadTests(std::string* err) {
  if (!LoadCTestTests(build_.build_dir, &build_, err)) return false;
  tests_ = TestModel();
  tests_.Build(build_, *graph_);
  return true;
}

bool Session::ReloadGraph(std::string* err) {
  auto graph = std::make_unique<CodeGraph>();
  if (!graph->LoadCached(db_, err)) {
    *err = db_.path() + ": " + *err;
    return false;
  }
  graph_ = std::move(graph);
  tests_ = TestModel();
  tests_.Build(build_, *graph_);
  coverage_ = CoverageIndex::Build(stored_coverage_, *graph_);
  return true;
}

SelectContext Session::context() const {
  SelectContext ctx;
  ctx.db = const_cast<Db*>(&db_);
  ctx.repo = repo_ ? &*repo_ : nullptr;
  ctx.build = &build_;
  ctx.graph = graph_.get();
  ctx.tests = &tests_;
  ctx.config = &config_;
  ctx.coverage = &coverage_;
  return ctx;
}

bool Session::Diff(const std::string& base_rev, const std::string& head_rev, Selection* sel,
                   std::vector<FileChange>* changes, std::string* err) {
  std::string base;
  if (base_rev.empty()) {
    auto b = repo_->DefaultBase(&sel->base_explanation, err);
    if (!b) return false;
    base = *b;
  } else {
    auto b = repo_->ResolveCommit(base_rev, err);
    if (!b) return false;
    base = *b;
  }
  std::string head;
  if (!head_rev.empty()) {
    auto h = repo_->ResolveCommit(head_rev, err);
    if (!h) return false;
    head = *h;
  }
  sel->base = base;
  sel->head = head.empty() ? "WORKTREE" : head;
  if (!repo_->Diff(base, head, changes, err)) return false;
  // The build tree may live inside the work tree without being ignored: its files are
  // outputs, never inputs of a change.
  std::string build_rel = RelativeTo(build_.build_dir, repo_->workdir());
  if (build_rel != build_.build_dir) {
    build_rel += "/";
    std::erase_if(*changes, [&](const FileChange& fc) {
      auto under = [&](const std::string& p) { return StartsWith(p, build_rel); };
      return (fc.new_path.empty() || under(fc.new_path)) &&
             (fc.old_path.empty() || under(fc.old_path));
    });
  }
  return true;
}

}  // namespace tia
