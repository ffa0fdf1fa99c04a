#include "idioms/adl.h"

namespace shapes {
int describe(const Circle& c) {
  return c.r * 2;
}
}  // namespace shapes

namespace idioms {

int DescribeCircle() {
  return Describe(shapes::Circle{5});
}

}  // namespace idioms
