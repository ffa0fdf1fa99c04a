// The `tia index` pipeline: compile database -> freshness check against the stat cache ->
// shared prefixes planned and built -> oneTBB workers (one TuIndexer each, longest TU
// first) -> bounded queue -> one writer thread -> SQLite.
#include "tia/index/index_run.h"

#include <tbb/concurrent_queue.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "tia/buildmodel/compile_db.h"
#include "tia/index/indexer.h"
#include "tia/store/index_store.h"
#include "tia/util/fs.h"
#include "tia/util/hash.h"
#include "tia/util/strings.h"

namespace tia {
namespace {

using Clock = std::chrono::steady_clock;

// Memory one libclang worker needs on a large TU (measured peaks are 200-500 MB).
constexpr int64_t kBytesPerWorker = 500LL << 20;

int64_t MemAvailable() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  int64_t kb;
  std::string unit;
  while (in >> key >> kb >> unit)
    if (key == "MemAvailable:") return kb * 1024;
  return -1;
}

int DefaultJobs() {
  int cores = static_cast<int>(std::thread::hardware_concurrency());
  if (cores <= 0) cores = 1;
  int64_t mem = MemAvailable();
  if (mem > 0) cores = static_cast<int>(std::min<int64_t>(cores, mem / kBytesPerWorker));
  return std::max(cores, 1);
}

// The order TUs are indexed in, longest first: the parse time recorded last time, else an
// estimate (a TU loading a shared prefix parses little of its own; C++ parses more than C).
std::vector<size_t> LongestFirst(const std::vector<const CompileCommand*>& tus,
                                 const SharedPrefixPlan& plan,
                                 const std::vector<int64_t>& recorded_us) {
  std::vector<double> cost(tus.size());
  for (size_t i = 0; i < tus.size(); ++i) {
    if (recorded_us[i] > 0) {
      cost[i] = static_cast<double>(recorded_us[i]);
      continue;
    }
    const bool c = IsCSource(tus[i]->file);
    const bool prefix = !plan.tus.empty() && plan.tus[i].prefix >= 0;
    cost[i] = prefix ? 1e4 : c ? 1e5 : 1e6;  // microseconds, roughly
  }
  std::vector<size_t> order(tus.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return cost[a] > cost[b]; });
  return order;
}

// TUs of one configuration that must share a header before it is parsed once for them.
constexpr int kMinPrefixTus = 4;

// The queue between the indexing workers and the writer thread: an indexed TU, or the end
// marker (nullopt) queued once every worker is done.
using TuQueue = tbb::concurrent_bounded_queue<std::optional<IndexedTu>>;

// Ends the writer thread on every path out of the indexing step, an exception's included:
// the end marker is queued and the thread joined (destroying a joinable std::thread would
// call std::terminate). The writer drains the queue, so a worker blocked on a full queue
// finishes before the join.
class WriterJoin {
 public:
  WriterJoin(TuQueue* queue, std::thread* writer) : queue_(queue), writer_(writer) {}
  ~WriterJoin() { Join(); }
  WriterJoin(const WriterJoin&) = delete;
  WriterJoin& operator=(const WriterJoin&) = delete;
  void Join() {
    if (!writer_->joinable()) return;
    queue_->push(std::nullopt);
    writer_->join();
  }

 private:
  TuQueue* queue_;
  std::thread* writer_;
};

// A TU whose indexing threw (memory exhausted, ...): recorded as failed with the reason,
// so the run goes on and the next run tries it again.
IndexedTu IndexingFailure(const CompileCommand& cmd, const std::string& what) {
  IndexedTu t;
  t.record.key = cmd.key;
  t.record.file = cmd.file;
  t.record.directory = cmd.directory;
  t.record.arguments = cmd.arguments;
  t.record.status = TuStatus::kFailed;
  Diagnostic d;
  d.severity = 4;  // fatal: retried by the next run
  d.file = cmd.file;
  d.message = "tia could not index this TU: " + what;
  t.record.diagnostics.push_back(std::move(d));
  return t;
}

