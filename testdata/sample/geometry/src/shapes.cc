// Areas of the concrete shapes.
#include "geometry/shapes.h"

namespace geometry {

double Circle::area() const {
  return GEOMETRY_PI * Squared(radius_);
}

double Square::area() const {
  return Squared(side_);
}

double TotalArea(const std::vector<std::unique_ptr<Shape>>& shapes) {
  double total = 0;
  for (const auto& shape : shapes) total += shape->area();
  return total;
}

}  // namespace geometry
