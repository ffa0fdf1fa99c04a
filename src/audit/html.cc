// The self-contained HTML audit report: summary cards first, then one section per audit
// section with its pictures (Graphviz layouts of cycles and hubs, a coverage treemap, bars
// of hub cost) and its tables, whose rows travel as JSON in the page and are rendered,
// sorted and filtered by a small inline script 200 at a time, so a report of a
// 5,000-file project stays quick to open.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "html_assets.h"
#include "layout.h"
#include "report_json.h"
#include "tia/audit/format.h"
#include "treemap.h"

namespace tia {
namespace {

using audit_internal::Escape;
using Json = nlohmann::ordered_json;

constexpr size_t kMaxCycleGraphs = 12;    // cycles drawn (smallest first); all are listed
constexpr size_t kMaxGraphFiles = 40;     // a larger component is drawn as its loop only
constexpr size_t kHubGraphHubs = 6;       // hubs in the hub graph
constexpr size_t kHubGraphIncluders = 5;  // includers drawn per hub

std::string Fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), f, v);
  return buf;
}

std::string DotId(const std::string& s) {
  return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string Loc(const AuditModel& m, uint32_t edge) {
  const IncludeEdge& ie = m.includes()[edge];
  return m.Rel(ie.from) + ":" + std::to_string(ie.line);
}

std::string DirectiveText(const AuditModel& m, uint32_t edge) {
  const IncludeEdge& ie = m.includes()[edge];
  return m.IsSystem(ie.to) ? "#include <" + ie.spelled + ">" : "#include \"" + ie.spelled + "\"";
}

class HtmlWriter {
 public:
  HtmlWriter(const AuditModel& m, const AuditReport& r, std::ostream& out)
      : m_(m), r_(r), out_(out) {}
  bool Write(std::string* err);

 private:
  void Summary();
  bool Cycles(std::string* err);
  bool Hubs(std::string* err);
  void Leaks();
  void Coverage();
  void Unused();
  size_t ProjectFiles() const {
    size_t n = 0;
    for (uint32_t f = 0; f < m_.file_count(); ++f) n += !m_.IsSystem(f);
    return n;
  }
  // A table placeholder the script fills from tables_[key].
  void Table(const std::string& key, Json columns, Json rows);

  const AuditModel& m_;
  const AuditReport& r_;
  std::ostream& out_;
  audit_internal::GraphLayout layout_;
  Json tables_ = Json::object();
};

void HtmlWriter::Table(const std::string& key, Json columns, Json rows) {
  tables_[key] = Json{{"columns", std::move(columns)}, {"rows", std::move(rows)}};
  out_ << "<div class=\"tablebox\" data-table=\"" << key << "\"></div>\n";
}

void HtmlWriter::Summary() {
  out_ << "<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">\n";
  auto card = [&](const std::string& href, const std::string& value, const std::string& label,
                  int tone) {
    out_ << "<a class=\"card"
         << (tone < 0   ? " bad"
             : tone > 0 ? " good"
                        : "")
         << "\" href=\"#" << href
         << "\" style=\"text-decoration:none;color:inherit\"><div class=\"v\">" << Escape(value)
         << "</div><div class=\"k\">" << Escape(label) << "</div></a>\n";
  };
  if (r_.Has(AuditSection::kCycles))
    card("cycles", std::to_string(r_.cycles.size()), "include cycles", r_.cycles.empty() ? 1 : -1);
  if (r_.Has(AuditSection::kHubs) && !r_.hubs.empty())
    card("hubs", Fmt("%.2f min", r_.hubs[0].file_seconds / 60.0),
         "CI time of editing " + m_.Rel(r_.hubs[0].file), 0);
  if (r_.Has(AuditSection::kTestLeaks))
    card("leaks", std::to_string(r_.leaks.size()), "test headers in production TUs",
         r_.leaks.empty() ? 1 : -1);
  if (r_.Has(AuditSection::kCoverage))
    card("coverage", Fmt("%.1f %%", r_.coverage.Percent()),
         std::to_string(r_.coverage.reached) + " of " +
             std::to_string(r_.coverage.functions.size()) + " functions reached by a test",
         0);
  if (r_.Has(AuditSection::kUnusedIncludes))
    card("unused", std::to_string(r_.unused.size()), "unused includes", r_.unused.empty() ? 1 : -1);
  out_ << "</div></section>\n";
}

bool HtmlWriter::Cycles(std::string* err) {
  out_ << "<section id=\"cycles\" data-count=\"" << r_.cycles.size() << "\"><h2>Include cycles ("
       << r_.cycles.size() << ")</h2>\n<p class=\"note\">Strongly connected components of the "
       << "project include graph, smallest first; each shows one shortest loop of include "
       << "lines. Edge labels are line numbers.</p>\n<div class=\"graphs\">\n";
  for (size_t i = 0; i < r_.cycles.size() && i < kMaxCycleGraphs; ++i) {
    const IncludeCycle& c = r_.cycles[i];
    std::set<uint32_t> files, loop(c.loop.begin(), c.loop.end());
    std::vector<uint32_t> edges = c.files.size() > kMaxGraphFiles ? c.loop : c.edges;
    for (uint32_t e : edges) {
      files.insert(m_.includes()[e].from);
      files.insert(m_.includes()[e].to);
    }
    std::string dot =
        "digraph cycle { rankdir=LR; bgcolor=\"transparent\"; "
        "node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef2fb\", "
        "fontname=\"Helvetica\", fontsize=10]; edge [fontname=\"Helvetica\", "
        "fontsize=9];\n";
    for (uint32_t f : files) dot += DotId(m_.Rel(f)) + ";\n";
    for (uint32_t e : edges) {
      const IncludeEdge& ie = m_.includes()[e];
      dot += DotId(m_.Rel(ie.from)) + " -> " + DotId(m_.Rel(ie.to)) +
             " [label=" + DotId(std::to_string(ie.line)) +
             (loop.count(e) ? ", color=\"#b3261e\", penwidth=1.6" : "") + "];\n";
    }
    dot += "}\n";
    std::string svg;
    if (!layout_.Svg(dot, &svg, err)) return false;
    out_ << "<figure class=\"graphbox cycle\" data-files=\"" << c.files.size()
         << "\"><figcaption>cycle " << i + 1 << ": " << c.files.size() << " files</figcaption>"
         << svg << "<pre>";
    for (uint32_t e : c.loop) out_ << Escape(Loc(m_, e) + " " + DirectiveText(m_, e)) << "\n";
    out_ << "</pre></figure>\n";
  }
  out_ << "</div>\n";
  if (r_.cycles.size() > kMaxCycleGraphs)
    out_ << "<p class=\"note\">" << r_.cycles.size() - kMaxCycleGraphs
         << " larger cycles are listed in the table only.</p>\n";
  if (r_.cycles.empty()) {
    out_ << "<p>No include cycles.</p></section>\n";
    return true;
  }
  Json rows = Json::array();
  for (size_t i = 0; i < r_.cycles.size(); ++i)
    for (uint32_t e : r_.cycles[i].edges)
      rows.push_back(Json{static_cast<int>(i + 1), r_.cycles[i].files.size(), Loc(m_, e),
                          DirectiveText(m_, e)});
  out_ << "<details" << (rows.size() <= 50 ? " open" : "") << "><summary>every include line "
       << "inside a cycle (" << rows.size() << ")</summary>\n";
  Table("cycle-edges",
        Json::array({Json::array({"Cycle", "num"}), Json::array({"Files", "num"}),
                     Json::array({"Location", "code"}), Json::array({"Directive", "code"})}),
        rows);
  out_ << "</details></section>\n";
  return true;
}

bool HtmlWriter::Hubs(std::string* err) {
  out_ << "<section id=\"hubs\" data-count=\"" << r_.hubs.size() << "\"><h2>Hubs</h2>\n";
  out_ << "<p class=\"note\">The " << r_.hubs.size() << " costliest of " << r_.headers_total
       << " project headers: tests a file-level change selects (an #include, a macro or a "
          "declaration outside functions) and their recorded test time; for a change to one of "
          "its functions, the mean over its functions.";
  if (!m_.has_durations()) out_ << " No test durations are recorded yet (tia run records them).";
  out_ << "</p>\n";
  if (!r_.hubs.empty()) {
    const HubCost& top = r_.hubs[0];
    out_ << "<p class=\"sentence\">Editing <code>" << Escape(m_.Rel(top.file))
         << "</code> costs CI <strong>" << Fmt("%.2f", top.file_seconds / 60.0)
         << " minutes</strong> (" << top.file_tests << " tests).</p>\n";
    // Bars of recorded time when there is some to compare (half a second), else of tests.
    double max_seconds = 0;
    for (const HubCost& h : r_.hubs) max_seconds = std::max(max_seconds, h.file_seconds);
    bool by_time = max_seconds >= 0.5;
    double max = 0;
    for (const HubCost& h : r_.hubs)
      max = std::max(max, by_time ? h.file_seconds : static_cast<double>(h.file_tests));
    const int bar_w = 420, label_w = 360, row_h = 22;
    int height = static_cast<int>(r_.hubs.size()) * row_h + 8;
    out_ << "<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
         << label_w + bar_w + 120 << " " << height << "\" style=\"max-width:100%;height:auto\">\n";
    for (size_t i = 0; i < r_.hubs.size(); ++i) {
      const HubCost& h = r_.hubs[i];
      double v = by_time ? h.file_seconds : static_cast<double>(h.file_tests);
      double w = max > 0 ? v / max * bar_w : 0;
      int y = static_cast<int>(i) * row_h + 4;
      std::string label = m_.Rel(h.file);
      if (label.size() > 52) label = "…" + label.substr(label.size() - 51);
      std::string tests = std::to_string(h.file_tests) + (h.file_tests == 1 ? " test" : " tests");
      std::string value = by_time ? FormatSeconds(h.file_seconds) + " · " + tests : tests;
      out_ << "<g class=\"bar\"><title>"
           << Escape(m_.Rel(h.file) + ": " + value + ", " + std::to_string(h.tus) + " TUs")
           << "</title><text x=\"" << label_w - 6 << "\" y=\"" << y + 14
           << "\" text-anchor=\"end\" font-size=\"12\" font-family=\"monospace\">" << Escape(label)
           << "</text><rect x=\"" << label_w << "\" y=\"" << y + 3 << "\" width=\""
           << Fmt("%.1f", std::max(w, 1.0)) << "\" height=\"" << row_h - 8
           << "\" rx=\"3\" fill=\"#2f5fb3\"/><text x=\"" << label_w + std::max(w, 1.0) + 6
           << "\" y=\"" << y + 14 << "\" font-size=\"12\">" << Escape(value) << "</text></g>\n";
    }
    out_ << "</svg>\n";
    // Each top hub with the files that include it (headers first), one small graph each.
    out_ << "<details open><summary>the top hubs and their direct includers</summary>"
         << "<div class=\"graphs hubgraph\">\n";
    for (size_t i = 0; i < r_.hubs.size() && i < kHubGraphHubs; ++i) {
      const HubCost& h = r_.hubs[i];
      std::string hub = m_.Rel(h.file);
      std::string dot =
          "digraph hub { rankdir=LR; bgcolor=\"transparent\"; node [shape=box, "
          "style=\"rounded,filled\", fillcolor=\"#f3f4f6\", fontname=\"Helvetica\", "
          "fontsize=10];\n" +
          DotId(hub) + " [fillcolor=\"#f6c9c4\", tooltip=" +
          DotId(hub + ": " + std::to_string(h.file_tests) + " tests, " +
                FormatSeconds(h.file_seconds)) +
          "];\n";
      std::vector<uint32_t> in = m_.IncludersOf(h.file);
      std::stable_sort(in.begin(), in.end(), [&](uint32_t a, uint32_t b) {
        return !m_.IsMainFile(m_.includes()[a].from) && m_.IsMainFile(m_.includes()[b].from);
      });
      size_t drawn = 0;
      for (uint32_t e : in) {
        if (drawn == kHubGraphIncluders) break;
        dot += DotId(m_.Rel(m_.includes()[e].from)) + " -> " + DotId(hub) + ";\n";
        ++drawn;
      }
      if (in.size() > drawn)
        dot += "more [label=" + DotId("+" + std::to_string(in.size() - drawn) + " more") +
               ", shape=plaintext, style=\"\"];\nmore -> " + DotId(hub) + " [style=dashed];\n";
      dot += "}\n";
      std::string svg;
      if (!layout_.Svg(dot, &svg, err)) return false;
      out_ << "<figure class=\"graphbox hub\"><figcaption>" << i + 1 << ". " << Escape(hub) << ": "
           << h.file_tests << (h.file_tests == 1 ? " test" : " tests") << ", "
           << Escape(FormatSeconds(h.file_seconds)) << "</figcaption>" << svg << "</figure>\n";
    }
    out_ << "</div></details>\n";
  }
  Json rows = Json::array();
  for (const HubCost& h : r_.hubs)
    rows.push_back(Json{m_.Rel(h.file), h.tus, h.includers, h.file_tests,
                        std::round(h.file_seconds * 10) / 10,
                        std::round(h.function_tests * 10) / 10,
                        std::round(h.function_seconds * 10) / 10, h.functions});
  Table(
      "hubs",
      Json::array({Json::array({"Header", "code"}), Json::array({"TUs", "num"}),
                   Json::array({"Includers", "num"}), Json::array({"File-level tests", "num"}),
                   Json::array({"File-level s", "num"}), Json::array({"Per-function tests", "num"}),
                   Json::array({"Per-function s", "num"}), Json::array({"Functions", "num"})}),
      rows);
  out_ << "</section>\n";
  return true;
}

void HtmlWriter::Leaks() {
  out_ << "<section id=\"leaks\" data-count=\"" << r_.leaks.size()
       << "\"><h2>Test code in production (" << r_.leaks.size() << ")</h2>\n";
  std::vector<std::string> tests, prod;
  for (size_t t = 0; t < m_.build().targets.size(); ++t) {
    const Target& tg = m_.build().targets[t];
    if (tg.type == "UTILITY" || tg.type == "INTERFACE_LIBRARY") continue;
    (m_.IsTestTarget(static_cast<int>(t)) ? tests : prod).push_back(tg.name);
  }
  std::sort(tests.begin(), tests.end());
  std::sort(prod.begin(), prod.end());
  auto list = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s.empty() ? std::string("none") : s;
  };
  out_ << "<p class=\"note\">A TU of a production target that includes a header under a test "
          "directory or of GoogleTest, GoogleMock, Catch2 or doctest. Test targets are the "
          "executables CTest runs and the libraries of test code (sources under test "
          "directories) linked only into them: <code>"
       << Escape(list(tests)) << "</code>; production: <code>" << Escape(list(prod))
       << "</code>.</p>\n";
  Json rows = Json::array();
  for (const TestLeak& l : r_.leaks) {
    std::string chain;
    for (uint32_t e : l.chain)
      chain += (chain.empty() ? "" : " → ") + Loc(m_, e) + " " + DirectiveText(m_, e);
    rows.push_back(
        Json{m_.build().targets[l.target].name, m_.Rel(l.tu_file), m_.Rel(l.header), chain});
  }
  Table("leaks",
        Json::array({Json::array({"Target", "text"}), Json::array({"TU", "code"}),
                     Json::array({"Test header", "code"}), Json::array({"Chain", "code"})}),
        rows);
  out_ << "</section>\n";
}

