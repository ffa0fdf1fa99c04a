#include "idioms/aliases.h"

namespace idioms {

int Engine::Start() {
  return 3;
}

int StartCar() {
  return StartMotor<Car>() + 1;
}

}  // namespace idioms
