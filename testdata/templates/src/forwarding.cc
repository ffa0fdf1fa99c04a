#include "idioms/forwarding.h"

namespace idioms {

int Sum3(int a, int b, int c) {
  return a + b + c;
}

int Scaler::operator()(int v) const {
  return v * factor;
}

int ForwardSum() {
  return Invoke(Sum3, 1, 2, 3);
}

int ForwardScale() {
  return Invoke(Scaler{3}, 5);
}

}  // namespace idioms
