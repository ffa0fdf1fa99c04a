// `extern template`: Accum<int> is instantiated in extern_template.cc only.
#pragma once

namespace idioms {

int Step(int v);

template <typename T>
struct Accum {
  T total{};
  void Add(T v);
  T Total() const { return total; }
};

template <typename T>
void Accum<T>::Add(T v) {
  total += Step(v);
}

extern template struct Accum<int>;

}  // namespace idioms
