// Indexing one translation unit with the libclang indexing API: symbols, edges, includes
// and test cases, grouped into one shard per file the TU read.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tia/buildmodel/compile_db.h"
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
  double seconds = 0;
};

// A file's contents given to libclang instead of what the disk holds (another version of
// the file, from git); `path` absolute and normalized like the index's paths.
struct UnsavedFile {
  std::string path;
  std::string contents;
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
