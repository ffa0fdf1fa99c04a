// The curiously recurring template pattern: the base calls the derived class's Step().
#pragma once

namespace idioms {

template <typename D>
struct Counter {
  int Run() { return static_cast<D*>(this)->Step() + 1; }
};

struct Ticker : Counter<Ticker> {
  int Step();
};

int RunTicker();

}  // namespace idioms
