// Active tag sets: host, compiler ids, build types and --tags lists.
#include "tia/constraint/tags.h"

#include <gtest/gtest.h>
#include <sys/utsname.h>

#include "testing.h"
#include "tia/constraint/expr.h"

namespace tia::constraint {
namespace {

TEST(ConstraintTags, HostMatchesUname) {
  TagSet host = HostTags();
  EXPECT_TRUE(host.count("unix"));
  // Compare with what `uname` prints, independently of the uname(2) call in the code.
  auto os = testing::Shell("uname -s");
  auto machine = testing::Shell("uname -m");
  ASSERT_EQ(os.exit_code, 0);
  std::string sys = os.out.substr(0, os.out.find('\n'));
  for (char& c : sys) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(host.count(sys)) << sys;
  std::string arch = machine.out.substr(0, machine.out.find('\n'));
  EXPECT_TRUE(host.count(arch)) << arch;
  if (arch == "x86_64") {
    EXPECT_TRUE(host.count("amd64"));
  }
  if (arch == "aarch64") {
    EXPECT_TRUE(host.count("arm64"));
  }
#ifdef __linux__
  EXPECT_TRUE(host.count("linux"));
  EXPECT_FALSE(host.count("darwin"));
#endif
  for (const std::string& t : host) EXPECT_TRUE(IsValidTag(t)) << t;
}

TEST(ConstraintTags, CompilerIds) {
  EXPECT_EQ(CompilerTag("GNU"), "gcc");
  EXPECT_EQ(CompilerTag("Clang"), "clang");
  EXPECT_EQ(CompilerTag("AppleClang"), "clang");
  EXPECT_EQ(CompilerTag("MSVC"), "msvc");
  EXPECT_EQ(CompilerTag("IntelLLVM"), "icx");
  EXPECT_EQ(CompilerTag("NVHPC"), "nvhpc");
  EXPECT_EQ(CompilerTag(""), "");
}

TEST(ConstraintTags, TagList) {
  std::vector<std::string> tags;
  std::string err;
  ASSERT_TRUE(ParseTagList("integration, slow,,go1.2", &tags, &err)) << err;
  EXPECT_EQ(tags, (std::vector<std::string>{"integration", "slow", "go1.2"}));
  ASSERT_TRUE(ParseTagList("", &tags, &err));
  EXPECT_TRUE(tags.empty());
  EXPECT_FALSE(ParseTagList("a,b-c", &tags, &err));
  EXPECT_EQ(err, "invalid tag \"b-c\": tags are letters, digits, '_' and '.'");
}

TEST(ConstraintTags, ActiveSetDrivesEvaluation) {
  TagSet active = ActiveTags("GNU", "RelWithDebInfo", {"integration"});
  EXPECT_TRUE(active.count("gcc"));
  EXPECT_TRUE(active.count("relwithdebinfo"));
  EXPECT_TRUE(active.count("integration"));
  EXPECT_FALSE(active.count("clang"));
  ParseError perr;
  auto e = Parse("unix && gcc && (debug || relwithdebinfo) && integration && !clang", &perr);
  ASSERT_TRUE(e) << perr.message;
  EXPECT_TRUE(Eval(*e, active));
  EXPECT_FALSE(Eval(*e, ActiveTags("Clang", "Debug", {"integration"})));
  EXPECT_FALSE(ActiveTags("", "", {}).count(""));
}

TEST(ConstraintTags, LabelsUseTheSameGrammar) {
  // --labels EXPR: a label is a true tag.
  ParseError perr;
  auto e = Parse("integration && !slow", &perr);
  ASSERT_TRUE(e);
  EXPECT_TRUE(MatchLabels(*e, {"integration", "db"}));
  EXPECT_FALSE(MatchLabels(*e, {"integration", "slow"}));
  EXPECT_FALSE(MatchLabels(*e, {}));  // a test without labels never has a label
  auto no_slow = Parse("!slow", &perr);
  ASSERT_TRUE(no_slow);
  EXPECT_TRUE(MatchLabels(*no_slow, {}));
}

}  // namespace
}  // namespace tia::constraint
