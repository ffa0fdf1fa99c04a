// Tests of the shared string helpers and of the handle owners (tia/util/strings.h,
// tia/util/handle.h).
#include "tia/util/strings.h"

#include <fcntl.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "tia/util/handle.h"

namespace tia {
namespace {

TEST(Strings, PrefixAndSuffix) {
  EXPECT_TRUE(StartsWith("--gtest_filter=a", "--gtest_"));
  EXPECT_FALSE(StartsWith("-", "--"));
  EXPECT_TRUE(EndsWith("a.cc", ".cc"));
  EXPECT_FALSE(EndsWith("c", ".cc"));
  EXPECT_TRUE(EndsWith("x", ""));
}

TEST(Strings, TrimJoinLower) {
  EXPECT_EQ(Trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(Trim(" \n "), "");
  EXPECT_EQ(Join({"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(Join({}, ", "), "");
  EXPECT_EQ(Lower("MiXeD_1"), "mixed_1");
}

TEST(Strings, DurationsReadAsPeopleSayThem) {
  EXPECT_EQ(FormatDuration(0.04), "0.0 s");
  EXPECT_EQ(FormatDuration(12.34), "12.3 s");
  EXPECT_EQ(FormatDuration(150), "2.5 min");
  EXPECT_EQ(SecondsText(0.254), "0.25s");
  EXPECT_EQ(SecondsText(12), "12.00s");
}

int frees = 0;
int CountingFree(int* p) {
  ++frees;
  delete p;
  return 0;
}

TEST(Handle, FreesExactlyOnceAfterMoves) {
  frees = 0;
  {
    UniqueHandle<int, CountingFree> a(new int(1));
    UniqueHandle<int, CountingFree> b = std::move(a);
    EXPECT_EQ(a, nullptr);
    UniqueHandle<int, CountingFree> none;
  }
  EXPECT_EQ(frees, 1);
}

TEST(Handle, FdIsClosedOnceAndReleaseGivesItAway) {
  int raw = -1;
  {
    UniqueFd fd(::open("/dev/null", O_RDONLY));
    ASSERT_TRUE(fd);
    raw = fd.get();
    UniqueFd moved = std::move(fd);
    EXPECT_FALSE(fd);
    EXPECT_EQ(moved.get(), raw);
  }
  EXPECT_EQ(::fcntl(raw, F_GETFD), -1);  // closed by the owner
  UniqueFd kept(::open("/dev/null", O_RDONLY));
  int released = kept.release();
  kept.reset();
  EXPECT_NE(::fcntl(released, F_GETFD), -1);  // still open: the caller owns it now
  ::close(released);
}

}  // namespace
}  // namespace tia
