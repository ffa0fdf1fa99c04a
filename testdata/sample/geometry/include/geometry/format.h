// Text formatting of areas.
#pragma once

#include <string>

namespace geometry {

struct FormatOptions {
  int precision = 2;  // digits after the decimal point
};

// "3.14" for FormatArea(3.14159) with the default options.
std::string FormatArea(double area, FormatOptions options = {});

}  // namespace geometry
