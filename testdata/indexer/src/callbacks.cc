// Indirect calls: a table of function pointers, a lambda, std::function, a static
// initializer and an anonymous-namespace helper.
#include "callbacks.h"

namespace {
int Hidden(int x) {
  return x + 7;
}
}  // namespace

int OnAdd(int x) {
  return x + 1;
}

int OnSub(int x) {
  return x - 1;
}

int OnTwice(int x) {
  return x * 2;
}

using Handler = int (*)(int);
static const Handler kHandlers[] = {OnAdd, OnSub};

int Dispatch(int which, int x) {
  return kHandlers[which](x);
}

int ApplyLambda(int x) {
  auto f = [](int y) { return OnTwice(y); };
  return f(x);
}

std::function<int(int)> MakeCallback() {
  std::function<int(int)> cb = OnSub;
  return cb;
}

int InitValue() {
  return 42;
}

int g_initialized = InitValue();

int UseHidden() {
  return Hidden(1);
}
