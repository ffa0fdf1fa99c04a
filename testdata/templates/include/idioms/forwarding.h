// Variadic perfect forwarding to a callable.
#pragma once

#include <utility>

namespace idioms {

template <typename F, typename... A>
auto Invoke(F&& f, A&&... a) {
  return std::forward<F>(f)(std::forward<A>(a)...);
}

int Sum3(int a, int b, int c);

struct Scaler {
  int factor;
  int operator()(int v) const;
};

int ForwardSum();    // Invoke(Sum3, 1, 2, 3)
int ForwardScale();  // Invoke(Scaler{3}, 5)

}  // namespace idioms