void HtmlWriter::Coverage() {
  const StaticCoverage& c = r_.coverage;
  out_ << "<section id=\"coverage\" data-count=\"" << c.functions.size() - c.reached
       << "\" data-percent=\"" << Fmt("%.1f", c.Percent())
       << "\"><h2>Static coverage: " << c.reached << " of " << c.functions.size()
       << " project functions reached (" << Fmt("%.1f", c.Percent()) << " %)</h2>\n";
  out_ << "<p class=\"note\">A function is reached when a path of calls, references, overrides, "
          "type uses or macro expansions leads to it from a test case, inside the code that "
          "test's executable links. Static reachability is an upper bound of what the tests "
          "run: a reached function may still never execute.</p>\n";
  if (m_.tests().executables().empty())
    out_ << "<p class=\"note\"><strong>No CTest test runs an executable of the build: are the "
            "tests configured and built?</strong></p>\n";
  out_ << "<div class=\"legend\">area: functions · colour: share reached "
          "<span class=\"swatch\" style=\"background:#dc4650\"></span>0 %"
          "<span class=\"swatch\" style=\"background:#dcbe50\"></span>50 %"
          "<span class=\"swatch\" style=\"background:#3cbe50\"></span>100 %</div>\n";
  out_ << "<div class=\"graphbox\">" << audit_internal::CoverageTreemapSvg(c.directories, 960, 420)
       << "</div>\n";
  auto group_rows = [](const std::vector<CoverageGroup>& groups) {
    Json rows = Json::array();
    for (const auto& g : groups)
      rows.push_back(Json{g.name, g.functions, g.reached, g.functions - g.reached,
                          std::round(g.Percent() * 10) / 10});
    return rows;
  };
  auto group_cols = [](const char* name) {
    return Json::array({Json::array({name, "code"}), Json::array({"Functions", "num"}),
                        Json::array({"Reached", "num"}), Json::array({"Unreached", "num"}),
                        Json::array({"%", "num"})});
  };
  // Long tables start folded: the treemap and the headline come first.
  auto open = [](size_t rows) { return rows <= 50 ? " open" : ""; };
  out_ << "<details" << open(c.directories.size()) << "><summary>by directory ("
       << c.directories.size() << ")</summary>\n";
  Table("coverage-dirs", group_cols("Directory"), group_rows(c.directories));
  out_ << "</details>\n<details" << open(c.targets.size()) << "><summary>by target ("
       << c.targets.size() << ")</summary>\n";
  Table("coverage-targets", group_cols("Target"), group_rows(c.targets));
  Json rows = Json::array();
  for (const CoveredFunction& f : c.functions)
    if (!f.reached)
      rows.push_back(Json{m_.graph().symbol(f.node).qualified_name,
                          m_.Rel(f.file) + ":" + std::to_string(f.line)});
  out_ << "</details>\n<details" << (rows.size() <= 50 ? " open" : "")
       << "><summary>unreached functions (" << rows.size() << ")</summary>\n";
  Table("unreached",
        Json::array({Json::array({"Function", "code"}), Json::array({"Location", "code"})}), rows);
  out_ << "</details></section>\n";
}