// The current content id of each path, re-hashing only files whose stat(2) stamp moved;
// refreshed stamps are saved. A stamp younger than 2 s is not saved (a write in the same
// clock tick could otherwise go unnoticed, as in git's "racy clean" problem).
bool CurrentContentIds(IndexWriter* w, const std::unordered_set<std::string>& paths,
                       std::unordered_map<std::string, std::string>* ids, std::string* err) {
  std::unordered_map<std::string, StampRow> stamps;
  if (!w->LoadStamps(&stamps, err)) return false;
  std::vector<std::pair<std::string, StampRow>> fresh;
  int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  for (const std::string& p : paths) {
    std::optional<FileStamp> s = StatFile(p);
    if (!s) continue;  // missing: no id, the TUs reading it are stale
    auto it = stamps.find(p);
    if (it != stamps.end() && it->second.stamp == *s) {
      (*ids)[p] = it->second.content_id;
      continue;
    }
    std::string text, e;
    if (!ReadFile(p, &text, &e)) continue;
    std::string id = GitBlobId(text);
    (*ids)[p] = id;
    if (now_ns - s->mtime_ns > 2'000'000'000LL) fresh.push_back({p, StampRow{*s, id}});
  }
  return w->SaveStamps(fresh, err);
}

// The git work tree holding `dir` (a parent with .git), or "".
std::string GitRoot(std::string dir) {
  while (!dir.empty()) {
    if (StatFile(dir + "/.git") || access((dir + "/.git").c_str(), F_OK) == 0) return dir;
    size_t s = dir.rfind('/');
    if (s == std::string::npos || dir == "/") break;
    dir = s == 0 ? "/" : dir.substr(0, s);
    if (dir == "/") break;
  }
  return "";
}

// CMAKE_HOME_DIRECTORY of the build's CMakeCache.txt (the top source folder), or "".
std::string CMakeSourceDir(const std::string& build) {
  std::string text, err;
  if (!ReadFile(build + "/CMakeCache.txt", &text, &err)) return "";
  const std::string key = "\nCMAKE_HOME_DIRECTORY:INTERNAL=";
  size_t at = text.find(key);
  if (at == std::string::npos) return "";
  at += key.size();
  std::string dir = text.substr(at, text.find('\n', at) - at);
  while (!dir.empty() && (dir.back() == '\r' || dir.back() == '/')) dir.pop_back();
  return dir.empty() || dir[0] != '/' ? "" : dir;
}

std::string CommonDir(const std::vector<CompileCommand>& cmds) {
  std::string common;
  bool first = true;
  for (const auto& c : cmds) {
    std::string d = c.file.substr(0, c.file.rfind('/'));
    if (first) {
      common = d;
      first = false;
      continue;
    }
    while (!common.empty() && !(d == common || StartsWith(d, common + "/"))) {
      size_t s = common.rfind('/');
      common = s == 0 || s == std::string::npos ? "/" : common.substr(0, s);
      if (common == "/") break;
    }
  }
  return common.empty() ? "/" : common;
}

// meta: where the database was made (once) and where it was last indexed.
bool RecordRoots(Db& db, const PathRoots& roots, std::string* err) {
  std::pair<const char*, const std::string*> keys[] = {{"source_root", &roots.source},
                                                       {"build_dir", &roots.build}};
  for (const auto& [key, value] : keys) {
    std::string made = std::string("made_") + key;
    if (!db.GetMeta(made) && !db.SetMeta(made, *value, err)) return false;
    if (db.GetMeta(key) != *value && !db.SetMeta(key, *value, err)) return false;
  }
  return true;
}

// A number with one decimal ("12.3"), as the summary, the verbose lines and the progress
// line print seconds and rates (FormatDuration's "2.5 min" would change what they print).
std::string OneDecimal(double s) {
  char b[32];
  snprintf(b, sizeof b, "%.1f", s);
  return b;
}

void PrintWaiting(long pid) {
  std::cerr << "tia: another tia is writing this index (process " << pid
            << "); waiting for it to finish...\n";
}

}  // namespace

