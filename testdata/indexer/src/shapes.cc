// Implementations of the shapes.
#include "shapes.h"

#include "util.h"

namespace geo {

double Square::Area() const {
  return side_ * side_;
}

double Circle::Area() const {
  return Pi() * r_ * r_;
}

double TotalArea(const std::vector<const Shape*>& shapes) {
  double sum = 0;
  for (const Shape* s : shapes) sum += s->Area();
  return sum;
}

int BoxSize() {
  Box b;
  return SizeOf(b);
}

int Scale(int x) {
  return x * 2;
}

double Scale(double x) {
  return x * 2.5;
}

double ScaledArea() {
  return Scale(1.5) + CLAMP(-3);
}

}  // namespace geo
