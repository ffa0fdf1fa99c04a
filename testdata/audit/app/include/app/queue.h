// An event queue; befriends a test through GoogleTest's FRIEND_TEST.
#pragma once

#include <gtest/gtest_prod.h>

#include <vector>

#include "app/handlers.h"

namespace app {
struct Event;

class Queue {
 public:
  void Push(int kind);
  int Pop();

 private:
  FRIEND_TEST(QueueTest, Internals);
  std::vector<int> kinds_;
};
}  // namespace app
