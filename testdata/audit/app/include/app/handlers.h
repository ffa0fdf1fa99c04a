// Event handlers.
#pragma once

#include "app/events.h"

namespace app {
int Dispatch(int kind);
}  // namespace app
