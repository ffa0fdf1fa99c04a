// A primary template, an explicit specialization and a partial specialization.
#pragma once

namespace idioms {

int PrimaryTag();
int PointerBonus();

template <typename T>
struct Traits {
  static int Tag() { return PrimaryTag(); }
};

template <>
struct Traits<int> {
  static int Tag();
};

template <typename T>
struct Traits<T*> {
  static int Tag() { return Traits<T>::Tag() + PointerBonus(); }
};

template <typename T>
int TagOf() {
  return Traits<T>::Tag();
}

int TagOfInt();
int TagOfPointer();
int TagOfDouble();

}  // namespace idioms
