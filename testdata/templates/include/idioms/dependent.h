// Calls through a template parameter: a callable `f(x)`, a member `t.Value()` and a static
// member `T::Make()`. CallMember is instantiated in two TUs with different types.
#pragma once

namespace idioms {

template <typename F>
int ApplyTwice(F f, int x) {
  return f(f(x));
}

template <typename T>
int CallMember(const T& t) {
  return t.Value() + 1;
}

template <typename T>
int CallStatic() {
  return T::Make() * 2;
}

int Increment(int x);

struct Holder {
  int Value() const;
};

struct Meter {
  int Value() const;
};

struct Factory {
  static int Make();
};

int DependentCallable();  // ApplyTwice(Increment, 3)
int DependentMember();    // CallMember(Holder{})
int DependentStatic();    // CallStatic<Factory>()
int DependentOther();     // CallMember(Meter{}), in another TU

}  // namespace idioms
