// `tia deps FILE` and `tia rdeps FILE`: the include closure of a file in either direction,
// and for rdeps the TUs that read it and the tests a change to it selects.
#include <iostream>

#include "audit_session.h"
#include "tia/audit/format.h"

namespace tia::cli {
namespace {

struct DepsCliOptions {
  AuditSessionOptions open;
  std::string file;
  std::string format = "text";
  int depth = 0;
  bool tree = false;
  bool system = false;
  bool tus = false;
  bool tests = false;
};

int RunDeps(DepsCliOptions& o, bool reverse) {
  Session s;
  AuditModel m;
  std::string err;
  if (!OpenAudit(o.open, &s, &m, &err)) return Fail(err);
  uint32_t f = 0;
  if (!m.ResolveFile(o.file, &f, &err)) return Fail(err);
  DepsOptions d;
  d.reverse = reverse;
  d.depth = o.depth;
  d.system = o.system;
  DepsResult result = ComputeDeps(m, f, d);
  DepsExtras x;
  if (o.tus) {
    x.tus = true;
    x.reading = TusReadingFile(m, f);
  }
  if (o.tests) {
    x.tests = true;
    x.file_tests = TestsOfFile(m, f);
  }
  if (o.format == "json")
    PrintDepsJson(m, result, x, std::cout);
  else if (o.format == "dot")
    PrintDepsDot(m, result, std::cout);
  else
    PrintDepsText(m, result, o.tree, x, std::cout);
  return kExitOk;
}

void AddFlags(CLI::App* cmd, DepsCliOptions* o) {
  cmd->add_option("FILE", o->file, "A file of the index: path, or a unique path suffix")
      ->required();
  AddAuditSessionFlags(cmd, &o->open);
  cmd->add_option("--depth", o->depth, "Follow at most N levels of #include (default: all)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--tree", o->tree, "Print the first chain to each file as a tree");
  cmd->add_flag("--system", o->system, "List system headers too (default: only counted)");
  cmd->add_option("--format", o->format, "Output: text, json, dot")
      ->check(CLI::IsMember({"text", "json", "dot"}));
}

Command deps_cmd(40, [](CLI::App& app) -> Command::Runner {
  auto o = std::make_shared<DepsCliOptions>();
  auto* cmd = app.add_subcommand("deps", "Print the files FILE includes, transitively");
  AddFlags(cmd, o.get());
  return [o] { return RunDeps(*o, false); };
});

Command rdeps_cmd(41, [](CLI::App& app) -> Command::Runner {
  auto o = std::make_shared<DepsCliOptions>();
  auto* cmd = app.add_subcommand("rdeps", "Print the files that include FILE, transitively");
  AddFlags(cmd, o.get());
  cmd->add_flag("--tus", o->tus, "Also list the TUs that read FILE, with their targets");
  cmd->add_flag("--tests", o->tests, "Also list the tests a change to FILE selects");
  return [o] { return RunDeps(*o, true); };
});

}  // namespace
}  // namespace tia::cli
