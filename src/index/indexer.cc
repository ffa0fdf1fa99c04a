// TuIndexer: one translation unit through libclang's indexing API (clang_indexSourceFile),
// in three steps: parse (dropping flags clang rejects and parsing again), collect the
// inputs (every file read, with its content id), collect the entities the facts name.
// The facts themselves come from the collector (collector.h).
#include "tia/index/indexer.h"

#include <clang-c/Index.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "clang_util.h"
#include "collector.h"
#include "tia/util/fs.h"
#include "tia/util/hash.h"
#include "tia/util/strings.h"
#include "tu_state.h"
#include "vfs_overlay.h"

#ifndef TIA_LLVM_ROOT
#define TIA_LLVM_ROOT "/usr/lib/llvm-14"
#endif

namespace tia {

using namespace index_internal;

namespace {

// Bumped when the indexer's output changes, so every TU is re-indexed once.
constexpr const char kIndexerVersion[] = "tia-indexer-9";

// How many times a TU is parsed at most when clang rejects some of its flags.
constexpr int kMaxParses = 3;

// One parse of a TU: the index action it ran in, the facts collected and the translation
// unit libclang made (null when it made none). Members are destroyed in reverse order: the
// unit before the action, which must outlive the units made in it.
struct Parse {
  ClangIndexAction action;
  std::unique_ptr<TuState> st;
  ClangTu tu;
  int rc = 0;

  bool ok() const { return tu && rc == 0; }
};

// The flags of "unknown argument: '-fgcc-only'" diagnostics.
std::vector<std::string> UnknownArguments(const std::vector<Diagnostic>& diagnostics) {
  const std::string p = "unknown argument: '";
  std::vector<std::string> unknown;
  for (const Diagnostic& d : diagnostics)
    if (StartsWith(d.message, p) && d.message.size() > p.size() + 1)
      unknown.push_back(d.message.substr(p.size(), d.message.size() - p.size() - 1));
  return unknown;
}

// The diagnostic of a TU libclang made no translation unit for and reported nothing about:
// libclang says only "error 1" for a source it cannot read, so the reason is named.
Diagnostic ParseFailure(const CompileCommand& cmd, int rc) {
  Diagnostic d;
  d.severity = CXDiagnostic_Fatal;
  d.file = cmd.file;
  struct stat s;
  if (::stat(cmd.file.c_str(), &s) != 0)
    d.message = std::string(errno == ENOENT ? "the file does not exist" : std::strerror(errno)) +
                " (listed in compile_commands.json)";
  else if (!S_ISREG(s.st_mode))
    d.message = "not a regular file (listed in compile_commands.json)";
  else
    d.message = "libclang could not parse the file (error " + std::to_string(rc) + ")";
  return d;
}

// Every entity the facts of `out`'s shards name (for symbol rows with names), and the
// aliases of folded specializations whose canonical symbol is one of them.
void CollectEntities(const TuState& st, IndexedTu* out) {
  std::unordered_set<std::string> used;
  for (const Shard& s : out->shards) {
    for (const EdgeFact& e : s.edges) {
      used.insert(e.src_usr);
      used.insert(e.dst_usr);
    }
    for (const TestCaseFact& t : s.tests) {
      used.insert(t.body_usr);
      used.insert(t.fixture_usr);
    }
  }
  for (const std::string& u : used) {
    auto it = st.entities.find(u);
    if (it != st.entities.end()) out->entities.push_back(it->second);
  }
  for (const auto& [raw, c] : st.canon)
    if (raw != c.usr && used.count(c.usr)) out->aliases.emplace_back(raw, c.usr);
}

struct CachedId {
  FileStamp stamp;
  std::string id;
};

}  // namespace

struct TuIndexer::Impl {
  IndexerOptions opts;
  LibclangArgsOptions args_opts;
  ClangIndex index;
  // For TUs that load a shared prefix: cursor visits (the macro pass) stay out of the
  // declarations and preprocessing record of the precompiled header.
  ClangIndex local_index;
  // Content ids of files this worker hashed, by path, valid while the stamp is unchanged.
  std::unordered_map<std::string, CachedId> ids;

  // Blob ids of the unsaved files of the TU being indexed, by path.
  std::unordered_map<std::string, std::string> unsaved_ids;

  std::string ContentId(CXTranslationUnit tu, CXFile f, const std::string& path) {
    if (auto u = unsaved_ids.find(path); u != unsaved_ids.end()) return u->second;
    std::optional<FileStamp> s = StatFile(path);
    if (s) {
      auto it = ids.find(path);
      if (it != ids.end() && it->second.stamp == *s) return it->second.id;
    }
    size_t size = 0;
    const char* data = clang_getFileContents(tu, f, &size);
    std::string id = GitBlobId(std::string_view(data ? data : "", data ? size : 0));
    if (s) ids[path] = {*s, id};
    return id;
  }

