// The audit as a JSON document: printed by --format json and embedded in the HTML report.
#pragma once

#include <nlohmann/json.hpp>

#include "tia/audit/audit.h"

namespace tia::audit_internal {

nlohmann::ordered_json AuditToJson(const AuditModel& m, const AuditReport& r);
// {"file", "line", "include", "target"} of one include directive.
nlohmann::ordered_json DirectiveJson(const AuditModel& m, uint32_t edge);

}  // namespace tia::audit_internal
