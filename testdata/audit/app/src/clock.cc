// The clock. features.h is used only through #ifdef.
#include "app/clock.h"

#include "app/features.h"
#include "core/strings.h"

namespace app {
long Clock::Now() const { return source_.now; }

void Clock::Advance(long by) {
#ifdef APP_FAST_CLOCK
  source_.Advance(by * 2);
#else
  source_.Advance(by);
#endif
}

std::string FormatUptime(const Clock& clock) {
  return core::Join({"up", std::to_string(clock.Now())}, " ");
}
}  // namespace app
