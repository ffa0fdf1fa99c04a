// A default template argument names the policy whose function runs.
#pragma once

namespace idioms {

struct DefaultPolicy {
  static int Apply(int v);
};

template <typename T, typename P = DefaultPolicy>
struct Box {
  T v;
  int Get() const { return P::Apply(v); }
};

int BoxGet();

}  // namespace idioms
