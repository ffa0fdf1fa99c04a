// `tia audit [SECTION...]`: include cycles, hub headers, test code in production, static
// coverage and unused includes, as text, JSON or an HTML report, with CI gates.
#include <fstream>
#include <iostream>
#include <sstream>

#include "audit_session.h"
#include "tia/audit/format.h"
#include "tia/util/fs.h"

namespace tia::cli {
namespace {

struct AuditCliOptions {
  AuditSessionOptions open;
  std::vector<std::string> sections;
  std::string format = "text";
  std::string output;
  std::string fail_on;
  size_t top = 20;
};

AuditSection SectionOf(const std::string& name) {
  if (name == "cycles") return AuditSection::kCycles;
  if (name == "hubs") return AuditSection::kHubs;
  if (name == "test-leaks") return AuditSection::kTestLeaks;
  if (name == "coverage") return AuditSection::kCoverage;
  return AuditSection::kUnusedIncludes;
}

int RunAuditCommand(AuditCliOptions& o) {
  FailOn gate;
  std::string err;
  if (!o.fail_on.empty() && !ParseFailOn(o.fail_on, &gate, &err)) return Fail(err);
  std::vector<AuditSection> sections;
  for (const std::string& s : o.sections) sections.push_back(SectionOf(s));
  if (sections.empty())
    sections = {AuditSection::kCycles, AuditSection::kHubs, AuditSection::kTestLeaks,
                AuditSection::kCoverage, AuditSection::kUnusedIncludes};
  for (AuditSection s : SectionsFor(gate)) sections.push_back(s);
  Session s;
  AuditModel m;
  if (!OpenAudit(o.open, &s, &m, &err)) return Fail(err);
  AuditReport report;
  HubOptions hubs;
  hubs.top = o.top;
  RunAudit(m, sections, hubs, &report);
  std::ostringstream text;
  if (o.format == "json") {
    PrintAuditJson(m, report, text);
  } else if (o.format == "html") {
    if (!WriteAuditHtml(m, report, text, &err)) return Fail(err);
  } else {
    PrintAuditText(m, report, text);
  }
  if (o.output.empty()) {
    std::cout << text.str();
  } else {
    if (!WriteFileAtomic(o.output, text.str(), &err)) return Fail(err);
    std::cerr << "tia: wrote " << o.output << "\n";
  }
  std::vector<std::string> hits = FailOnHits(report, gate);
  for (const std::string& h : hits) std::cerr << "tia: audit failed: " << h << "\n";
  return hits.empty() ? kExitOk : kExitGateFailed;
}

Command audit_cmd(45, [](CLI::App& app) -> Command::Runner {
  auto o = std::make_shared<AuditCliOptions>();
  auto* cmd = app.add_subcommand(
      "audit", "Audit the include graph and static test coverage (all sections, or those named)");
  cmd->add_option("SECTION", o->sections,
                  "cycles, hubs, test-leaks, coverage, unused-includes (default: all)")
      ->check(CLI::IsMember({"cycles", "hubs", "test-leaks", "coverage", "unused-includes"}));
  AddAuditSessionFlags(cmd, &o->open);
  cmd->add_option("--format", o->format, "Output: text, json, html")
      ->check(CLI::IsMember({"text", "json", "html"}));
  cmd->add_option("-o,--output", o->output, "Write the output to FILE instead of stdout");
  cmd->add_option("--top", o->top, "Hubs to rank and measure (default: 20)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--fail-on", o->fail_on,
                  "Exit 1 when a condition holds: cycles, test-leaks, unused-includes, coverage<P");
  return [o] { return RunAuditCommand(*o); };
});

}  // namespace
}  // namespace tia::cli
