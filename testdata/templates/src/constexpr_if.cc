#include "idioms/constexpr_if.h"

namespace idioms {

int IntPath(int x) {
  return x + 100;
}

double FloatPath(double x) {
  return x / 2;
}

int RouteInt() {
  return Route(1);
}

double RouteFloat() {
  return Route(3.0);
}

}  // namespace idioms
