// The event queue and its dispatcher.
#include "app/events.h"

namespace app {
void Queue::Push(int kind) { kinds_.push_back(core::Clamp(kind)); }

int Queue::Pop() {
  if (kinds_.empty()) return -1;
  int k = kinds_.back();
  kinds_.pop_back();
  return Dispatch(k);
}

int Dispatch(int kind) { return kind * 10; }
}  // namespace app
