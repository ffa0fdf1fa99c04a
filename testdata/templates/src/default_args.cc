#include "idioms/default_args.h"

namespace idioms {

int DefaultPolicy::Apply(int v) {
  return v - 1;
}

int BoxGet() {
  Box<int> b{10};
  return b.Get();
}

}  // namespace idioms
