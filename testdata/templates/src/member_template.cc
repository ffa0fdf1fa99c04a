#include "idioms/member_template.h"

namespace idioms {

int Crate::Weight() const {
  return 7;
}

int RegistryTotal() {
  Registry r;
  r.Add(Crate{});
  r.Add(Crate{});
  return r.total;
}

}  // namespace idioms
