#include "idioms/nested_templates.h"

namespace idioms {

int Probe::Depth() const {
  return 12;
}

int OuterProbe() {
  return Outer(Probe{});
}

}  // namespace idioms
