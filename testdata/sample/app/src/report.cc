// Reports: parse an expression, build a shape, format its area.
#include "app/app.h"

#include "geometry/format.h"
#include "geometry/shapes.h"
#include "textproc/parser.h"

namespace app {

std::string SquareAreaReport(const std::string& expression) {
  std::optional<int> side = textproc::EvaluateSum(expression);
  if (!side) return "error";
  geometry::Square square(*side);
  return geometry::FormatArea(square.area());
}

}  // namespace app
