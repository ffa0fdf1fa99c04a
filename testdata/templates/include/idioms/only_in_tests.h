// A header template that no library TU instantiates: only the test does.
#pragma once

namespace idioms {

struct Parcel {
  int Mass() const;
};

template <typename T>
int Weigh(const T& t) {
  return t.Mass() * 2;
}

}  // namespace idioms
