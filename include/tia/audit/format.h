// Output of `tia audit` (text, JSON, the HTML report) and of `tia deps` / `tia rdeps`
// (text, tree, JSON, Graphviz DOT).
#pragma once

#include <ostream>
#include <string>

#include "tia/audit/audit.h"
#include "tia/audit/deps.h"

namespace tia {

void PrintAuditText(const AuditModel& m, const AuditReport& r, std::ostream& out);
void PrintAuditJson(const AuditModel& m, const AuditReport& r, std::ostream& out);
// One self-contained HTML page: inline CSS, SVG and script, nothing loaded from elsewhere.
// Graphs are laid out with Graphviz; false (err set) when Graphviz fails.
bool WriteAuditHtml(const AuditModel& m, const AuditReport& r, std::ostream& out, std::string* err);

// What `tia rdeps --tus` / `--tests` add to the closure.
struct DepsExtras {
  bool tus = false;
  std::vector<ReadingTu> reading;
  bool tests = false;
  FileTests file_tests;
};

// "file:line" rows with the directive that first brings each file in, or (tree) an
// indented tree of that first chain.
void PrintDepsText(const AuditModel& m, const DepsResult& d, bool tree, const DepsExtras& x,
                   std::ostream& out);
void PrintDepsJson(const AuditModel& m, const DepsResult& d, const DepsExtras& x,
                   std::ostream& out);
// A digraph of every include edge among the listed files.
void PrintDepsDot(const AuditModel& m, const DepsResult& d, std::ostream& out);

// "1.5 s", "2.3 min": a recorded test time for people.
std::string FormatSeconds(double seconds);

}  // namespace tia
