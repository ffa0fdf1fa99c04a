#pragma once

// A class whose constructor some cases run and others only name.
struct Counter {
  Counter();
  ~Counter() {}
  int Next() { return ++n; }
  int n;
};

// The count of `c`, or -1 without one.
int Peek(const Counter* c);
