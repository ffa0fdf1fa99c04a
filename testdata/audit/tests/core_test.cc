// Tests of core: graphs and strings. StringsTest.Slow takes a second, so the hub's cost
// in CI is visible in recorded durations.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/graph.h"
#include "core/strings.h"

TEST(GraphTest, AddAndSize) {
  core::Graph g;
  g.Add();
  EXPECT_EQ(g.Size(), 1);
}

TEST(GraphTest, NodeDegree) {
  core::Graph g;
  core::Node n{g.Add(), &g};
  EXPECT_EQ(n.Degree(), 0);
}

TEST(StringsTest, Join) { EXPECT_EQ(core::Join({"a", "b"}, "-"), "a-b"); }

TEST(StringsTest, Slow) {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_EQ(core::Upper("x"), "X");
}
