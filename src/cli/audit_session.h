// Opening the index for `tia deps`, `tia rdeps` and `tia audit`: the flags they share and
// the loading of a selection session plus the audit model.
#pragma once

#include <iostream>
#include <string>

#include "command.h"
#include "tia/app/session.h"
#include "tia/audit/model.h"

namespace tia::cli {

struct AuditSessionOptions {
  app::OpenOptions session;
  bool no_index = false;
};

inline void AddAuditSessionFlags(CLI::App* cmd, AuditSessionOptions* o) {
  cmd->add_option("-p,--build-dir", o->session.build_dir, "Build directory (default: build)");
  cmd->add_option("--db", o->session.db_path, "Database path (default: BUILD/tia.db)");
  cmd->add_option("-j,--jobs", o->session.jobs, "Index workers (default: cores)");
  cmd->add_flag("--no-index", o->no_index, "Use the index as it is; do not update it first");
}

// Loads the session (indexing first unless --no-index; no git repository needed) and the
// audit model over it.
inline bool OpenAudit(AuditSessionOptions& o, Session* s, AuditModel* m, std::string* err) {
  o.session.index = !o.no_index;
  o.session.need_repo = false;
  if (!app::OpenSession(o.session, std::cerr, s, err)) return false;
  return m->Load(s->context(), err);
}

}  // namespace tia::cli
