// `tia audit` as text: one block per section, summaries before details.
#include <algorithm>
#include <cstdio>
#include <set>

#include "tia/audit/format.h"

namespace tia {
namespace {

std::string Pct(double p) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f %%", p);
  return buf;
}

std::string Fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.*f", digits, v);
  return buf;
}

std::string Directive(const AuditModel& m, uint32_t e) {
  const IncludeEdge& ie = m.includes()[e];
  bool angled = m.IsSystem(ie.to);
  return m.Rel(ie.from) + ":" + std::to_string(ie.line) + " #include " + (angled ? "<" : "\"") +
         ie.spelled + (angled ? ">" : "\"");
}

std::string Pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

void Cycles(const AuditModel& m, const AuditReport& r, std::ostream& out) {
  out << "== include cycles: " << r.cycles.size() << " ==\n";
  for (size_t i = 0; i < r.cycles.size(); ++i) {
    const IncludeCycle& c = r.cycles[i];
    out << "cycle " << i + 1 << " (" << c.files.size() << " files):\n";
    for (uint32_t e : c.loop) out << "  " << Directive(m, e) << "\n";
    if (c.edges.size() > c.loop.size())
      out << "  (" << c.edges.size() - c.loop.size()
          << " more include lines inside the cycle; --format json lists them)\n";
  }
}

void Hubs(const AuditModel& m, const AuditReport& r, std::ostream& out) {
  out << "== hubs: the " << r.hubs.size() << " costliest of " << r.headers_total
      << " project headers ==\n";
  if (r.hubs.empty()) return;
  size_t w = 6;
  for (const HubCost& h : r.hubs) w = std::max(w, m.Rel(h.file).size());
  out << "  " << Pad("header", w) << "  TUs  includers  file-level: tests    time"
      << "   per function: tests    time\n";
  for (const HubCost& h : r.hubs) {
    char line[256];
    std::snprintf(line, sizeof(line), "%5zu %10zu %19zu %8s %21s %8s", h.tus, h.includers,
                  h.file_tests, FormatSeconds(h.file_seconds).c_str(),
                  h.functions ? Fixed(h.function_tests, 1).c_str() : "-",
                  h.functions ? FormatSeconds(h.function_seconds).c_str() : "-");
    out << "  " << Pad(m.Rel(h.file), w) << line << "\n";
  }
  const HubCost& top = r.hubs[0];
  out << "Editing " << m.Rel(top.file) << " costs CI " << Fixed(top.file_seconds / 60.0, 2)
      << " minutes (" << top.file_tests << (top.file_tests == 1 ? " test" : " tests");
  if (top.file_unmeasured) out << ", " << top.file_unmeasured << " without a recorded duration";
  out << ")";
  if (top.functions)
    out << "; changing one of its " << top.functions
        << (top.functions == 1 ? " function costs " : " functions costs ")
        << Fixed(top.function_seconds / 60.0, 2) << " minutes on average ("
        << Fixed(top.function_tests, 1) << " tests)";
  out << ".\n";
  if (!m.has_durations()) out << "(no test durations are recorded yet: `tia run` records them)\n";
}

void Leaks(const AuditModel& m, const AuditReport& r, std::ostream& out) {
  out << "== test code in production: " << r.leaks.size() << " ==\n";
  std::vector<std::string> tests, prod;
  for (size_t t = 0; t < m.build().targets.size(); ++t) {
    const Target& tg = m.build().targets[t];
    if (tg.type == "UTILITY" || tg.type == "INTERFACE_LIBRARY") continue;
    (m.IsTestTarget(static_cast<int>(t)) ? tests : prod).push_back(tg.name);
  }
  std::sort(tests.begin(), tests.end());
  std::sort(prod.begin(), prod.end());
  auto list = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s.empty() ? std::string("none") : s;
  };
  out << "(test targets: executables CTest runs, and libraries of test code linked only into "
         "them: "
      << list(tests) << "; production: " << list(prod) << ")\n";
  for (const TestLeak& l : r.leaks) {
    out << m.Rel(l.tu_file) << " (target " << m.build().targets[l.target].name << ") includes "
        << m.Rel(l.header) << "\n";
    for (size_t i = 0; i < l.chain.size(); ++i)
      out << "  " << (i ? "→ " : "") << Directive(m, l.chain[i]) << "\n";
  }
}

void Coverage(const AuditModel& m, const AuditReport& r, std::ostream& out) {
  const StaticCoverage& c = r.coverage;
  out << "== static coverage: " << c.reached << " of " << c.functions.size()
      << " project functions reached by a test (" << Pct(c.Percent()) << ") ==\n";
  out << "(reached over the code graph from the test cases: an upper bound of what the tests "
         "run)\n";
  if (m.tests().executables().empty())
    out << "(no CTest test runs an executable of the build: are the tests configured and "
           "built?)\n";
  auto table = [&](const char* title, const std::vector<CoverageGroup>& groups) {
    out << title << ":\n";
    size_t w = 4;
    for (const auto& g : groups) w = std::max(w, g.name.size());
    for (const auto& g : groups) {
      char line[96];
      std::snprintf(line, sizeof(line), "%6zu/%-6zu %7s", g.reached, g.functions,
                    Pct(g.Percent()).c_str());
      out << "  " << Pad(g.name, w) << line << "\n";
    }
  };
  table("by directory", c.directories);
  table("by target", c.targets);
  size_t unreached = c.functions.size() - c.reached;
  out << "unreached functions (" << unreached << "):\n";
  for (const CoveredFunction& f : c.functions)
    if (!f.reached)
      out << "  " << m.Rel(f.file) << ":" << f.line << " "
          << m.graph().symbol(f.node).qualified_name << "\n";
}

void Unused(const AuditModel& m, const AuditReport& r, std::ostream& out) {
  out << "== unused includes: " << r.unused.size() << " ==\n";
  for (const UnusedInclude& u : r.unused) out << Directive(m, u.edge) << "\n";
}

}  // namespace

std::string FormatSeconds(double seconds) {
  char buf[32];
  if (seconds < 60)
    std::snprintf(buf, sizeof(buf), "%.1f s", seconds);
  else
    std::snprintf(buf, sizeof(buf), "%.1f min", seconds / 60.0);
  return buf;
}

void PrintAuditText(const AuditModel& m, const AuditReport& r, std::ostream& out) {
  bool first = true;
  for (AuditSection s : r.sections) {
    if (!first) out << "\n";
    first = false;
    switch (s) {
      case AuditSection::kCycles:
        Cycles(m, r, out);
        break;
      case AuditSection::kHubs:
        Hubs(m, r, out);
        break;
      case AuditSection::kTestLeaks:
        Leaks(m, r, out);
        break;
      case AuditSection::kCoverage:
        Coverage(m, r, out);
        break;
      case AuditSection::kUnusedIncludes:
        Unused(m, r, out);
        break;
    }
  }
}

}  // namespace tia
