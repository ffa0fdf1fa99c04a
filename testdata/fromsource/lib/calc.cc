#include "calc.h"

namespace calc {

int Add(int a, int b) {
  return a + b;
}

int Mul(int a, int b) {
  return a * b;
}

int Neg(int a) {
  return -a;
}

}  // namespace calc
