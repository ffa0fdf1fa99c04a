#include "idioms/dependent.h"

namespace idioms {

int Increment(int x) {
  return x + 1;
}

int Holder::Value() const {
  return 41;
}

int Factory::Make() {
  return 21;
}

int DependentCallable() {
  return ApplyTwice(Increment, 3);
}

int DependentMember() {
  return CallMember(Holder{});
}

int DependentStatic() {
  return CallStatic<Factory>();
}

}  // namespace idioms
