// The operation table and its dispatcher.
#include "geometry/ops.h"

namespace geometry {

int add(int a, int b) {
  return a + b;
}

int mul(int a, int b) {
  return a * b;
}

const Op kOps[] = {&add, &mul};

int ApplyOp(int index, int a, int b) {
  return kOps[index](a, b);
}

}  // namespace geometry