std::vector<int> BalanceParts(const std::vector<double>& weights, int n) {
  std::vector<size_t> order(weights.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return weights[a] > weights[b]; });
  std::vector<double> load(std::max(n, 1), 0);
  std::vector<int> part(weights.size(), 0);
  for (size_t i : order) {
    int bin = static_cast<int>(std::min_element(load.begin(), load.end()) - load.begin());
    load[bin] += weights[i];
    part[i] = bin;
  }
  return part;
}

std::string FormatSummary(const IndexRunSummary& s) {
  if (s.indexed == 0)
    return "tia: index is up to date (" + std::to_string(s.total) + " TUs, 0 changed" +
           (s.dropped ? ", " + std::to_string(s.dropped) + " removed" : "") + ")";
  return "indexed " + std::to_string(s.indexed) + " TUs (" + std::to_string(s.up_to_date) +
         " up to date, " + std::to_string(s.failed) + " failed, " + std::to_string(s.with_errors) +
         " with errors" + (s.dropped ? ", " + std::to_string(s.dropped) + " removed" : "") + "); " +
         std::to_string(s.files) + " files, " + std::to_string(s.symbols) + " symbols, " +
         std::to_string(s.edges) + " edges in " + OneDecimal(s.seconds) + " s";
}

bool RunIndex(const IndexRunOptions& opts, std::ostream& out, IndexRunSummary* sum,
              std::string* err) {
  auto t0 = Clock::now();
  KeepWorkingDirectory keep_cwd;
  *sum = IndexRunSummary();
  std::string cwd = NormalizePath(".", std::filesystem::current_path().string());
  std::string build = NormalizePath(opts.build_dir, cwd);
  std::string db_path = opts.db_path.empty() ? build + "/tia.db" : NormalizePath(opts.db_path, cwd);

  std::vector<CompileCommand> cmds;
  if (!LoadCompileDb(build + "/compile_commands.json", &cmds, err)) return false;
  sum->total = static_cast<int>(cmds.size());

  WriterLock lock;
  if (!lock.Acquire(db_path, PrintWaiting, err)) return false;
  // Facts another indexer version made: the index is a cache of the sources, rebuilt (a
  // database that does not say, made by `tia merge` or an older tia, is kept).
  if (std::filesystem::exists(db_path)) {
    std::optional<std::string> made_by;
    {
      Db probe;
      std::string e;
      if (probe.Open(db_path, false, &e)) made_by = probe.GetMeta("indexer_version");
    }
    if (made_by && *made_by != IndexerVersion()) {
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::error_code ec;
        std::filesystem::remove(db_path + suffix, ec);
        if (ec) {
          *err = db_path + suffix +
                 ": cannot remove the index of another indexer version: " + ec.message();
          return false;
        }
      }
      std::cerr << "tia: " << db_path << " holds facts of indexer version " << *made_by
                << "; it is rebuilt for " << IndexerVersion() << "\n";
    }
  }
  IndexWriter w;
  if (!w.Open(db_path, err)) return false;
  if (w.db().GetMeta("indexer_version") != IndexerVersion() &&
      !w.db().SetMeta("indexer_version", IndexerVersion(), err))
    return false;
  if (int v = w.db().rebuilt_from())
    std::cerr << "tia: " << db_path << " was made by an older tia (schema version " << v
              << "); it is rebuilt for version " << kSchemaVersion << "\n";

  // Paths are stored relative to the source root and the build directory, TU keys and
  // commands with those roots replaced: the database describes any checkout of the
  // repository, wherever it lies, and is checked against this one's files.
  // The root is the git work tree of the build's source directory, the one `tia select`
  // reads changes from; a file compiled from outside it keeps its absolute path. Without
  // CMake's cache, the work tree holding every compiled file, else their common folder.
  std::string root = GitRoot(CMakeSourceDir(build));
  if (root.empty()) root = GitRoot(CommonDir(cmds));
  if (root.empty()) root = CommonDir(cmds);
  PathRoots roots{root, build};
  w.db().SetRoots(roots);
  auto key_of = [&](const CompileCommand& c) { return RelocatableText(c.key, roots); };
  auto hash_of = [&](const CompileCommand& c) {
    CompileCommand n = c;
    n.directory = RelocatableText(c.directory, roots);
    for (std::string& a : n.arguments) a = RelocatableText(a, roots);
    return CommandHash(n);
  };

  // Freshness: command unchanged and every input still has its recorded content id.
  std::vector<StoredTu> stored;
  if (!w.LoadTus(&stored, err)) return false;
  if (opts.shard_count > 0) {
    // Weights: the recorded parse time, else the file size scaled by the project's
    // recorded seconds per byte (plain bytes when nothing is recorded).
    std::unordered_map<std::string, int64_t> parse_us;
    for (const StoredTu& t : stored) parse_us[t.key] = t.parse_us;
    std::vector<double> bytes(cmds.size()), weights(cmds.size());
    double known_us = 0, known_bytes = 0;
    for (size_t i = 0; i < cmds.size(); ++i) {
      std::optional<FileStamp> s = StatFile(cmds[i].file);
      bytes[i] = s ? static_cast<double>(s->size) : 0;
      auto it = parse_us.find(key_of(cmds[i]));
      weights[i] = it != parse_us.end() ? static_cast<double>(it->second) : 0;
      if (weights[i] > 0) {
        known_us += weights[i];
        known_bytes += bytes[i];
      }
    }
    double per_byte = known_bytes > 0 ? known_us / known_bytes : 1;
    for (size_t i = 0; i < cmds.size(); ++i)
      if (weights[i] <= 0) weights[i] = bytes[i] * per_byte;
    std::vector<int> part = BalanceParts(weights, opts.shard_count);
    std::vector<CompileCommand> mine;
    for (size_t i = 0; i < cmds.size(); ++i)
      if (part[i] == opts.shard_index - 1) mine.push_back(std::move(cmds[i]));
    cmds = std::move(mine);
    sum->total = static_cast<int>(cmds.size());
  }
  std::unordered_map<std::string, const StoredTu*> by_key;
  std::unordered_set<std::string> paths;
  for (const StoredTu& t : stored) {
    by_key[t.key] = &t;
    for (const auto& in : t.inputs) paths.insert(in.first);
  }
  std::unordered_map<std::string, std::string> ids;
  if (!CurrentContentIds(&w, paths, &ids, err)) return false;
  std::vector<const CompileCommand*> stale;
  std::unordered_set<std::string> keys;
  for (const CompileCommand& c : cmds) {
    keys.insert(key_of(c));
    auto it = by_key.find(key_of(c));
    bool fresh = it != by_key.end() && it->second->command_hash == hash_of(c) &&
                 it->second->status != TuStatus::kFailed && !it->second->has_fatal;
    if (fresh) {
      for (const auto& [path, cid] : it->second->inputs) {
        auto id = ids.find(path);
        if (id == ids.end() || id->second != cid) {
          fresh = false;
          break;
        }
      }
    }
    if (!fresh) stale.push_back(&c);
  }
  sum->up_to_date = sum->total - static_cast<int>(stale.size());
  std::vector<int64_t> stored_us(stale.size(), 0);
  for (size_t i = 0; i < stale.size(); ++i)
    if (auto it = by_key.find(key_of(*stale[i])); it != by_key.end())
      stored_us[i] = it->second->parse_us;
  if (!w.DropTusExcept(keys, &sum->dropped, err)) return false;

  if (!RecordRoots(w.db(), roots, err)) return false;

  int jobs = opts.jobs > 0 ? opts.jobs : DefaultJobs();
  jobs = std::max(1, std::min<int>(jobs, std::max<size_t>(stale.size(), 1)));
  sum->jobs = jobs;
  if (stale.empty()) {
    sum->seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return true;
  }

  // Writer thread: owns the connection; one transaction per batch of finished TUs.
  TuQueue queue;
  queue.set_capacity(2 * jobs);
  std::string write_err;
  std::unordered_set<std::string> all_inputs;
  bool end = false;  // the writer took the end marker
  auto write_all = [&] {
    std::vector<IndexedTu> batch;
    size_t done = 0;
    bool tty = opts.progress;
    while (!end) {
      // Everything queued: at least one item, and the end marker last.
      std::optional<IndexedTu> item;
      queue.pop(item);
      do {
        if (!item) {
          end = true;
          break;
        }
        batch.push_back(std::move(*item));
      } while (queue.try_pop(item));
      if (batch.empty()) break;
      if (write_err.empty()) {
        std::string e;
        bool ok = w.Begin(&e);
        for (size_t i = 0; ok && i < batch.size(); ++i) {
          IndexedTu& t = batch[i];
          std::string failure;
          if (t.record.status == TuStatus::kFailed && !opts.verbose &&
              !t.record.diagnostics.empty()) {
            // A TU libclang could not parse at all (a missing source, a crash): say why.
            if (tty) std::cerr << "\r\033[K";
            std::cerr << "tia: warning: " << RelativeTo(t.record.file, root) << ": "
                      << t.record.diagnostics.front().message << "\n";
          }
          ok = w.WriteTuOrRecordFailure(t.record, t.shards, t.entities, t.aliases, &failure, &e);
          if (ok && !failure.empty()) {
            // Counted and listed (tia stats) as a failed TU; the run goes on.
            t.record.status = TuStatus::kFailed;
            Diagnostic d;
            d.severity = 4;
            d.file = t.record.file;
            d.message = failure;
            t.record.diagnostics.insert(t.record.diagnostics.begin(), std::move(d));
            if (!opts.verbose) {
              if (tty) std::cerr << "\r\033[K";
              std::cerr << "tia: warning: " << RelativeTo(t.record.file, root) << ": " << failure
                        << "\n";
            }
          }
        }
        if (ok) ok = w.Commit(&e);
        if (!ok) {
          w.Abandon();
          write_err = db_path + ": cannot write index: " + e;
        }
      }
      for (IndexedTu& t : batch) {
        ++done;
        if (t.record.status == TuStatus::kFailed) ++sum->failed;
        if (t.record.status == TuStatus::kErrors) ++sum->with_errors;
        for (const auto& in : t.record.inputs) all_inputs.insert(in.first);
        if (opts.verbose) {
          if (tty) std::cerr << "\r\033[K";
          const char* st = t.record.status == TuStatus::kOk       ? "ok"
                           : t.record.status == TuStatus::kErrors ? "errors"
                                                                  : "failed";
          out << "indexed " << RelativeTo(t.record.file, root) << " [" << st << "] "
              << OneDecimal(t.seconds) << " s";
          if (!t.prefix.empty()) out << " (shared prefix " << RelativeTo(t.prefix, root) << ")";
          if (!t.dropped_args.empty()) {
            out << " (dropped unknown flags:";
            for (const auto& a : t.dropped_args) out << " " << a;
            out << ")";
          }
          out << "\n";
          for (const Diagnostic& d : t.record.diagnostics)
            out << "  " << (d.file.empty() ? "" : RelativeTo(d.file, root) + ":") << d.line << ":"
                << d.col << ": " << (d.severity >= 4 ? "fatal error: " : "error: ") << d.message
                << "\n";
          out.flush();
        }
      }
      batch.clear();
      if (tty) {
        double el = std::chrono::duration<double>(Clock::now() - t0).count();
        double rate = el > 0 ? done / el : 0;
        double eta = rate > 0 ? (stale.size() - done) / rate : 0;
        std::cerr << "\r\033[K[" << done << "/" << stale.size() << "] " << OneDecimal(rate)
                  << " TU/s, ETA " << static_cast<int>(eta + 0.5) << "s" << std::flush;
      }
    }
    if (tty) std::cerr << "\r\033[K" << std::flush;
  };
  std::thread writer([&] {
    try {
      write_all();
    } catch (const std::exception& e) {
      // Nothing more is written; the workers' TUs are taken until the end marker, so no
      // worker waits on a full queue.
      w.Abandon();
      write_err = db_path + ": cannot write index: " + e.what();
      std::optional<IndexedTu> item;
      while (!end) {
        queue.pop(item);
        end = !item;
      }
    }
  });

  IndexerOptions iopts;
  iopts.skip_parsed_bodies = opts.skip_parsed_bodies;
  iopts.resource_dir = FindResourceDir();
  // Shared prefixes (docs/indexing.md): the header C TUs of one configuration include
  // first, parsed once; planned over the TUs of this run, built before them.
  SharedPrefixPlan plan;
  TempDir pch_dir("tia-prefix");  // the precompiled prefixes of this run
  if (opts.shared_prefixes && !pch_dir.path().empty())
    plan = PlanSharedPrefixes(stale, kMinPrefixTus);
  std::vector<std::unique_ptr<SharedPrefix>> prefixes(plan.headers.size());
  std::mutex notes_mu;
  {
    WriterJoin join(&queue, &writer);
    tbb::enumerable_thread_specific<std::unique_ptr<TuIndexer>> workers;
    tbb::task_arena arena(jobs);
    arena.execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<size_t>(0, plan.headers.size(), 1),
          [&](const tbb::blocked_range<size_t>& r) {
            auto& wk = workers.local();
            if (!wk) wk = std::make_unique<TuIndexer>(iopts);
            for (size_t i = r.begin(); i != r.end(); ++i) {
              const SharedPrefixPlan::Header& h = plan.headers[i];
              Diagnostic why;
              try {
                prefixes[i] =
                    wk->BuildPrefix(*stale[h.builder], h.path,
                                    pch_dir.path() + "/" + std::to_string(i) + ".pch", &why);
              } catch (const std::exception& e) {
                why = Diagnostic{};
                why.message = e.what();
              }
              // Not shared: its TUs parse the header themselves, as without prefixes.
              if (!prefixes[i] && opts.verbose) {
                std::lock_guard<std::mutex> lock(notes_mu);
                out << "shared prefix " << RelativeTo(h.path, root) << " not used: ";
                if (!why.file.empty()) out << RelativeTo(why.file, root) << ":" << why.line << ": ";
                out << why.message << "\n";
              }
            }
          },
          tbb::simple_partitioner());
    });
    // Longest first, each worker taking the next TU when done: no worker is left with a
    // long TU while the other idles at the end.
    std::vector<size_t> order = LongestFirst(stale, plan, stored_us);
    std::atomic<size_t> next{0};
    arena.execute([&] {
      tbb::parallel_for(
          0, jobs,
          [&](int) {
            auto& wk = workers.local();
            if (!wk) wk = std::make_unique<TuIndexer>(iopts);
            for (size_t o; (o = next.fetch_add(1)) < order.size();) {
              const size_t i = order[o];
              IndexedTu t;
              try {
                int k = plan.tus.empty() ? -1 : plan.tus[i].prefix;
                if (k >= 0 && prefixes[k])
                  t = wk->IndexWithPrefix(*stale[i], *prefixes[k], plan.tus[i].before);
                else
                  t = wk->Index(*stale[i]);
              } catch (const std::exception& e) {
                t = IndexingFailure(*stale[i], e.what());
              }
              t.record.key = key_of(*stale[i]);
              t.record.command_hash = hash_of(*stale[i]);
              t.record.directory = RelocatableText(t.record.directory, roots);
              for (std::string& a : t.record.arguments) a = RelocatableText(a, roots);
              queue.push(std::move(t));
            }
          },
          tbb::simple_partitioner());
    });
  }  // the writer is joined here
  if (!write_err.empty()) return *err = write_err, false;
  sum->indexed = static_cast<int>(stale.size());
  if (!w.RecordRun(sum->total, sum->indexed, err)) return false;

  // Stamp the inputs just read, so the next no-op run does not hash them again.
  std::unordered_map<std::string, std::string> ignored;
  if (!CurrentContentIds(&w, all_inputs, &ignored, err)) return false;
  WriteTotals tot;
  if (!w.Totals(&tot, err)) return false;
  sum->files = tot.files;
  sum->symbols = tot.symbols;
  sum->edges = tot.edges;
  sum->seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return true;
}

}  // namespace tia
