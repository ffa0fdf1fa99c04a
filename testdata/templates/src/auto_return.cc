#include "idioms/auto_return.h"

namespace idioms {

int Gauge::Scale() const {
  return 4;
}

int AutoReturn() {
  return GaugeReading() + 1;
}

}  // namespace idioms
