// Recording per-case coverage (see tia/app/coverage.h).
#include "tia/app/coverage.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "tia/buildmodel/compile_db.h"
#include "tia/store/coverage.h"
#include "tia/store/facts.h"
#include "tia/util/strings.h"

namespace tia::app {
namespace {

namespace fs = std::filesystem;

// The object file a compile command writes: "output", else its -o.
std::string ObjectOf(const CompileCommand& c) {
  if (!c.output.empty()) return c.output;
  for (size_t i = 0; i + 1 < c.arguments.size(); ++i)
    if (c.arguments[i] == "-o") {
      fs::path o = c.arguments[i + 1];
      return (o.is_absolute() ? o : fs::path(c.directory) / o).lexically_normal().string();
    }
  return "";
}

// Whether gcov's `plain` name (no template arguments) names `qualified`: "f" in "f",
// "int f(int)" or "ns::f(int) const", not in "ns::g(f)" or "xf(int)".
bool NameMatches(const std::string& plain, const std::string& qualified) {
  if (qualified.empty()) return false;
  for (size_t at = plain.find(qualified); at != std::string::npos;
       at = plain.find(qualified, at + 1)) {
    size_t end = at + qualified.size();
    bool starts = at == 0 || plain[at - 1] == ' ' || plain[at - 1] == '*' || plain[at - 1] == '&';
    bool ends = end == plain.size() || plain[end] == '(';
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace

bool PrepareCoverage(const Session& s, CoverageBuild* out, std::string* err) {
  const Repo* repo = s.repo();
  if (!repo) {
    *err = "--record-coverage needs the sources' git repository (the coverage belongs to a commit)";
    return false;
  }
  auto head = repo->ResolveCommit("HEAD", err);
  if (!head) return false;
  std::vector<FileChange> changes;
  if (!repo->Diff(*head, "", &changes, err)) return false;
  // A file HEAD does not have (generated into the build directory, or not added yet) is
  // an added file to every later selection, which the code graph decides.
  for (const FileChange& fc : changes) {
    if (fc.status == ChangeStatus::kAdded) continue;
    for (const std::string* p : {&fc.new_path, &fc.old_path})
      if (!p->empty() && s.graph().FileIndex(repo->workdir() + "/" + *p) >= 0) {
        *err = "--record-coverage: " + *p +
               " differs from HEAD; coverage belongs to a commit, so commit or stash first";
        return false;
      }
  }
  std::vector<CompileCommand> cmds;
  if (!LoadCompileDb(s.build().build_dir + "/compile_commands.json", &cmds, err)) return false;
  int missing = 0;
  std::string first;
  int built = 0;
  for (const CompileCommand& c : cmds) {
    // An object not built is in no program that runs; one built without notes would run
    // unseen.
    std::string obj = ObjectOf(c);
    std::string gcno =
        obj.empty() ? "" : fs::path(obj).replace_extension(".gcno").lexically_normal().string();
    if (!gcno.empty()) out->notes.push_back({c.file, gcno});
    std::error_code ec;
    if (!obj.empty() && !fs::exists(obj, ec)) continue;
    ++built;
    bool ok = !obj.empty() && fs::exists(gcno, ec);
    if (!ok && missing++ == 0) first = c.file + (obj.empty() ? " (no object file named)" : "");
  }
  if (missing > 0) {
    *err = "--record-coverage needs every TU compiled with --coverage (gcc): " +
           std::to_string(missing) + " of the " + std::to_string(built) +
           " built have no notes file (.gcno) next to their object, the first " + first +
           "; configure with -DCMAKE_C_FLAGS=--coverage -DCMAKE_CXX_FLAGS=--coverage and build";
    return false;
  }
  if (built == 0) {
    *err = "--record-coverage: none of the " + std::to_string(cmds.size()) +
           " TUs of the compile database is built; build the project first";
    return false;
  }
  out->commit = *head;
  return true;
}

bool RecordCoverage(Session& s, const CoverageBuild& build,
                    const std::vector<run::CoverageProcess>& procs, int jobs, CoverageSummary* out,
                    std::string* err) {
  const CodeGraph& g = s.graph();
  // Function definitions per file, to find the innermost one around a line.
  struct Def {
    int start, end;
    NodeId node;
  };
  std::map<uint32_t, std::vector<Def>> defs;
  for (NodeId n = 0; n < g.size(); ++n) {
    if (!IsFunctionKind(g.symbol(n).kind)) continue;
    for (const GraphDecl& d : g.Decls(n))
      if (d.is_definition) defs[d.file].push_back({d.line_start, d.line_end, n});
  }
  std::map<std::string, int> file_index;  // gcov's path → graph file (-1: unknown)
  // A relative path of gcov's (a build with -ffile-prefix-map=DIR/=, as Catch2 makes it)
  // is not relative to the build directory gcov names: it is the source tree's when a file
  // is there, else the one indexed file that ends with it.
  auto file_of = [&](const run::CoveredFunction& f) {
    int i = g.FileIndex(f.file);
    if (i >= 0 || f.relative.empty()) return i;
    if (s.repo()) {
      i = g.FileIndex((fs::path(s.repo()->workdir()) / f.relative).lexically_normal().string());
      if (i >= 0) return i;
    }
    std::string tail = "/" + f.relative;
    int found = -1;
    for (size_t k = 0; k < g.files().size(); ++k) {
      if (!g.files()[k].ends_with(tail)) continue;
      if (found >= 0) return -1;  // more than one: not known which
      found = static_cast<int>(k);
    }
    return found;
  };
  // The definitions gcov's function is: the innermost ones around its first line; of
  // several with that extent (one text compiled twice under different names, as a macro
  // can make it), those whose name gcov prints, else all of them.
  auto nodes_at = [&](const run::CoveredFunction& f) {
    std::vector<NodeId> out;
    auto [it, fresh] = file_index.try_emplace(f.file, -1);
    if (fresh) it->second = file_of(f);
    if (it->second < 0) return out;
    auto d = defs.find(static_cast<uint32_t>(it->second));
    if (d == defs.end()) return out;
    int best = -1;
    for (const Def& x : d->second)
      if (x.start <= f.line && f.line <= x.end && (best < 0 || x.end - x.start < best))
        best = x.end - x.start;
    std::vector<NodeId> named;
    std::string plain = StripTemplateArgs(f.name);
    for (const Def& x : d->second) {
      if (x.start > f.line || f.line > x.end || x.end - x.start != best) continue;
      out.push_back(x.node);
      if (NameMatches(plain, g.symbol(x.node).qualified_name)) named.push_back(x.node);
    }
    return named.empty() ? out : named;
  };
  StoredCoverage cov;
  cov.commit = build.commit;
  cov.recorded_at = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  std::map<std::pair<std::string, std::string>, std::set<std::string>> cases;
  std::set<std::string> linked;  // notes files of objects some recorded process had linked
  std::set<std::pair<std::string, std::string>> unrecorded;
  // gcov over each process's data, `jobs` processes at a time.
  struct Read {
    std::vector<run::CoveredDoc> docs;
    std::vector<std::string> notes;
    bool ok = true;
    std::string err;
  };
  std::vector<Read> reads(procs.size());
  std::atomic<size_t> next{0};
  run::CoverageCache cache;
  auto work = [&] {
    for (size_t i; (i = next++) < procs.size();) {
      if (!procs[i].clean) continue;
      reads[i].ok =
          run::ReadCoverage(procs[i].dir, &cache, &reads[i].docs, &reads[i].notes, &reads[i].err);
    }
  };
  std::vector<std::thread> workers;
  for (int w = 1; w < std::max(1, jobs); ++w) workers.emplace_back(work);
  work();
  for (auto& t : workers) t.join();
  // What tia's report flags run in every process of a test: how much more often its
  // process of no case with tia's flags ran a function than the one run as the CTest
  // command did. A case's process ran a function for the case only when it ran it more
  // often than that. Without both (one was killed), nothing is taken off.
  using Baseline = run::CoverageBaseline;
  using FnKey = std::tuple<std::string, int, std::string>;
  std::map<std::string, std::map<FnKey, int64_t, std::less<>>> overhead;  // test → fn → times
  {
    std::map<std::string, std::array<const std::vector<run::CoveredDoc>*, 2>> base;
    for (size_t i = 0; i < procs.size(); ++i) {
      const run::CoverageProcess& p = procs[i];
      if (p.baseline == Baseline::kNone) continue;
      auto& slot = base[p.test][p.baseline == Baseline::kFlags ? 0 : 1];
      if (p.clean && reads[i].ok && !reads[i].notes.empty()) slot = &reads[i].docs;
    }
    for (const auto& [test, two] : base) {
      if (!two[0] || !two[1]) continue;
      // gcov describes a function once per TU that emitted it: the counts add up.
      auto times = [](const std::vector<run::CoveredDoc>& docs) {
        std::map<FnKey, int64_t> out;
        for (const run::CoveredDoc& doc : docs)
          for (const run::CoveredFunction& f : *doc) out[{f.file, f.line, f.name}] += f.count;
        return out;
      };
      std::map<FnKey, int64_t> plain = times(*two[1]);
      for (const auto& [key, n] : times(*two[0])) {
        auto it = plain.find(key);
        int64_t extra = n - (it == plain.end() ? 0 : it->second);
        if (extra > 0) overhead[test][key] = extra;
      }
    }
  }
  // The functions of each distinct document, mapped once (most documents are shared by
  // most processes); every function gcov describes is known.
  std::unordered_map<const void*, std::vector<std::vector<NodeId>>> doc_nodes;
  auto nodes_of = [&](const run::CoveredDoc& doc) -> const std::vector<std::vector<NodeId>>& {
    auto [it, fresh] = doc_nodes.try_emplace(doc.get());
    if (fresh) {
      it->second.reserve(doc->size());
      for (const run::CoveredFunction& f : *doc) {
        it->second.push_back(nodes_at(f));
        for (NodeId n : it->second.back()) cov.known.insert(g.symbol(n).usr);
      }
    }
    return it->second;
  };
  // The positions in a document of the functions a test's flags run in every process.
  std::map<std::pair<const void*, const void*>, std::vector<size_t>> doc_extra;
  auto extra_of =
      [&](const run::CoveredDoc& doc,
          const std::map<FnKey, int64_t, std::less<>>* extra) -> const std::vector<size_t>& {
    auto [it, fresh] = doc_extra.try_emplace({doc.get(), extra});
    if (fresh)
      for (size_t k = 0; k < doc->size(); ++k) {
        const run::CoveredFunction& f = (*doc)[k];
        if (extra->count(std::tie(f.file, f.line, f.name))) it->second.push_back(k);
      }
    return it->second;
  };
  for (size_t i = 0; i < procs.size(); ++i) {
    const run::CoverageProcess& p = procs[i];
    if (p.baseline != Baseline::kNone) {
      if (p.clean && reads[i].ok) linked.insert(reads[i].notes.begin(), reads[i].notes.end());
      continue;
    }
    if (p.reporter_replaced && !p.cases.empty()) cov.reporter_replaced.insert(p.test);
    std::vector<std::string> names = p.cases.empty() ? std::vector<std::string>{""} : p.cases;
    auto skip = [&](const std::string& why) {
      for (const std::string& n : names)
        if (unrecorded.insert({p.test, n}).second)
          out->notes.push_back(p.test + (n.empty() ? " (its CTest command)" : " " + n) + ": " +
                               why);
    };
    if (!p.clean) {
      skip("not recorded: the process was killed or timed out (data is written at exit)");
      continue;
    }
    if (!p.started) {
      skip(
          "not recorded: the case never started (no case of that name, or the program ended "
          "before it)");
      continue;
    }
    if (!reads[i].ok) return *err = reads[i].err, false;
    const std::vector<run::CoveredDoc>& docs = reads[i].docs;
    linked.insert(reads[i].notes.begin(), reads[i].notes.end());
    if (reads[i].notes.empty()) {
      skip("not recorded: the process wrote no coverage data");
      continue;
    }
    // A process of tia's of some cases, whose report ran beside the command's reporter:
    // what every such process runs is no case's.
    const std::map<FnKey, int64_t, std::less<>>* extra = nullptr;
    if (!p.cases.empty() && !p.reporter_replaced) {
      auto it = overhead.find(p.test);
      if (it != overhead.end()) extra = &it->second;
    }
    // How often the process entered those functions (gcov describes a function once per
    // TU that emitted it: the counts add up).
    std::map<FnKey, int64_t, std::less<>> times;
    if (extra)
      for (const run::CoveredDoc& doc : docs)
        for (size_t k : extra_of(doc, extra)) {
          const run::CoveredFunction& f = (*doc)[k];
          times[{f.file, f.line, f.name}] += f.count;
        }
    std::vector<NodeId> ran_nodes;
    for (const run::CoveredDoc& doc : docs) {
      const std::vector<std::vector<NodeId>>& nodes = nodes_of(doc);
      const std::vector<size_t>* in_extra = extra ? &extra_of(doc, extra) : nullptr;
      for (size_t k = 0; k < doc->size(); ++k) {
        const run::CoveredFunction& f = (*doc)[k];
        bool entered = f.ran;
        if (in_extra && std::binary_search(in_extra->begin(), in_extra->end(), k)) {
          FnKey key{f.file, f.line, f.name};
          entered = times[key] > extra->at(key);
        }
        if (entered) ran_nodes.insert(ran_nodes.end(), nodes[k].begin(), nodes[k].end());
      }
    }
    std::sort(ran_nodes.begin(), ran_nodes.end());
    ran_nodes.erase(std::unique(ran_nodes.begin(), ran_nodes.end()), ran_nodes.end());
    std::set<std::string> ran;
    for (NodeId n : ran_nodes) ran.insert(g.symbol(n).usr);
    for (const std::string& n : names) cases[{p.test, n}].insert(ran.begin(), ran.end());
  }
  // A TU whose object no recorded process had linked (a member of a static library
  // nothing pulled in): the functions defined in its main file ran in no recorded case.
  // Only main files no linked TU compiles: those functions have no other copy.
  std::set<int> linked_mains, unlinked_mains;
  for (const auto& [main, gcno] : build.notes) {
    int f = g.FileIndex(main);
    if (f >= 0) (linked.count(gcno) ? linked_mains : unlinked_mains).insert(f);
  }
  for (int f : unlinked_mains) {
    if (linked_mains.count(f)) continue;
    auto d = defs.find(static_cast<uint32_t>(f));
    if (d == defs.end()) continue;
    for (const Def& x : d->second) cov.known.insert(g.symbol(x.node).usr);
  }
  // A case one process recorded and another could not is not recorded at all: its data
  // would be a part of what it ran.
  for (auto& [key, usrs] : cases) {
    if (unrecorded.count(key)) continue;
    cov.cases.push_back({key.first, key.second, std::move(usrs), true});
  }
  // Those without data are stored too: a selection must not take a sibling instance's
  // record (one parameter of a parameterized case) for theirs.
  for (const auto& key : unrecorded) cov.cases.push_back({key.first, key.second, {}, false});
  out->counts = CountCoverage(cov);
  out->functions = cov.known.size();
  return SaveCoverage(s.db(), cov, err);
}

}  // namespace tia::app