void HtmlWriter::Unused() {
  out_ << "<section id=\"unused\" data-count=\"" << r_.unused.size() << "\"><h2>Unused includes ("
       << r_.unused.size() << ")</h2>\n"
       << "<p class=\"note\">An #include in a source file whose header, and everything only "
          "it brings in, declares nothing the source file uses. Conservative: macros (also in "
          "#ifdef), templates and forward declarations count as uses, and so does any "
          "standard-library symbol when the header alone brings in a system header; includes "
          "in headers are not judged.</p>\n";
  Json rows = Json::array();
  for (const UnusedInclude& u : r_.unused)
    rows.push_back(
        Json{Loc(m_, u.edge), DirectiveText(m_, u.edge), m_.Rel(m_.includes()[u.edge].to)});
  Table("unused",
        Json::array({Json::array({"Location", "code"}), Json::array({"Directive", "code"}),
                     Json::array({"Header", "code"})}),
        rows);
  out_ << "</section>\n";
}

bool HtmlWriter::Write(std::string* err) {
  std::string project = m_.root().substr(m_.root().rfind('/') + 1);
  out_ << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       << "<title>tia audit: " << Escape(project) << "</title>\n<style>"
       << audit_internal::kReportCss << "</style></head>\n<body data-ready=\"0\">\n"
       << "<header><h1>tia audit: " << Escape(project) << "</h1><p>" << Escape(m_.root()) << " · "
       << m_.graph().tus().size() << " TUs · " << ProjectFiles() << " project files · "
       << m_.tests().tests().size() << " CTest tests</p></header>\n<nav>";
  const std::pair<AuditSection, const char*> links[] = {
      {AuditSection::kCycles, "cycles\">Cycles"},
      {AuditSection::kHubs, "hubs\">Hubs"},
      {AuditSection::kTestLeaks, "leaks\">Test code in production"},
      {AuditSection::kCoverage, "coverage\">Static coverage"},
      {AuditSection::kUnusedIncludes, "unused\">Unused includes"}};
  out_ << "<a href=\"#summary\">Summary</a>";
  for (const auto& [s, link] : links)
    if (r_.Has(s)) out_ << "<a href=\"#" << link << "</a>";
  out_ << "</nav>\n<main>\n";
  Summary();
  for (AuditSection s : r_.sections) {
    switch (s) {
      case AuditSection::kCycles:
        if (!Cycles(err)) return false;
        break;
      case AuditSection::kHubs:
        if (!Hubs(err)) return false;
        break;
      case AuditSection::kTestLeaks:
        Leaks();
        break;
      case AuditSection::kCoverage:
        Coverage();
        break;
      case AuditSection::kUnusedIncludes:
        Unused();
        break;
    }
  }
  out_ << "<div id=\"script-errors\"></div>\n</main>\n";
  // Rows travel as JSON; '<' is escaped so no string can close the script element.
  std::string json = Json{{"tables", tables_}}.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string safe;
  safe.reserve(json.size());
  for (char ch : json) {
    if (ch == '<')
      safe += "\\u003c";
    else
      safe += ch;
  }
  out_ << "<script type=\"application/json\" id=\"tia-data\">" << safe << "</script>\n<script>"
       << audit_internal::kReportJs << "</script>\n</body></html>\n";
  return true;
}

}  // namespace

bool WriteAuditHtml(const AuditModel& m, const AuditReport& r, std::ostream& out,
                    std::string* err) {
  HtmlWriter w(m, r, out);
  return w.Write(err);
}

}  // namespace tia
