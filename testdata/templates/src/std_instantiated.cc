#include "idioms/std_instantiated.h"

#include <memory>

namespace idioms {

void Widget::Release(int& count) {
  count += 1;
}

int KeeperReleases() {
  int count = 0;
  {
    auto h = std::make_unique<Keeper<Widget>>();
    h->count = &count;
  }
  return count;
}

}  // namespace idioms
