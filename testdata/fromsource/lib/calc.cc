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

int Sub(int a, int b) {
  return a - b;
}

int Twice(int a) {
  return a * 2;
}

int Zero() {
  return 0;
}

int Square(int a) {
  return a * a;
}

int Step(int a) {
  return a + 1;
}

bool operator==(const Point& a, const Point& b) {
  return a.x == b.x && a.y == b.y;
}

bool operator!=(const Point& a, const Point& b) {
  return !(a == b);
}

}  // namespace calc
