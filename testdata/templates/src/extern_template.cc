#include "idioms/extern_template.h"

namespace idioms {

int Step(int v) {
  return v * 2;
}

template struct Accum<int>;

}  // namespace idioms
