// Clock plumbing. It includes the tests' fake clock, so test code reaches production.
#pragma once

#include "core/config.h"
#include "testing/fake_clock.h"

namespace app {
inline constexpr long kMaxTicks = CORE_LIMIT * 1000L;
using TickSource = testing_support::FakeClock;
}  // namespace app
