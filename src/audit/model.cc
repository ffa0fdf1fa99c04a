// Loads the audit's view of the index (see tia/audit/model.h).
#include "tia/audit/model.h"

#include <unistd.h>

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_map>

#include "tia/store/includes.h"
#include "tia/store/results.h"
#include "tia/util/fs.h"

namespace tia {
namespace {

std::vector<std::string_view> Components(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

// Directories that hold tests by convention, and the folders and headers of the test
// frameworks tia knows.
bool IsTestDirName(std::string_view c) {
  return c == "test" || c == "tests" || c == "testing" || c == "unittest" || c == "unittests";
}
bool IsFrameworkDirName(std::string_view c) {
  return c == "gtest" || c == "gmock" || c == "catch2" || c == "doctest";
}
bool IsFrameworkHeaderName(std::string_view c) {
  return c == "catch.hpp" || c == "catch_amalgamated.hpp" || c == "doctest.h" || c == "gtest.h" ||
         c == "gmock.h";
}

std::string Dir(std::string_view rel) {
  size_t slash = rel.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(rel.substr(0, slash));
}

// A test path: a test directory inside the project, or a test framework's folder or header
// anywhere. `rel` is the path relative to the root (`inside` false: absolute, outside it).
bool IsTestPathName(std::string_view rel, bool inside) {
  for (std::string_view c : Components(rel)) {
    if (IsFrameworkDirName(c) || IsFrameworkHeaderName(c)) return true;
    if (inside && IsTestDirName(c)) return true;
  }
  return false;
}

size_t CommonDirPrefix(std::string_view a, std::string_view b) {
  auto ca = Components(a), cb = Components(b);
  size_t n = 0;
  while (n < ca.size() && n < cb.size() && ca[n] == cb[n]) ++n;
  return n;
}

}  // namespace

bool AuditModel::Load(const SelectContext& ctx, std::string* err) {
  ctx_ = ctx;
  roots_ = FindTestRoots(*ctx.graph);
  ctx_.roots = &roots_;
  root_ = ctx.build->source_dir;
  const CodeGraph& g = *ctx.graph;
  size_t n = g.files().size();
  rel_.clear();
  for (const std::string& path : g.files()) rel_.push_back(RelativeTo(path, root_));
  is_system_.assign(n, 0);
  is_test_path_.assign(n, 0);
  is_test_code_.assign(n, 0);
  is_main_.assign(n, 0);
  out_.assign(n, {});
  in_.assign(n, {});
  tus_reading_.assign(n, {});
  file_targets_.assign(n, {});

  std::vector<CurrentFileRow> files;
  if (!LoadCurrentFiles(*ctx.db, &files, err)) return false;
  for (const CurrentFileRow& r : files) {
    int f = g.FileIndex(r.path);
    if (f >= 0) is_system_[f] = r.is_system;
  }
  std::vector<IncludeRow> rows;
  if (!LoadCurrentIncludes(*ctx.db, &rows, err)) return false;
  for (IncludeRow& r : rows) {
    int from = g.FileIndex(r.includer);
    int to = r.target.empty() ? -1 : g.FileIndex(r.target);
    if (from < 0 || to < 0) continue;  // unresolved: no edge to draw
    IncludeEdge e{static_cast<uint32_t>(from), static_cast<uint32_t>(to), r.line,
                  std::move(r.spelled)};
    // The same directive seen through two versions of a file is one edge.
    includes_.push_back(std::move(e));
  }
  // By path, not by file index: indexes follow the database's row order, which parallel
  // indexing does not fix, and every listing derived from edge order must be stable.
  std::sort(includes_.begin(), includes_.end(), [&](const IncludeEdge& a, const IncludeEdge& b) {
    return std::tie(rel_[a.from], a.line, rel_[a.to]) < std::tie(rel_[b.from], b.line, rel_[b.to]);
  });
  // The same directive seen through two versions of a file is one edge.
  includes_.erase(std::unique(includes_.begin(), includes_.end(),
                              [](const IncludeEdge& a, const IncludeEdge& b) {
                                return a.from == b.from && a.line == b.line && a.to == b.to;
                              }),
                  includes_.end());
  for (uint32_t i = 0; i < includes_.size(); ++i) {
    out_[includes_[i].from].push_back(i);
    in_[includes_[i].to].push_back(i);
  }
  for (auto& v : in_) {
    std::sort(v.begin(), v.end(), [&](uint32_t a, uint32_t b) {
      return std::make_pair(Rel(includes_[a].from), includes_[a].line) <
             std::make_pair(Rel(includes_[b].from), includes_[b].line);
    });
  }
  const auto& tus = g.tus();
  for (uint32_t t = 0; t < tus.size(); ++t) {
    is_main_[tus[t].main_file] = 1;
    for (uint32_t f : tus[t].inputs)
      if (tus_reading_[f].empty() || tus_reading_[f].back() != t) tus_reading_[f].push_back(t);
  }
  if (!LatestDurations(*ctx.db, &durations_, err)) return false;
  ClassifyTargets();
  ClassifyFiles();
  return true;
}

void AuditModel::ClassifyTargets() {
  const auto& targets = ctx_.build->targets;
  std::set<std::string> test_exes;
  for (const TestExecutable& e : ctx_.tests->executables()) test_exes.insert(e.target);
  std::unordered_map<std::string, int> by_id;
  for (size_t i = 0; i < targets.size(); ++i) by_id[targets[i].id] = static_cast<int>(i);
  std::vector<std::vector<int>> dependents(targets.size());
  for (size_t i = 0; i < targets.size(); ++i)
    for (const std::string& d : targets[i].dependencies)
      if (auto it = by_id.find(d); it != by_id.end())
        dependents[it->second].push_back(static_cast<int>(i));
  // 0 unknown, 1 visiting, 2 production, 3 test.
  std::vector<int> state(targets.size(), 0);
  std::function<bool(int)> is_test = [&](int t) -> bool {
    if (state[t] >= 2) return state[t] == 3;
    if (state[t] == 1) return false;  // a dependency cycle: not provably test-only
    state[t] = 1;
    bool test = test_exes.count(targets[t].name) > 0;
    if (!test && targets[t].type != "EXECUTABLE" && !dependents[t].empty()) {
      // A library of test code (every source under a test directory) linked only into
      // test targets.
      test = true;
      for (const std::string& src : targets[t].sources) {
        std::string rel = RelativeTo(src, root_);
        test = test && IsTestPathName(rel, rel != src);
      }
      for (int d : dependents[t]) test = test && is_test(d);
    }
    state[t] = test ? 3 : 2;
    return test;
  };
  target_is_test_.assign(targets.size(), 0);
  for (size_t i = 0; i < targets.size(); ++i) target_is_test_[i] = is_test(static_cast<int>(i));

  std::unordered_map<std::string, std::vector<int>> by_source;
  for (size_t i = 0; i < targets.size(); ++i)
    for (const std::string& s : targets[i].sources) by_source[s].push_back(static_cast<int>(i));
  const CodeGraph& g = *ctx_.graph;
  tu_targets_.assign(g.tus().size(), {});
  for (size_t t = 0; t < g.tus().size(); ++t)
    if (auto it = by_source.find(g.files()[g.tus()[t].main_file]); it != by_source.end())
      tu_targets_[t] = it->second;
  for (uint32_t f = 0; f < g.files().size(); ++f)
    if (auto it = by_source.find(g.files()[f]); it != by_source.end())
      file_targets_[f] = it->second;
}

void AuditModel::ClassifyFiles() {
  const CodeGraph& g = *ctx_.graph;
  const auto& targets = ctx_.build->targets;
  // Directories of each target's sources, relative to the root.
  std::vector<std::set<std::string>> target_dirs(targets.size());
  for (size_t i = 0; i < targets.size(); ++i)
    for (const std::string& s : targets[i].sources)
      target_dirs[i].insert(Dir(RelativeTo(s, root_)));
  for (uint32_t f = 0; f < g.files().size(); ++f) {
    std::string rel = Rel(f);
    bool inside = rel != g.files()[f] && !is_system_[f];
    bool test_path = IsTestPathName(inside ? rel : g.files()[f], inside);
    is_test_path_[f] = test_path;
    bool only_tests = !tus_reading_[f].empty();
    for (uint32_t t : tus_reading_[f]) {
      bool tu_test = !tu_targets_[t].empty();
      for (int tg : tu_targets_[t]) tu_test = tu_test && target_is_test_[tg];
      only_tests = only_tests && tu_test;
    }
    is_test_code_[f] = test_path || (!is_system_[f] && only_tests);
    if (!file_targets_[f].empty() || is_system_[f]) continue;
    // A header no target lists: the reading targets nearest to it in the tree.
    std::set<int> candidates;
    for (uint32_t t : tus_reading_[f])
      for (int tg : tu_targets_[t]) candidates.insert(tg);
    size_t best = 0;
    std::string dir = Dir(rel);
    for (int tg : candidates) {
      size_t len = 0;
      for (const std::string& d : target_dirs[tg]) len = std::max(len, CommonDirPrefix(dir, d));
      if (len > best) {
        best = len;
        file_targets_[f].clear();
      }
      if (len == best) file_targets_[f].push_back(tg);
    }
  }
}

double AuditModel::Duration(const std::string& name) const {
  auto it = durations_.find(name);
  return it == durations_.end() ? -1 : it->second;
}

bool AuditModel::ResolveFile(const std::string& spec, uint32_t* f, std::string* err) const {
  const CodeGraph& g = *ctx_.graph;
  char cwd[4096];
  std::string base = getcwd(cwd, sizeof(cwd)) ? cwd : root_;
  for (const std::string& b : {base, root_}) {
    int i = g.FileIndex(NormalizePath(spec, b));
    if (i >= 0) return *f = static_cast<uint32_t>(i), true;
  }
  std::vector<uint32_t> hits;
  std::string suffix = "/" + spec;
  for (uint32_t i = 0; i < g.files().size(); ++i) {
    const std::string& p = g.files()[i];
    if (p.size() > suffix.size() && p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0)
      hits.push_back(i);
  }
  if (hits.size() == 1) return *f = hits[0], true;
  if (hits.empty()) {
    *err = spec + ": no file of that name in the index (a file some TU reads)";
    return false;
  }
  *err = spec + ": matches " + std::to_string(hits.size()) + " files; give more of the path:";
  for (size_t i = 0; i < hits.size() && i < 10; ++i) *err += "\n  " + Rel(hits[i]);
  return false;
}

}  // namespace tia
