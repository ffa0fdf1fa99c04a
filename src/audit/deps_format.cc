// Output of `tia deps` / `tia rdeps`: rows, an indented tree, JSON and Graphviz DOT.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "report_json.h"
#include "tia/audit/format.h"

namespace tia {
namespace {

using Json = nlohmann::ordered_json;

// "includes" or "included by" with the directive that links entry e to its parent.
std::string Via(const AuditModel& m, const DepsEntry& e) {
  const IncludeEdge& ie = m.includes()[e.via];
  return m.Rel(ie.from) + ":" + std::to_string(ie.line) + " #include " +
         (m.IsSystem(ie.to) ? "<" + ie.spelled + ">" : "\"" + ie.spelled + "\"");
}

void TestsText(const Selection& sel, std::ostream& out) {
  for (const SelectedTest& t : sel.tests) {
    out << "  " << t.name;
    if (!t.whole) {
      std::string names;
      for (const auto& c : t.cases) names += (names.empty() ? "" : ", ") + c.name;
      if (t.cases.size() != 1 || t.cases[0].name != t.name) out << " [" << names << "]";
    }
    out << "\n";
  }
}

Json TestsJson(const Selection& sel) {
  Json tests = Json::array();
  for (const SelectedTest& t : sel.tests) {
    Json cases = Json::array();
    if (!t.whole)
      for (const auto& c : t.cases) cases.push_back(c.name);
    tests.push_back(Json{{"name", t.name}, {"whole", t.whole}, {"cases", cases}});
  }
  return tests;
}

}  // namespace

void PrintDepsText(const AuditModel& m, const DepsResult& d, bool tree, const DepsExtras& x,
                   std::ostream& out) {
  const char* verb = d.reverse ? "included by" : "includes";
  size_t listed = d.entries.size() - 1;
  if (!tree) {
    for (size_t i = 1; i < d.entries.size(); ++i)
      out << m.Rel(d.entries[i].file) << "  (depth " << d.entries[i].depth << ", "
          << Via(m, d.entries[i]) << ")\n";
  } else {
    // Children of each entry in the breadth-first spanning tree, by directive order.
    std::map<uint32_t, std::vector<size_t>> children;
    std::map<uint32_t, size_t> index;
    for (size_t i = 0; i < d.entries.size(); ++i) index[d.entries[i].file] = i;
    for (size_t i = 1; i < d.entries.size(); ++i) {
      const IncludeEdge& ie = m.includes()[d.entries[i].via];
      children[d.reverse ? ie.to : ie.from].push_back(i);
    }
    out << m.Rel(d.start) << "\n";
    // Depth-first print of the tree with box-drawing prefixes.
    struct Item {
      size_t entry;
      std::string prefix;
      bool last;
    };
    std::vector<Item> stack;
    auto push_children = [&](uint32_t file, const std::string& prefix) {
      auto it = children.find(file);
      if (it == children.end()) return;
      for (size_t k = it->second.size(); k-- > 0;)
        stack.push_back({it->second[k], prefix, k + 1 == it->second.size()});
    };
    push_children(d.start, "");
    while (!stack.empty()) {
      Item item = stack.back();
      stack.pop_back();
      const DepsEntry& e = d.entries[item.entry];
      const IncludeEdge& ie = m.includes()[e.via];
      out << item.prefix << (item.last ? "└─ " : "├─ ") << m.Rel(e.file) << " (line " << ie.line
          << ")\n";
      push_children(e.file, item.prefix + (item.last ? "   " : "│  "));
    }
  }
  out << m.Rel(d.start) << " " << verb << " " << listed << " file" << (listed == 1 ? "" : "s");
  if (d.system_hidden)
    out << " and " << d.system_hidden << " system header" << (d.system_hidden == 1 ? "" : "s")
        << " (--system lists them)";
  out << "\n";
  if (x.tus) {
    out << "\nTUs that read " << m.Rel(d.start) << " (" << x.reading.size() << "):\n";
    for (const ReadingTu& t : x.reading) {
      out << "  " << m.Rel(t.main_file);
      if (!t.targets.empty()) {
        std::string names;
        for (const auto& n : t.targets) names += (names.empty() ? "" : ", ") + n;
        out << " (" << names << ")";
      }
      out << "\n";
    }
  }
  if (x.tests) {
    const FileTests& ft = x.file_tests;
    out << "\na file-level change (an #include, a macro or a declaration outside functions) "
           "selects "
        << ft.file_level.tests.size() << " of " << ft.file_level.total_tests << " tests:\n";
    TestsText(ft.file_level, out);
    out << "a change to one of its " << ft.functions
        << (ft.functions == 1 ? " function" : " functions") << " selects at most "
        << ft.function_level.tests.size() << " tests:\n";
    TestsText(ft.function_level, out);
  }
}

void PrintDepsJson(const AuditModel& m, const DepsResult& d, const DepsExtras& x,
                   std::ostream& out) {
  Json files = Json::array();
  for (size_t i = 1; i < d.entries.size(); ++i) {
    const DepsEntry& e = d.entries[i];
    files.push_back(Json{{"file", m.Rel(e.file)},
                         {"depth", e.depth},
                         {"system", m.IsSystem(e.file)},
                         {"via", audit_internal::DirectiveJson(m, e.via)}});
  }
  Json j = Json{{"file", m.Rel(d.start)},
                {"direction", d.reverse ? "includers" : "includes"},
                {"files", files},
                {"system_hidden", d.system_hidden}};
  if (x.tus) {
    Json tus = Json::array();
    for (const ReadingTu& t : x.reading)
      tus.push_back(Json{{"file", m.Rel(t.main_file)}, {"targets", t.targets}});
    j["tus"] = tus;
  }
  if (x.tests) {
    j["tests"] = Json{{"total", x.file_tests.file_level.total_tests},
                      {"file_level", TestsJson(x.file_tests.file_level)},
                      {"functions", x.file_tests.functions},
                      {"function_level", TestsJson(x.file_tests.function_level)}};
  }
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

void PrintDepsDot(const AuditModel& m, const DepsResult& d, std::ostream& out) {
  // Nodes and edges by path, so the graph reads the same on every run.
  std::vector<uint32_t> listed;
  for (const DepsEntry& e : d.entries) listed.push_back(e.file);
  std::sort(listed.begin(), listed.end(),
            [&](uint32_t a, uint32_t b) { return m.Rel(a) < m.Rel(b); });
  std::set<uint32_t> in_graph(listed.begin(), listed.end());
  auto id = [&](uint32_t f) {
    return Json(m.Rel(f)).dump(-1, ' ', false, Json::error_handler_t::replace);
  };
  out << "digraph " << (d.reverse ? "rdeps" : "deps") << " {\n  rankdir=LR;\n"
      << "  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n";
  for (uint32_t f : listed)
    out << "  " << id(f)
        << (f == d.start    ? " [style=bold]"
            : m.IsSystem(f) ? " [color=gray]"
                            : "")
        << ";\n";
  for (uint32_t f : listed)
    for (uint32_t e : m.IncludesOf(f)) {
      const IncludeEdge& ie = m.includes()[e];
      if (in_graph.count(ie.to))
        out << "  " << id(ie.from) << " -> " << id(ie.to) << " [label=\"" << ie.line << "\"];\n";
    }
  out << "}\n";
}

}  // namespace tia
