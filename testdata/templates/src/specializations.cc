#include "idioms/specializations.h"

namespace idioms {

int PrimaryTag() {
  return 1;
}

int PointerBonus() {
  return 100;
}

int Traits<int>::Tag() {
  return 2;
}

int TagOfInt() {
  return TagOf<int>();
}

int TagOfPointer() {
  return TagOf<double*>();
}

int TagOfDouble() {
  return TagOf<double>();
}

}  // namespace idioms
