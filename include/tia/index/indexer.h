// Indexing one translation unit with the libclang indexing API: symbols, edges, includes
// and test cases, grouped into one shard per file the TU read.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "tia/buildmodel/compile_db.h"
#include "tia/index/shared_prefix.h"
#include "tia/store/facts.h"

namespace tia {

// Options of TuIndexer.
struct IndexerOptions {
  // clang's builtin headers; empty = FindResourceDir().
  std::string resource_dir;
  // CXIndexOpt_SkipParsedBodiesInSession in one session per TU: the function bodies of
  // system headers are skipped (calls located there are not recorded anyway); project
  // header bodies are parsed in every TU, so no template instantiation is lost
  // (docs/indexing.md).
  bool skip_parsed_bodies = true;
};

// What indexing one compile command produced.
struct IndexedTu {
  TuRecord record;
  std::vector<Shard> shards;         // one per file read (system files without facts)
  std::vector<SymbolFact> entities;  // every symbol the edges mention, for naming
  // (specialization USR, the USR its facts are recorded under) for folded specializations
  std::vector<std::pair<std::string, std::string>> aliases;
  std::vector<std::string> dropped_args;  // flags removed after clang rejected them
  std::string prefix;  // the header of the shared prefix it loaded (shared_prefix.h), or ""
  double seconds = 0;
};

// A file's contents given to libclang instead of what the disk holds (another version of
// the file, from git); `path` absolute and normalized like the index's paths.
struct UnsavedFile {
  std::string path;
  std::string contents;
};

// A shared prefix (shared_prefix.h) once built: the header parsed as a precompiled header,
// and the facts of every file that parse read, which each TU loading it takes as its own.
struct SharedPrefix {
  std::string header;  // absolute path
  std::string pch;     // the precompiled header file
  IndexedTu facts;     // shards, inputs (facts.record.inputs), entities and aliases
  std::unordered_set<std::string> paths;        // the paths of facts.record.inputs
  std::unordered_set<std::string> identifiers;  // every identifier in its project files
};

// Indexes TUs one at a time. Owns a CXIndex (one index action per TU): use one per thread.
class TuIndexer {
 public:
  explicit TuIndexer(const IndexerOptions& opts);
  ~TuIndexer();
  TuIndexer(const TuIndexer&) = delete;
  TuIndexer& operator=(const TuIndexer&) = delete;

  // Parses and indexes `cmd`. Never fails as a whole: a TU libclang cannot parse comes
  // back with status kFailed and its diagnostics. Files in `unsaved` are read from there
  // (their shards carry the blob id of those contents), every other file from the disk.
  IndexedTu Index(const CompileCommand& cmd, const std::vector<UnsavedFile>& unsaved = {});

  // Indexes `cmd` loading `prefix` (planned by PlanSharedPrefixes: `before` is the main file
  // and the headers before the prefix's on the TU's leading include chain). The facts are
  // those Index(cmd) records: the TU is parsed without the prefix where loading it could
  // change what the TU sees (a guard on the chain named in the prefix's files, a chain
  // file the prefix reads), where the first #include of the chain's last file did not
  // name the prefix's header, and where the parse reports an error.
  IndexedTu IndexWithPrefix(const CompileCommand& cmd, const SharedPrefix& prefix,
                            const std::vector<ChainLink>& before);

  // Parses `header` with the arguments of `builder` (its source aside) as a C header, saves
  // it to `pch` and collects the facts of every file it reads. Null, with `why` set, when
  // it cannot be shared: an error in the parse (`why` is that error), a prefix that names
  // __BASE_FILE__, __INCLUDE_LEVEL__ or #include_next (which differ once it is parsed
  // alone), a failed save (`why` has a message and no file).
  std::unique_ptr<SharedPrefix> BuildPrefix(const CompileCommand& builder,
                                            const std::string& header, const std::string& pch,
                                            Diagnostic* why);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// libclang's driver applies a command's -working-directory to the whole process (a
// chdir from its parsing thread). Held while TUs are indexed, this puts the caller's
// working directory back when it goes out of scope, so relative paths given on the
// command line keep their meaning afterwards.
class KeepWorkingDirectory {
 public:
  KeepWorkingDirectory();
  ~KeepWorkingDirectory();
  KeepWorkingDirectory(const KeepWorkingDirectory&) = delete;
  KeepWorkingDirectory& operator=(const KeepWorkingDirectory&) = delete;

 private:
  std::string dir_;
};

// The version of the facts the indexer records; bumped whenever they change. A database
// whose facts another version made is rebuilt by `tia index` (shards are keyed by content,
// so re-parsing alone would add the new facts to the old ones).
const char* IndexerVersion();

// The hash that decides whether a TU's command changed: directory, arguments and the
// indexer's format version.
std::string CommandHash(const CompileCommand& cmd);

// TIA_LLVM_ROOT/lib/clang/<version> of the libclang tia was built with ("" if absent).
std::string FindResourceDir();

}  // namespace tia
