// `tia audit --format json` (schema in docs/audit.md).
#include <algorithm>
#include <cmath>

#include "report_json.h"
#include "tia/audit/format.h"

namespace tia {
namespace audit_internal {
namespace {

using Json = nlohmann::ordered_json;

double Round(double v, int digits) {
  double f = std::pow(10.0, digits);
  return std::round(v * f) / f;
}

Json Group(const CoverageGroup& g) {
  return Json{{"name", g.name},
              {"functions", g.functions},
              {"reached", g.reached},
              {"percent", Round(g.Percent(), 1)}};
}

}  // namespace

Json DirectiveJson(const AuditModel& m, uint32_t edge) {
  const IncludeEdge& ie = m.includes()[edge];
  return Json{{"file", m.Rel(ie.from)},
              {"line", ie.line},
              {"include", ie.spelled},
              {"target", m.Rel(ie.to)}};
}

Json AuditToJson(const AuditModel& m, const AuditReport& r) {
  Json j = Json::object();
  j["root"] = m.root();
  if (r.Has(AuditSection::kCycles)) {
    Json cycles = Json::array();
    for (const IncludeCycle& c : r.cycles) {
      Json files = Json::array(), loop = Json::array(), edges = Json::array();
      for (uint32_t f : c.files) files.push_back(m.Rel(f));
      for (uint32_t e : c.loop) loop.push_back(DirectiveJson(m, e));
      for (uint32_t e : c.edges) edges.push_back(DirectiveJson(m, e));
      cycles.push_back(Json{{"files", files}, {"loop", loop}, {"edges", edges}});
    }
    j["cycles"] = cycles;
  }
  if (r.Has(AuditSection::kHubs)) {
    Json top = Json::array();
    for (const HubCost& h : r.hubs) {
      Json fn = Json{{"functions", h.functions},
                     {"tests_mean", Round(h.function_tests, 2)},
                     {"seconds_mean", Round(h.function_seconds, 3)}};
      top.push_back(Json{{"file", m.Rel(h.file)},
                         {"tus", h.tus},
                         {"includers", h.includers},
                         {"file_level", Json{{"tests", h.file_tests},
                                             {"seconds", Round(h.file_seconds, 3)},
                                             {"unmeasured_tests", h.file_unmeasured}}},
                         {"function_level", fn}});
    }
    j["hubs"] =
        Json{{"headers", r.headers_total}, {"durations_recorded", m.has_durations()}, {"top", top}};
  }
  if (r.Has(AuditSection::kTestLeaks)) {
    Json tests = Json::array(), prod = Json::array(), leaks = Json::array();
    std::vector<std::string> t, p;
    for (size_t i = 0; i < m.build().targets.size(); ++i) {
      const Target& tg = m.build().targets[i];
      if (tg.type == "UTILITY" || tg.type == "INTERFACE_LIBRARY") continue;
      (m.IsTestTarget(static_cast<int>(i)) ? t : p).push_back(tg.name);
    }
    std::sort(t.begin(), t.end());
    std::sort(p.begin(), p.end());
    for (const TestLeak& l : r.leaks) {
      Json chain = Json::array();
      for (uint32_t e : l.chain) chain.push_back(DirectiveJson(m, e));
      leaks.push_back(Json{{"target", m.build().targets[l.target].name},
                           {"tu", m.Rel(l.tu_file)},
                           {"header", m.Rel(l.header)},
                           {"chain", chain}});
    }
    j["test_leaks"] = Json{{"test_targets", t}, {"production_targets", p}, {"leaks", leaks}};
  }
  if (r.Has(AuditSection::kCoverage)) {
    const StaticCoverage& c = r.coverage;
    Json dirs = Json::array(), targets = Json::array(), unreached = Json::array();
    for (const auto& g : c.directories) dirs.push_back(Group(g));
    for (const auto& g : c.targets) targets.push_back(Group(g));
    for (const CoveredFunction& f : c.functions)
      if (!f.reached)
        unreached.push_back(Json{{"function", m.graph().symbol(f.node).qualified_name},
                                 {"file", m.Rel(f.file)},
                                 {"line", f.line}});
    j["coverage"] = Json{{"functions", c.functions.size()},
                         {"reached", c.reached},
                         {"percent", Round(c.Percent(), 1)},
                         {"directories", dirs},
                         {"targets", targets},
                         {"unreached", unreached}};
  }
  if (r.Has(AuditSection::kUnusedIncludes)) {
    Json unused = Json::array();
    for (const UnusedInclude& u : r.unused) unused.push_back(DirectiveJson(m, u.edge));
    j["unused_includes"] = unused;
  }
  return j;
}

}  // namespace audit_internal

void PrintAuditJson(const AuditModel& m, const AuditReport& r, std::ostream& out) {
  out << audit_internal::AuditToJson(m, r).dump(2, ' ', false,
                                                nlohmann::ordered_json::error_handler_t::replace)
      << "\n";
}

}  // namespace tia
