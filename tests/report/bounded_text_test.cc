// BoundedText: what is kept of a large output, where it is cut and what the note says;
// GtestConsoleParser keeps each case's output bounded while reading any amount of text.
#include <gtest/gtest.h>

#include <string>

#include "tia/report/bounded_text.h"
#include "tia/report/gtest.h"

namespace tia::report {
namespace {

TEST(BoundedText, SmallTextIsKeptWhole) {
  BoundedText b(10, 10);
  b.Append("abc\n");
  b.Append("def\n");
  EXPECT_EQ(b.Text("x.log"), "abc\ndef\n");
  EXPECT_FALSE(b.cut());
  EXPECT_EQ(BoundText("exactly twenty bytes", "", 10, 10), "exactly twenty bytes");
}

TEST(BoundedText, KeepsHeadAndTailAtLineEndsAndSaysWhatWasCut) {
  BoundedText b(16, 16);
  std::string all;
  for (int i = 0; i < 1000; ++i) {
    std::string line = "line " + std::to_string(i) + "\n";
    all += line;
    b.Append(line);
  }
  EXPECT_TRUE(b.cut());
  EXPECT_EQ(b.total(), all.size());
  std::string t = b.Text("/b/Testing/Temporary/tia/big.log");
  // "line 0\nline 1\n" (14 bytes) is the head up to its last line end; the tail starts
  // at the first whole line of the last 16 bytes ("ne 998\nline 999\n").
  size_t cut = all.size() - 14 - std::string("line 999\n").size();
  EXPECT_EQ(t, "line 0\nline 1\n[tia: " + WithThousands(cut) +
                   " bytes (997 lines) of output cut here; full output in "
                   "/b/Testing/Temporary/tia/big.log]\nline 999\n");
  // Appending in one piece gives the same text.
  EXPECT_EQ(BoundText(all, "/b/Testing/Temporary/tia/big.log", 16, 16), t);
}

TEST(BoundedText, MemoryStaysBoundedForLargeInput) {
  BoundedText b(1024, 1024);
  std::string chunk(4096, 'x');
  for (int i = 0; i < 10000; ++i) b.Append(chunk);  // 40 MB
  EXPECT_EQ(b.total(), 4096u * 10000u);
  std::string t = b.Text("");
  EXPECT_LT(t.size(), 3000u);
  EXPECT_NE(t.find("[tia: 40,957,952 bytes (0 lines) of output cut here]\n"), std::string::npos)
      << t;
}

TEST(WithThousands, GroupsDigits) {
  EXPECT_EQ(WithThousands(0), "0");
  EXPECT_EQ(WithThousands(999), "999");
  EXPECT_EQ(WithThousands(1000), "1,000");
  EXPECT_EQ(WithThousands(52428800), "52,428,800");
}

TEST(GtestConsoleParser, CaseOutputIsBounded) {
  GtestConsoleParser p;
  p.Line("[ RUN      ] Big.Case\n");
  for (int i = 0; i < 200000; ++i) p.Line("noise " + std::to_string(i) + "\n");
  p.Line("[       OK ] Big.Case (5 ms)\n");
  p.Line("[ RUN      ] Big.Next\n");
  std::vector<GtestConsoleCase> cases = p.Finish("/log");
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].status, GtestConsoleCase::Status::kPassed);
  EXPECT_LT(cases[0].output.size(), kOutputHead + kOutputTail + 200);
  EXPECT_EQ(cases[0].output.rfind("noise 0\n", 0), 0u);
  EXPECT_NE(cases[0].output.find("of output cut here; full output in /log]"), std::string::npos);
  EXPECT_NE(cases[0].output.find("noise 199999\n"), std::string::npos);
  EXPECT_EQ(cases[1].status, GtestConsoleCase::Status::kUnfinished);
}

// Which case each line is of: its "[ RUN ]" and end lines included, the lines between
// cases of none (a FAIL_REGULAR_EXPRESSION is judged by them).
TEST(GtestConsoleParser, CaseOfEachLine) {
  GtestConsoleParser p;
  std::vector<std::string> owners;
  for (const char* l : {"Note: Google Test filter = A.*\n", "[ RUN      ] A.B\n", "hello\n",
                        "[       OK ] A.B (0 ms)\n", "[----------] 1 test from A\n",
                        "[ RUN      ] A.C\n", "[  FAILED  ] A.C (1 ms)\n", "bye\n"}) {
    p.Line(l);
    owners.emplace_back(p.CaseOfLastLine());
  }
  EXPECT_EQ(owners, (std::vector<std::string>{"", "A.B", "A.B", "A.B", "", "A.C", "A.C", ""}));
}

}  // namespace
}  // namespace tia::report
