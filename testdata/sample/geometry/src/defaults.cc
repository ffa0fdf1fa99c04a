// The default shape set, built by a global initializer before main() runs.
#include <memory>
#include <vector>

#include "geometry/shapes.h"

namespace geometry {
namespace {

std::vector<std::unique_ptr<Shape>> MakeDefaultShapes() {
  std::vector<std::unique_ptr<Shape>> shapes;
  shapes.push_back(std::make_unique<Circle>(1.0));
  shapes.push_back(std::make_unique<Square>(2.0));
  return shapes;
}

const std::vector<std::unique_ptr<Shape>> kDefaultShapes = MakeDefaultShapes();

}  // namespace

int DefaultShapeCount() {
  return static_cast<int>(kDefaultShapes.size());
}

}  // namespace geometry
