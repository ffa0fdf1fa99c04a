#include "idioms/concepts.h"

namespace idioms {

int Plot::Area() const {
  return 6;
}

int PlotArea() {
  return DoubleArea(Plot{});
}

}  // namespace idioms
