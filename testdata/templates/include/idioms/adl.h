// Argument-dependent lookup inside a template: describe(t) is found in the namespace of
// T only when the template is instantiated.
#pragma once

namespace shapes {
struct Circle {
  int r;
};
int describe(const Circle& c);
}  // namespace shapes

namespace idioms {

template <typename T>
int Describe(const T& t) {
  return describe(t) + 1;
}

int DescribeCircle();

}  // namespace idioms
