// The HTML audit report of testdata/audit in a real browser: headless Chromium loads it,
// runs its script, and the test reads the resulting DOM — sections and their counts,
// pictures, tables, sorting and filtering (driven by a script appended to a copy of the
// page), no script errors, nothing fetched from the network — and takes a screenshot
// (test-scratch/audit_report.png in the build tree).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "audit_project.h"

namespace tia::testing {
namespace {

// Runs headless Chromium on `url` with a fresh profile; `mode` is "--dump-dom" or
// "--screenshot=PATH".
CommandResult Chromium(const std::string& url, const std::string& mode,
                       const std::string& profile) {
  return testing::Run({"timeout", "120", "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                       "--disable-background-networking", "--disable-component-update",
                       "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                       "--enable-logging=stderr", "--v=0", "--window-size=1280,2600",
                       "--virtual-time-budget=5000", mode, url});
}

// Drives the page after its own script ran and writes what it saw into #harness-result.
const char* kHarness = R"js(
<script>
(function () {
  var out = { errors: document.getElementById('script-errors').textContent,
              ready: document.body.dataset.ready, sections: {}, tables: {} };
  document.querySelectorAll('main > section').forEach(function (s) {
    out.sections[s.id] = s.dataset.count === undefined ? null : +s.dataset.count;
  });
  document.querySelectorAll('[data-table]').forEach(function (t) {
    out.tables[t.dataset.table] = t.querySelectorAll('tbody tr.row').length;
  });
  out.cycleGraphs = document.querySelectorAll('#cycles figure.cycle svg.graph').length;
  out.cycleFiles = Array.prototype.map.call(document.querySelectorAll('#cycles figure.cycle'),
                                            function (f) { return +f.dataset.files; });
  out.hubGraphs = document.querySelectorAll('#hubs figure.hub svg.graph').length;
  out.hubGraphNodes = document.querySelectorAll('#hubs figure.hub svg g.node').length;
  out.bars = document.querySelectorAll('#hubs svg.bars g.bar').length;
  out.treemapTiles = Array.prototype.map.call(document.querySelectorAll('#coverage svg.treemap g.tm'),
                                              function (g) { return g.dataset.dir; });
  out.sentence = (document.querySelector('#hubs .sentence') || {}).textContent;
  // Filter the unreached functions, then sort them by location both ways.
  var box = document.querySelector('[data-table="unreached"]');
  var input = box.querySelector('input.filter');
  input.value = 'tool_main';
  input.dispatchEvent(new Event('input'));
  out.filtered = box.querySelectorAll('tbody tr.row').length;
  out.filteredInfo = box.querySelector('.info').textContent;
  input.value = '';
  input.dispatchEvent(new Event('input'));
  var firstCells = function () {
    return Array.prototype.map.call(box.querySelectorAll('tbody tr.row'),
                                    function (r) { return r.cells[1].textContent; });
  };
  var loc = box.querySelectorAll('th')[1];
  loc.click();
  out.sortedUp = firstCells();
  loc.click();
  out.sortedDown = firstCells();
  out.ariaSort = loc.getAttribute('aria-sort');
  var pre = document.createElement('pre');
  pre.id = 'harness-result';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
)js";

class HtmlReportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = SharedAuditProject();
    report_ = dir_ + "/report.html";
    CommandResult r =
        Tia({"audit", "--format", "html", "-o", report_, "--no-index", "-p", dir_ + "/build"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  inline static std::string dir_, report_;
};

TEST_F(HtmlReportTest, SelfContained) {
  std::string html = ReadText(report_);
  ASSERT_GT(html.size(), 1000u);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src=\""), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  // Only XML namespace names may look like addresses.
  std::regex url(R"(https?://[^"' )<]+)");
  for (std::sregex_iterator it(html.begin(), html.end(), url), end; it != end; ++it) {
    std::string u = it->str();
    EXPECT_TRUE(u == "http://www.w3.org/2000/svg" || u == "http://www.w3.org/1999/xlink") << u;
  }
}

TEST_F(HtmlReportTest, ChromiumRendersSectionsCountsAndTablesWithoutErrors) {
  ScratchDir profile("audit_html_profile");
  std::string html = ReadText(report_);
  size_t end = html.rfind("</body>");
  ASSERT_NE(end, std::string::npos);
  std::string harness = dir_ + "/report-harness.html";
  WriteText(harness, html.substr(0, end) + kHarness + html.substr(end));

  CommandResult plain = Chromium("file://" + report_, "--dump-dom", profile.path());
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_NE(plain.out.find("<body data-ready=\"1\">"), std::string::npos);
  EXPECT_NE(plain.out.find("<div id=\"script-errors\"></div>"), std::string::npos);
  EXPECT_EQ(plain.err.find("Uncaught"), std::string::npos) << plain.err;

  CommandResult r = Chromium("file://" + harness, "--dump-dom", profile.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("Uncaught"), std::string::npos) << r.err;
  size_t start = r.out.find("<pre id=\"harness-result\">");
  ASSERT_NE(start, std::string::npos) << r.out.substr(0, 2000);
  start += 25;
  std::string text = r.out.substr(start, r.out.find("</pre>", start) - start);
  for (auto [from, to] : {std::pair<std::string, std::string>{"&quot;", "\""},
                          {"&lt;", "<"},
                          {"&gt;", ">"},
                          {"&amp;", "&"}})
    for (size_t p; (p = text.find(from)) != std::string::npos;) text.replace(p, from.size(), to);
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  ASSERT_TRUE(j.is_object()) << text;
  EXPECT_EQ(j["errors"], "");
  EXPECT_EQ(j["ready"], "1");
  EXPECT_EQ(j["sections"], nlohmann::json({{"summary", nullptr},
                                           {"cycles", 2},
                                           {"hubs", 13},
                                           {"leaks", 3},
                                           {"coverage", 4},
                                           {"unused", 1}}));
  EXPECT_EQ(j["tables"], nlohmann::json({{"cycle-edges", 5},
                                         {"hubs", 13},
                                         {"leaks", 3},
                                         {"coverage-dirs", 4},
                                         {"coverage-targets", 3},
                                         {"unreached", 4},
                                         {"unused", 1}}));
  EXPECT_EQ(j["cycleGraphs"], 2);
  EXPECT_EQ(j["cycleFiles"], nlohmann::json({2, 3}));
  // Six hub graphs: each hub, up to five includers and a "+N more" node when there are more.
  EXPECT_EQ(j["hubGraphs"], 6);
  // config.h 1+5, strings.h 1+3, graph.h 1+3, legacy.h 1+2, node.h 1+1, text_types.h 1+1.
  EXPECT_EQ(j["hubGraphNodes"], 6 + 4 + 4 + 3 + 2 + 2);
  EXPECT_EQ(j["bars"], 13);
  // The root, then app, core, tools and their subdirectories.
  EXPECT_EQ(j["treemapTiles"][0], ".");
  for (const char* d : {"app/src", "core/include/core", "core/src", "tools"})
    EXPECT_NE(std::find(j["treemapTiles"].begin(), j["treemapTiles"].end(), d),
              j["treemapTiles"].end())
        << d;
  EXPECT_NE(j["sentence"].get<std::string>().find(
                "Editing core/include/core/config.h costs CI 0.02 minutes (5 tests)"),
            std::string::npos)
      << j["sentence"];
  EXPECT_EQ(j["filtered"], 2);
  EXPECT_EQ(j["filteredInfo"], "2 of 4 rows");
  EXPECT_EQ(j["sortedUp"], nlohmann::json({"app/src/clock.cc:18", "core/src/legacy.cc:8",
                                           "tools/tool_main.cc:14", "tools/tool_main.cc:7"}));
  EXPECT_EQ(j["sortedDown"], nlohmann::json({"tools/tool_main.cc:7", "tools/tool_main.cc:14",
                                             "core/src/legacy.cc:8", "app/src/clock.cc:18"}));
  EXPECT_EQ(j["ariaSort"], "descending");
}

TEST_F(HtmlReportTest, Screenshot) {
  ScratchDir profile("audit_html_shot_profile");
  std::string png = std::string(TIA_TEST_SCRATCH_DIR) + "/audit_report.png";
  std::remove(png.c_str());
  CommandResult r = Chromium("file://" + report_, "--screenshot=" + png, profile.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string data = ReadText(png);
  ASSERT_GT(data.size(), 20000u);
  EXPECT_EQ(data.substr(1, 3), "PNG");
}

TEST_F(HtmlReportTest, OneSectionAlone) {
  std::string one = dir_ + "/coverage.html";
  CommandResult r = Tia(
      {"audit", "coverage", "--format", "html", "-o", one, "--no-index", "-p", dir_ + "/build"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string html = ReadText(one);
  EXPECT_NE(html.find("<section id=\"coverage\" data-count=\"4\""), std::string::npos);
  EXPECT_EQ(html.find("<section id=\"cycles\""), std::string::npos);
  EXPECT_EQ(html.find("<section id=\"hubs\""), std::string::npos);
}

}  // namespace
}  // namespace tia::testing
