#include "idioms/only_in_tests.h"

namespace idioms {

int Parcel::Mass() const {
  return 8;
}

}  // namespace idioms
