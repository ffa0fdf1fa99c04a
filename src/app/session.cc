// Indexing before a session opens (see tia/app/session.h).
#include "tia/app/session.h"

#include "tia/index/index_run.h"

namespace tia::app {

bool OpenSession(const OpenOptions& o, std::ostream& log, Session* s, std::string* err) {
  if (o.index) {
    IndexRunOptions io;
    if (!SessionPaths(o, &io.build_dir, &io.db_path, err)) return false;
    io.jobs = o.jobs;
    IndexRunSummary summary;
    if (!RunIndex(io, log, &summary, err)) return false;
  }
  return s->Open(o, err);
}

}  // namespace tia::app
