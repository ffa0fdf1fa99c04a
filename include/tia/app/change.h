// From a change to a selection, as `tia select`, `why` and `run` need it: the diff (or a
// patch), the file versions the selection reads that no index run saw indexed from git,
// then the selection itself. Orchestration above select and index.
#pragma once

#include <ostream>
#include <string>

#include "tia/select/selector.h"
#include "tia/select/session.h"

namespace tia::app {

struct ChangeOptions {
  std::string base;  // --base (empty: the default base)
  std::string head;  // --head (empty: the work tree)
  // --patch FILE ("-": standard input): a unified diff against `base` (default HEAD) is the
  // change, instead of the work tree or --head.
  std::string patch;
  // Index missing file versions from git (a base version no index run saw). Off with
  // --no-index: the index is then used as it is.
  bool versions_from_git = true;
  bool verbose = false;  // one line per version indexed from git
};

// Diffs, indexes missing versions and selects. Progress of on-demand indexing goes to
// `log` (with `verbose`, a line per parse and a summary).
[[nodiscard]] bool SelectChange(Session& s, const ChangeOptions& o, Selection* sel,
                                std::ostream& log, std::string* err);

}  // namespace tia::app
