// A member function template of a plain class.
#pragma once

namespace idioms {

struct Registry {
  int total = 0;
  template <typename T>
  void Add(const T& item) {
    total += item.Weight();
  }
};

struct Crate {
  int Weight() const;
};

int RegistryTotal();

}  // namespace idioms
