// An alias template and a member type alias lead to the function that runs.
#pragma once

namespace idioms {

struct Engine {
  static int Start();
};

struct Car {
  using Motor = Engine;
};

template <typename T>
using MotorOf = typename T::Motor;

template <typename T>
int StartMotor() {
  return MotorOf<T>::Start();
}

int StartCar();

}  // namespace idioms
