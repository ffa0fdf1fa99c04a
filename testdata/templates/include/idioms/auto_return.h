// Deduced return types: a template's and a plain inline function's.
#pragma once

namespace idioms {

struct Gauge {
  int Scale() const;
};

template <typename T>
auto Scaled(const T& t) {
  return t.Scale() * 10;
}

inline auto GaugeReading() {
  return Scaled(Gauge{});
}

int AutoReturn();

}  // namespace idioms