  // One parse of `cmd` with `args`, the collector filling a new TuState.
  Parse ParseOnce(const CompileCommand& cmd, const std::vector<std::string>& args,
                  unsigned extra_tu_opts = 0, CXIndex in = nullptr) {
    IndexerCallbacks cb = CollectorCallbacks();
    unsigned index_opts =
        CXIndexOpt_IndexImplicitTemplateInstantiations | CXIndexOpt_SuppressWarnings;
    if (opts.skip_parsed_bodies) index_opts |= CXIndexOpt_SkipParsedBodiesInSession;
    unsigned tu_opts =
        CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_KeepGoing | extra_tu_opts;
    // The full command line, led by the path of the clang this libclang belongs to: the
    // driver finds the GCC installation (libstdc++'s headers) relative to it, as the
    // `clang` binary does. Without it the driver looks under "/../lib/gcc", a path the
    // -ivfsoverlay file system of other file versions does not resolve: every standard
    // header would then be missing from the parse.
    const std::string clang_path = std::string(TIA_LLVM_ROOT) + "/bin/clang";
    std::vector<const char*> argv = {clang_path.c_str()};
    for (const auto& a : args) argv.push_back(a.c_str());
    Parse p;
    p.st = std::make_unique<TuState>();
    p.st->cmd = &cmd;
    // One indexing session per TU: with SkipParsedBodiesInSession, libclang then skips
    // the bodies of system headers only. A session shared by several TUs would also skip
    // project header bodies parsed for an earlier TU, and with them every implicit
    // instantiation this TU makes of a template defined there: the calls an instantiation
    // makes through its template arguments (`t.f()` with T = this TU's type) would be lost.
    p.action.reset(clang_IndexAction_create(in ? in : index.get()));
    CXTranslationUnit tu = nullptr;
    p.rc = clang_indexSourceFileFullArgv(p.action.get(), p.st.get(), &cb, sizeof(cb), index_opts,
                                         cmd.file.c_str(), argv.data(),
                                         static_cast<int>(argv.size()), nullptr, 0, &tu, tu_opts);
    p.tu.reset(tu);
    return p;
  }

  // Parses `cmd`. Flags clang rejects ("unknown argument: '-fgcc-only'") are dropped (and
  // added to `dropped`) and the TU parsed again; the last parse stands whatever it reports.
  Parse ParseWithRetries(const CompileCommand& cmd, std::vector<std::string> args,
                         std::vector<std::string>* dropped) {
    for (int attempt = 1;; ++attempt) {
      Parse p = ParseOnce(cmd, args);
      std::vector<std::string> unknown = UnknownArguments(p.st->diagnostics);
      if (unknown.empty() || attempt == kMaxParses) return p;
      size_t before = args.size();
      for (const auto& u : unknown) {
        auto it = std::find(args.begin(), args.end(), u);
        if (it != args.end()) {
          dropped->push_back(u);
          args.erase(it);
        }
      }
      if (args.size() == before) return p;  // nothing left to drop: this parse stands
    }
  }

  // Every file the TU read (the main file and the inclusion closure) as an input with its
  // content id; the shards of project files read move to `out`, system files get a shard
  // without facts.
  void CollectInputs(const CompileCommand& cmd, CXTranslationUnit tu, TuState* st, IndexedTu* out) {
    std::vector<CXFile> read;
    read.push_back(clang_getFile(tu, cmd.file.c_str()));
    clang_getInclusions(
        tu,
        [](CXFile f, CXSourceLocation*, unsigned, CXClientData d) {
          static_cast<std::vector<CXFile>*>(d)->push_back(f);
        },
        &read);
    std::unordered_set<std::string> seen;
    for (CXFile f : read) {
      if (!f) continue;
      CXSourceLocation loc = clang_getLocationForOffset(tu, f, 0);
      FileInfo& fi = st->File(f, loc);
      std::string path = fi.shard ? fi.shard->path : st->Path(f);
      if (!seen.insert(path).second) continue;
      std::string id = ContentId(tu, f, path);
      out->record.inputs.emplace_back(path, id);
      if (fi.shard) {
        fi.shard->content_id = id;
      } else {
        Shard sys;
        sys.path = path;
        sys.content_id = id;
        sys.is_system = true;
        out->shards.push_back(std::move(sys));
      }
    }
    for (auto& sh : st->shards) {
      if (sh->content_id.empty()) continue;  // a file with facts but not read? skip
      out->shards.push_back(std::move(*sh));
    }
  }

  // The facts of a parse that made a translation unit, into `out`.
  void Complete(const CompileCommand& cmd, Parse& p, IndexedTu* out) {
    DropCompileTimeUses(p.st.get(), p.tu.get());
    WalkPreprocessingRecord(p.tu.get(), p.st.get());
    LinkLambdas(p.st.get());
    CollectInputs(cmd, p.tu.get(), p.st.get(), out);
    CollectEntities(*p.st, out);
  }

