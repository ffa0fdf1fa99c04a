// A squarified treemap (Bruls, Huizing and van Wijk) of static coverage by directory, as
// inline SVG: area is the number of project functions, colour the share reached.
#pragma once

#include <string>
#include <vector>

#include "tia/audit/audit.h"

namespace tia::audit_internal {

std::string CoverageTreemapSvg(const std::vector<CoverageGroup>& directories, int width,
                               int height);

}  // namespace tia::audit_internal
