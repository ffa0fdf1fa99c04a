// A generic lambda: its call operator is a template instantiated at the call.
#pragma once

namespace idioms {

int Triple(int v);

inline int ApplyGeneric(int x) {
  auto f = [](auto v) { return Triple(v) + 1; };
  return f(x);
}

int GenericLambda();

}  // namespace idioms