  // Loading `prefix` changes nothing the TU sees (shared_prefix.h): no file of `before` is
  // read by the prefix, and no guard they define is named in the prefix's project files
  // (with the prefix loaded first, those guards are not yet defined while it is parsed).
  static bool PrefixApplies(const SharedPrefix& prefix, const std::vector<ChainLink>& before) {
    if (before.empty()) return false;
    for (const ChainLink& l : before) {
      if (prefix.paths.count(l.path)) return false;
      if (!l.guard.empty() && prefix.identifiers.count(l.guard)) return false;
    }
    return true;
  }

  // True when the shard of `includer` records an #include that resolved to `header`.
  static bool Includes(const TuState& st, const std::string& includer, const std::string& header) {
    for (const auto& sh : st.shards) {
      if (sh->path != includer) continue;
      for (const IncludeFact& i : sh->includes)
        if (i.target_path == header) return true;
    }
    return false;
  }

  // The facts of the prefix, added to a TU's that loaded it.
  static void AddPrefixFacts(const SharedPrefix& prefix, IndexedTu* out) {
    std::unordered_set<std::string> have;
    for (const auto& in : out->record.inputs) have.insert(in.first);
    for (const auto& in : prefix.facts.record.inputs)
      if (have.insert(in.first).second) out->record.inputs.push_back(in);
    // A file both read may hold facts from each (a header without a guard read again):
    // the writer keeps the union of a file's facts, as for a file included twice.
    out->shards.insert(out->shards.end(), prefix.facts.shards.begin(), prefix.facts.shards.end());
    out->entities.insert(out->entities.end(), prefix.facts.entities.begin(),
                         prefix.facts.entities.end());
    out->aliases.insert(out->aliases.end(), prefix.facts.aliases.begin(),
                        prefix.facts.aliases.end());
  }

