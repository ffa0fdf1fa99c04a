// A template instantiated only inside another template.
#pragma once

namespace idioms {

template <typename T>
int Inner(const T& t) {
  return t.Depth();
}

template <typename T>
int Outer(const T& t) {
  return Inner(t) + 1;
}

struct Probe {
  int Depth() const;
};

int OuterProbe();

}  // namespace idioms
