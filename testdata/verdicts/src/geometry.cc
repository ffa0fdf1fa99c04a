#include "geometry.h"

namespace geometry {

int Area(int w, int h) {
  return w * h;
}

int Perimeter(int w, int h) {
  return 2 * (w + h);
}

int Diagonal2(int w, int h) {
  return w * w + h * h;
}

}  // namespace geometry
