#include <gtest/gtest.h>

#include <cstdlib>

#include "counter.h"
#include "reader.h"
#include "twice.h"

TEST(Reader, Number) {
  EXPECT_EQ(Read("2024"), 4);
}

TEST(Reader, Word) {
  EXPECT_EQ(Read("abc"), 3);
  int (*scale)() = &Scale;  // run, not evaluated at compile time
  EXPECT_EQ(scale(), 2);
}

TEST(Reader, Scaled) {
  static_assert(Scale() == 2);
  int cells[Scale()] = {};
  EXPECT_EQ(sizeof cells / sizeof cells[0], 2u);
}

TEST(Reader, Aborts) {
  if (std::getenv("READER_ABORTS")) std::abort();
  EXPECT_EQ(Read("7"), 1);
}

TEST(Width, Narrow) {
  EXPECT_EQ(Width("ab", false), 2);
}

TEST(Width, Wide) {
  EXPECT_EQ(Width("ab", true), 4);
}

TEST(Width, Empty) {
  EXPECT_EQ(Width("", true), 0);
}

TEST(Counter, Counts) {
  Counter c;
  EXPECT_EQ(c.Next(), 1);
}

TEST(Counter, PeeksAtNothing) {
  EXPECT_EQ(Peek(nullptr), -1);
}

// One instance aborts under READER_ABORTS: it has no record, its sibling has one.
class ReadParam : public ::testing::TestWithParam<const char*> {};

TEST_P(ReadParam, Reads) {
  if (std::getenv("READER_ABORTS") && GetParam()[0] == 'x') std::abort();
  EXPECT_GT(Read(GetParam()), 0);
}

INSTANTIATE_TEST_SUITE_P(Texts, ReadParam, ::testing::Values("1", "x"));
