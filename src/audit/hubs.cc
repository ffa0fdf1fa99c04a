// Hubs: project headers ranked by what a change to them costs in tests. File-level
// figures come from the selector once per distinct set of executables that compile the
// header; function-level figures (one selection per function) for the top hubs only.
#include <algorithm>
#include <map>
#include <tuple>

#include "tia/audit/audit.h"
#include "tia/store/facts.h"
#include "tia/util/fs.h"

namespace tia {
namespace {

// The recorded seconds of every case of CTest test `name` (tia run records the cases of a
// test that runs several), or -1 when one has none.
double CasesSeconds(const AuditModel& m, const std::string& name) {
  const auto& tests = m.tests().tests();
  auto it =
      std::lower_bound(tests.begin(), tests.end(), name,
                       [](const TestEntry& t, const std::string& n) { return t.ctest.name < n; });
  if (it == tests.end() || it->ctest.name != name || it->cases.empty()) return -1;
  double total = 0;
  for (size_t c : it->cases) {
    double d = m.Duration(TestModel::CaseName(m.graph().test_cases()[c]));
    if (d < 0) return -1;
    total += d;
  }
  return total;
}

// Recorded seconds of the tests of a selection; tests without a recorded duration are
// counted in *unmeasured.
double SelectionSeconds(const AuditModel& m, const Selection& sel, size_t* unmeasured) {
  double total = 0;
  for (const SelectedTest& t : sel.tests) {
    double s = -1;
    if (!t.whole) {
      s = 0;
      for (const SelectedCase& c : t.cases) {
        double d = c.name.empty() ? -1 : m.Duration(c.name);
        if (d < 0) {
          s = -1;
          break;
        }
        s += d;
      }
    }
    if (s < 0) s = m.Duration(t.name);
    if (s < 0) s = CasesSeconds(m, t.name);
    if (s < 0) {
      ++*unmeasured;
      continue;
    }
    total += s;
  }
  return total;
}

std::string SeedPath(const AuditModel& m, uint32_t f) {
  const std::string& abs = m.graph().files()[f];
  return m.select().repo ? RelativeTo(abs, m.select().repo->workdir()) : abs;
}

}  // namespace

std::vector<HubCost> RankHubs(const AuditModel& m, const HubOptions& o, size_t* headers_total) {
  const CodeGraph& g = m.graph();
  const auto& exes = m.tests().executables();
  std::vector<HubCost> hubs;
  // File-level selections, one per signature (which executables compile the file).
  std::map<std::string, std::pair<size_t, std::pair<double, size_t>>> by_signature;
  for (uint32_t f = 0; f < m.file_count(); ++f) {
    if (m.IsSystem(f) || m.IsMainFile(f) || m.TusReading(f).empty()) continue;
    HubCost h;
    h.file = f;
    h.includers = m.IncludersOf(f).size();
    h.tus = m.TusReading(f).size();
    std::string sig(exes.size(), '0');
    for (size_t e = 0; e < exes.size(); ++e) sig[e] = exes[e].HasFile(f) ? '1' : '0';
    auto it = by_signature.find(sig);
    if (it == by_signature.end()) {
      Selection sel;
      SelectForFiles(m.select(), {{f, "file-level: " + m.Rel(f) + " changed"}}, &sel);
      size_t unmeasured = 0;
      double seconds = SelectionSeconds(m, sel, &unmeasured);
      it = by_signature
               .emplace(sig, std::make_pair(sel.tests.size(), std::make_pair(seconds, unmeasured)))
               .first;
    }
    h.file_tests = it->second.first;
    h.file_seconds = it->second.second.first;
    h.file_unmeasured = it->second.second.second;
    hubs.push_back(h);
  }
  *headers_total = hubs.size();
  std::sort(hubs.begin(), hubs.end(), [&](const HubCost& a, const HubCost& b) {
    if (a.file_seconds != b.file_seconds) return a.file_seconds > b.file_seconds;
    if (a.file_tests != b.file_tests) return a.file_tests > b.file_tests;
    if (a.tus != b.tus) return a.tus > b.tus;
    return m.Rel(a.file) < m.Rel(b.file);
  });
  if (hubs.size() > o.top) hubs.resize(o.top);
  // Functions declared or defined in each top hub.
  std::map<uint32_t, std::vector<std::pair<NodeId, int>>> functions;
  for (const HubCost& h : hubs) functions[h.file];
  for (NodeId n = 0; n < g.size(); ++n) {
    if (!IsFunctionKind(g.symbol(n).kind)) continue;
    for (const GraphDecl& d : g.Decls(n)) {
      auto it = functions.find(d.file);
      if (it == functions.end()) continue;
      if (it->second.empty() || it->second.back().first != n)
        it->second.push_back({n, d.line_start});
    }
  }
  for (auto& [file, fns] : functions)  // by place, so sums add up in the same order each run
    std::sort(fns.begin(), fns.end(), [&](const auto& a, const auto& b) {
      return std::tie(a.second, g.symbol(a.first).qualified_name, g.symbol(a.first).usr) <
             std::tie(b.second, g.symbol(b.first).qualified_name, g.symbol(b.first).usr);
    });
  for (HubCost& h : hubs) {
    const auto& fns = functions[h.file];
    h.function_measured = true;
    h.functions = fns.size();
    if (fns.empty()) continue;
    double tests = 0, seconds = 0;
    for (const auto& [n, line] : fns) {
      const GraphSymbol& s = g.symbol(n);
      ChangedEntity seed{n, SeedPath(m, h.file), line,
                         std::string(SymbolKindName(s.kind)) + " " + s.qualified_name};
      Selection sel;
      SelectForEntities(m.select(), {seed}, &sel);
      size_t unmeasured = 0;
      tests += static_cast<double>(sel.tests.size());
      seconds += SelectionSeconds(m, sel, &unmeasured);
    }
    h.function_tests = tests / static_cast<double>(fns.size());
    h.function_seconds = seconds / static_cast<double>(fns.size());
  }
  return hubs;
}

}  // namespace tia
