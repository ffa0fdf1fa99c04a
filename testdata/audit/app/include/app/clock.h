// A monotonic clock.
#pragma once

#include <string>

#include "app/clock_support.h"

namespace app {
class Clock {
 public:
  long Now() const;
  void Advance(long by);

 private:
  TickSource source_;
};

std::string FormatUptime(const Clock& clock);
}  // namespace app
