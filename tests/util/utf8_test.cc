// Tests of ValidUtf8: well-formed text passes unchanged, every malformed byte becomes one
// U+FFFD, and the result is always well-formed.
#include "tia/util/utf8.h"

#include <gtest/gtest.h>

namespace tia {
namespace {

const std::string kReplacement = "\xEF\xBF\xBD";

TEST(Utf8, WellFormedTextIsUnchanged) {
  for (std::string s : {std::string(""), std::string("plain ascii\n"),
                        std::string("caf\xC3\xA9 \xE2\x86\x92 \xF0\x9F\x98\x80"),
                        std::string("nul \0 inside", 12)}) {
    EXPECT_TRUE(IsValidUtf8(s)) << s;
    EXPECT_EQ(ValidUtf8(s), s);
  }
}

TEST(Utf8, EveryMalformedByteBecomesOneReplacementCharacter) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"we ird\xFF name.txt", "we ird" + kReplacement + " name.txt"},  // never valid
      {"\x80x", kReplacement + "x"},                                   // stray continuation
      {"a\xC3", "a" + kReplacement},                                   // truncated at the end
      {"\xE2\x86z", kReplacement + kReplacement + "z"},                // truncated inside
      {"\xC0\x80", kReplacement + kReplacement},                       // overlong NUL
      {"\xED\xA0\x80", kReplacement + kReplacement + kReplacement},    // surrogate U+D800
      {"\xF4\x90\x80\x80",
       kReplacement + kReplacement + kReplacement + kReplacement},  // > U+10FFFF
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(IsValidUtf8(c.in));
    EXPECT_EQ(ValidUtf8(c.in), c.out);
    EXPECT_TRUE(IsValidUtf8(ValidUtf8(c.in)));
  }
}

TEST(Utf8, EncodesAndDecodesEveryLength) {
  for (uint32_t cp : {0x24u, 0xA2u, 0x20ACu, 0x10348u, 0x10FFFFu}) {
    std::string s;
    AppendUtf8(cp, &s);
    uint32_t back = 0;
    size_t len = 0;
    ASSERT_TRUE(DecodeUtf8(s, 0, &back, &len)) << cp;
    EXPECT_EQ(back, cp);
    EXPECT_EQ(len, s.size());
  }
}

}  // namespace
}  // namespace tia
