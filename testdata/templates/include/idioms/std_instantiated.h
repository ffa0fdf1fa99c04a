// A project template whose destructor is instantiated only inside a standard library
// template's body (std::unique_ptr's deleter), where it calls T::Release().
#pragma once

namespace idioms {

struct Widget {
  static void Release(int& count);
};

template <typename T>
struct Keeper {
  int* count;
  ~Keeper() { T::Release(*count); }
};

int KeeperReleases();

}  // namespace idioms