  IndexedTu Run(const CompileCommand& cmd, const std::vector<UnsavedFile>& unsaved,
                const SharedPrefix* prefix, const std::vector<ChainLink>* before) {
    auto t0 = std::chrono::steady_clock::now();
    unsaved_ids.clear();
    for (const UnsavedFile& u : unsaved) unsaved_ids[u.path] = GitBlobId(u.contents);
    // Other versions of files reach clang through a virtual file system overlay (files in
    // a scratch directory standing in for their real paths, which need not exist).
    VfsOverlay overlay(unsaved);
    IndexedTu out;
    TuRecord& rec = out.record;
    rec.key = cmd.key;
    rec.file = cmd.file;
    rec.directory = cmd.directory;
    rec.arguments = cmd.arguments;
    rec.command_hash = CommandHash(cmd);

    std::vector<std::string> args = AdjustForLibclang(cmd, args_opts);
    if (!overlay.path().empty()) {
      args.push_back("-ivfsoverlay");
      args.push_back(overlay.path());
    }
    bool done = false;
    if (prefix && before && unsaved.empty() && PrefixApplies(*prefix, *before)) {
      std::vector<std::string> with = args;
      with.push_back("-include-pch");
      with.push_back(prefix->pch);
      Parse p = ParseOnce(cmd, with, 0, local_index.get());
      // Anything unexpected (an error, the chain's #include resolved elsewhere) and the TU
      // is parsed as usual instead: its facts and diagnostics are then those of that parse.
      if (p.ok() && p.st->diagnostics.empty() &&
          Includes(*p.st, before->back().path, prefix->header)) {
        rec.status = TuStatus::kOk;
        Complete(cmd, p, &out);
        AddPrefixFacts(*prefix, &out);
        out.prefix = prefix->header;
        done = true;
      }
    }  // the translation unit is disposed of here, inside the measured time
    if (!done) {
      Parse p = ParseWithRetries(cmd, std::move(args), &out.dropped_args);
      rec.diagnostics = std::move(p.st->diagnostics);
      if (!p.ok()) {
        rec.status = TuStatus::kFailed;
        if (rec.diagnostics.empty()) rec.diagnostics.push_back(ParseFailure(cmd, p.rc));
        CollectFailedInput(cmd, &rec);
      } else {
        rec.status = rec.diagnostics.empty() ? TuStatus::kOk : TuStatus::kErrors;
        Complete(cmd, p, &out);
      }
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rec.parse_us = static_cast<int64_t>(out.seconds * 1e6);
    return out;
  }

  // The input of a TU that failed to parse: its main file as on disk or as unsaved.
  void CollectFailedInput(const CompileCommand& cmd, TuRecord* rec) {
    std::string text, e;
    std::string id = ReadFile(cmd.file, &text, &e) ? GitBlobId(text) : "";
    if (auto u = unsaved_ids.find(cmd.file); u != unsaved_ids.end()) id = u->second;
    rec->inputs.emplace_back(cmd.file, id);
  }
};

TuIndexer::TuIndexer(const IndexerOptions& opts) : impl_(std::make_unique<Impl>()) {
  impl_->opts = opts;
  impl_->args_opts.resource_dir = opts.resource_dir.empty() ? FindResourceDir() : opts.resource_dir;
  impl_->index.reset(clang_createIndex(/*excludeDeclarationsFromPCH=*/0, /*displayDiagnostics=*/0));
  impl_->local_index.reset(
      clang_createIndex(/*excludeDeclarationsFromPCH=*/1, /*displayDiagnostics=*/0));
}

TuIndexer::~TuIndexer() = default;

IndexedTu TuIndexer::Index(const CompileCommand& cmd, const std::vector<UnsavedFile>& unsaved) {
  return impl_->Run(cmd, unsaved, nullptr, nullptr);
}

IndexedTu TuIndexer::IndexWithPrefix(const CompileCommand& cmd, const SharedPrefix& prefix,
                                     const std::vector<ChainLink>& before) {
  return impl_->Run(cmd, {}, &prefix, &before);
}

std::unique_ptr<SharedPrefix> TuIndexer::BuildPrefix(const CompileCommand& builder,
                                                     const std::string& header,
                                                     const std::string& pch, Diagnostic* why) {
  impl_->unsaved_ids.clear();
  CompileCommand hc = builder;
  hc.file = header;
  std::vector<std::string> args = AdjustForLibclang(builder, impl_->args_opts);
  args.insert(args.begin(), {"-x", "c-header"});
  // Incomplete: the end of a TU (C's tentative definitions made definitions) is left to
  // the TUs that load it, as for any precompiled header.
  Parse p =
      impl_->ParseOnce(hc, args, CXTranslationUnit_ForSerialization | CXTranslationUnit_Incomplete);
  *why = Diagnostic{};
  if (!p.ok()) {
    why->message = "libclang could not parse it";
    return nullptr;
  }
  if (!p.st->diagnostics.empty()) {
    *why = p.st->diagnostics.front();
    return nullptr;
  }
  auto pre = std::make_unique<SharedPrefix>();
  pre->header = header;
  pre->pch = pch;
  impl_->Complete(hc, p, &pre->facts);
  for (const auto& in : pre->facts.record.inputs) pre->paths.insert(in.first);
  for (const Shard& s : pre->facts.shards) {
    if (s.is_system) continue;
    // The text the parse read, as libclang holds it.
    CXFile f = clang_getFile(p.tu.get(), s.path.c_str());
    size_t size = 0;
    const char* data = f ? clang_getFileContents(p.tu.get(), f, &size) : nullptr;
    if (!data) {
      why->message = s.path + ": not among the files the parse read";
      return nullptr;
    }
    const std::string_view text(data, size);
    for (size_t i = 0; i < text.size();) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (!std::isalpha(c) && c != '_') {
        ++i;
        continue;
      }
      size_t b = i;
      while (i < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_'))
        ++i;
      pre->identifiers.emplace(text.substr(b, i - b));
    }
  }
  // What differs once the header is the main file: the main file's name and the include
  // depth, and #include_next, which in a main file searches from the first directory.
  for (const char* m : {"__BASE_FILE__", "__INCLUDE_LEVEL__", "include_next"}) {
    if (pre->identifiers.count(m)) {
      why->message = std::string("its files name ") + m;
      return nullptr;
    }
  }
  if (clang_saveTranslationUnit(p.tu.get(), pch.c_str(), clang_defaultSaveOptions(p.tu.get())) !=
      CXSaveError_None) {
    why->message = "libclang could not save it to " + pch;
    return nullptr;
  }
  return pre;
}

KeepWorkingDirectory::KeepWorkingDirectory() {
  std::error_code ec;
  dir_ = std::filesystem::current_path(ec).string();
}

KeepWorkingDirectory::~KeepWorkingDirectory() {
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::current_path(dir_, ec);
}

const char* IndexerVersion() {
  return kIndexerVersion;
}

std::string CommandHash(const CompileCommand& cmd) {
  std::string buf = kIndexerVersion;
  buf.push_back('\0');
  buf += cmd.directory;
  for (const auto& a : cmd.arguments) {
    buf.push_back('\0');
    buf += a;
  }
  return Hash128Hex(buf);
}

std::string FindResourceDir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path base = fs::path(TIA_LLVM_ROOT) / "lib" / "clang";
  std::string best;
  for (const auto& e : fs::directory_iterator(base, ec)) {
    if (!e.is_directory(ec)) continue;
    std::string p = e.path().string();
    if (fs::exists(e.path() / "include" / "stddef.h", ec) && p > best) best = p;
  }
  return best;
}

}  // namespace tia
