#include "idioms/crtp.h"

namespace idioms {

int Ticker::Step() {
  return 6;
}

int RunTicker() {
  Ticker t;
  return t.Run();
}

}  // namespace idioms
