// A class nested in a class template, visited through a member template: the call to
// format() is made by Formatter<Ctx>::operator(), which is called from Arg<Ctx>::visit.
#pragma once

namespace idioms {

struct Ctx {
  int n = 0;
};

template <typename C>
struct Arg {
  struct Handle {
    void format(C& c) const { c.n += 1; }
  };
  template <typename V>
  void visit(V&& v) const {
    v(Handle{});
  }
};

template <typename C>
struct Formatter {
  C* out;
  void operator()(typename Arg<C>::Handle h) { h.format(*out); }
};

int RunVisit();

}  // namespace idioms
