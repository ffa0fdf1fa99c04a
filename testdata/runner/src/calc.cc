#include "calc.h"

namespace calc {

int Add(int a, int b) {
  return a + b;
}

int Mul(int a, int b) {
  return a * b;
}

}  // namespace calc
