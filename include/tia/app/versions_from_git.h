// Indexing file versions that only git holds: the base version of a changed file that no
// index run ever saw (a fresh CI checkout indexes only the head). A TU that reads the file
// is parsed with its compile command while libclang reads every changed file of that side
// of the diff from git (unsaved files); the facts are stored as the shard of that blob.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "tia/graph/code_graph.h"
#include "tia/select/versions.h"
#include "tia/vcs/repo.h"

namespace tia::app {

// What IndexVersionsFromGit did, for --verbose and tests.
struct VersionsFromGitStats {
  int wanted = 0;   // versions asked for
  int indexed = 0;  // of them, now with a shard
  int parses = 0;   // TUs parsed (at most one per wanted version)
  double seconds = 0;
};

// Indexes `missing` (versions without a shard) into the database at `db_path`. TUs come
// from BUILD/compile_commands.json: the file's own TU for a source, else a TU of `graph`
// that reads it, chosen so that one parse covers as many missing versions as possible.
// A version no TU reads stays missing (selection then falls back to the file level).
// `verbose` (may be null) gets one line per parse. False only on setup errors (compile
// database, database).
[[nodiscard]] bool IndexVersionsFromGit(const std::string& build_dir, const std::string& db_path,
                                        const Repo& repo, const CodeGraph& graph,
                                        const std::vector<FileChange>& changes,
                                        const std::vector<NeededVersion>& missing,
                                        std::ostream* verbose, VersionsFromGitStats* stats,
                                        std::string* err);

}  // namespace tia::app
