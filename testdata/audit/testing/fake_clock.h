// A clock for tests: time moves only when a test says so.
#pragma once

namespace testing_support {
struct FakeClock {
  long now = 0;
  void Advance(long by) { now += by; }
};
}  // namespace testing_support
