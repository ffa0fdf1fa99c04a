// Runs the sections of an audit that were asked for (see tia/audit/audit.h).
#include <algorithm>

#include "tia/audit/audit.h"

namespace tia {

const char* AuditSectionName(AuditSection s) {
  switch (s) {
    case AuditSection::kCycles:
      return "cycles";
    case AuditSection::kHubs:
      return "hubs";
    case AuditSection::kTestLeaks:
      return "test-leaks";
    case AuditSection::kCoverage:
      return "coverage";
    case AuditSection::kUnusedIncludes:
      return "unused-includes";
  }
  return "?";
}

bool AuditReport::Has(AuditSection s) const {
  return std::find(sections.begin(), sections.end(), s) != sections.end();
}

void RunAudit(const AuditModel& m, const std::vector<AuditSection>& sections,
              const HubOptions& hub_options, AuditReport* out) {
  // Sections in their canonical order, each once.
  for (AuditSection s : {AuditSection::kCycles, AuditSection::kHubs, AuditSection::kTestLeaks,
                         AuditSection::kCoverage, AuditSection::kUnusedIncludes})
    if (std::find(sections.begin(), sections.end(), s) != sections.end())
      out->sections.push_back(s);
  if (out->Has(AuditSection::kCycles)) out->cycles = FindIncludeCycles(m);
  if (out->Has(AuditSection::kHubs)) out->hubs = RankHubs(m, hub_options, &out->headers_total);
  if (out->Has(AuditSection::kTestLeaks)) out->leaks = FindTestLeaks(m);
  if (out->Has(AuditSection::kCoverage)) out->coverage = ComputeStaticCoverage(m);
  if (out->Has(AuditSection::kUnusedIncludes)) out->unused = FindUnusedIncludes(m);
}

}  // namespace tia
