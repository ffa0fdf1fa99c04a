// Text formatting of areas.
#include "geometry/format.h"

#include <cstdio>

namespace geometry {

std::string FormatArea(double area, FormatOptions options) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", options.precision, area);
  return buf;
}

}  // namespace geometry
