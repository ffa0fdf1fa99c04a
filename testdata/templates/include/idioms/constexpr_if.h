// `if constexpr`: each instantiation keeps one branch.
#pragma once

#include <type_traits>

namespace idioms {

int IntPath(int x);
double FloatPath(double x);

template <typename T>
auto Route(T x) {
  if constexpr (std::is_integral_v<T>) {
    return IntPath(x);
  } else {
    return FloatPath(x);
  }
}

int RouteInt();
double RouteFloat();

}  // namespace idioms
