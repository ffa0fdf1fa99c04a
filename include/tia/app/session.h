// Opening a selection session the way the commands do: the index brought up to date first
// (an incremental `tia index`), then everything loaded from it. Orchestration above index
// and select, so that select never runs the indexer.
#pragma once

#include <ostream>
#include <string>

#include "tia/select/session.h"

namespace tia::app {

struct OpenOptions : SessionOptions {
  bool index = true;  // bring the index up to date first (incremental)
  int jobs = 0;       // workers of that index run (0: one per core)
};

// Indexes (when `o.index`; progress and summary go to `log`), then opens `s`.
[[nodiscard]] bool OpenSession(const OpenOptions& o, std::ostream& log, Session* s,
                               std::string* err);

}  // namespace tia::app
