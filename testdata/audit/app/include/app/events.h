// Events. events.h -> queue.h -> handlers.h -> events.h: an include cycle of three files.
#pragma once

#include "app/queue.h"
#include "core/config.h"

namespace app {
struct Event {
  int kind = 0;
};
}  // namespace app
