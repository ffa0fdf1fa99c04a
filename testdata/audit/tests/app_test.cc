// Tests of app: the clock and the event queue.
#include <gtest/gtest.h>

#include "app/clock.h"
#include "app/events.h"

TEST(ClockTest, Advance) {
  app::Clock c;
  c.Advance(2);
  EXPECT_EQ(c.Now(), 4);
}

namespace app {
// In app's namespace, as FRIEND_TEST in queue.h requires.
TEST(QueueTest, Internals) {
  app::Queue q;
  q.Push(3);
  EXPECT_EQ(q.kinds_.size(), 1u);
  EXPECT_EQ(q.Pop(), 30);
}
}  // namespace app
