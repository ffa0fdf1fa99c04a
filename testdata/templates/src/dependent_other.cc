// CallMember instantiated with another type than in dependent.cc.
#include "idioms/dependent.h"

namespace idioms {

int Meter::Value() const {
  return 9;
}

int DependentOther() {
  return CallMember(Meter{});
}

}  // namespace idioms
