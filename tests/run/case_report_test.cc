// Tests of the Catch2/doctest XML report reader on fixed reports: failures in document
// order through nested sections, a report nested far deeper than any stack, and Catch2
// v3's layout (no Debian package builds a v3 program; the report below has the shape
// Catch2 3.7's XML reporter writes, xml-format-version 3, checked on its own SelfTest as
// recorded in docs/realworld.md).
#include "tia/run/case_report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tia::run {
namespace {

TEST(CaseReport, FailuresOfNestedSectionsInDocumentOrder) {
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<Catch name="t"><Group name="t">
  <TestCase name="fails" filename="/r/t.cc" line="3">
    <Section name="a" filename="/r/t.cc" line="4">
      <Expression success="false" type="CHECK" filename="/r/t.cc" line="5">
        <Original>x == 1</Original><Expanded>2 == 1</Expanded>
      </Expression>
      <Section name="b" filename="/r/t.cc" line="6">
        <Failure filename="/r/t.cc" line="7">inner</Failure>
      </Section>
    </Section>
    <Exception filename="/r/t.cc" line="9">boom</Exception>
    <OverallResult success="false" durationInSeconds="0.5"/>
  </TestCase>
  <TestCase name="passes" filename="/r/t.cc" line="12">
    <OverallResult success="true"/>
  </TestCase>
</Group></Catch>)";
  std::vector<XmlCaseResult> cases;
  std::string err;
  ASSERT_TRUE(ParseXmlCaseReport("catch2", xml, &cases, &err)) << err;
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_FALSE(cases[0].passed);
  EXPECT_EQ(cases[0].seconds, 0.5);
  EXPECT_EQ(cases[0].failure,
            "t.cc:5: CHECK( x == 1 ) with expansion: 2 == 1\n"
            "t.cc:7: inner\n"
            "t.cc:9: unexpected exception: boom\n");
  EXPECT_TRUE(cases[1].passed);
  EXPECT_EQ(cases[1].failure, "");
}

// A test program can write any report. One with a million nested sections used to
// overflow tia's stack (the failures were collected recursively) and crash `tia run`.
TEST(CaseReport, Catch2V3ReportWithSkips) {
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<Catch2TestRun name="t" rng-seed="1" xml-format-version="3" catch2-version="3.7.1">
  <TestCase name="skips with a reason" tags="[skipping]" filename="/r/s.cc" line="19">
    <Skip filename="/r/s.cc" line="21">
      not today
    </Skip>
    <OverallResult success="true" skips="1"/>
  </TestCase>
  <TestCase name="skips" filename="/r/s.cc" line="30">
    <Skip filename="/r/s.cc" line="31"/>
    <OverallResult success="true" skips="1"/>
  </TestCase>
  <TestCase name="fails before skipping" tags="[!shouldfail]" filename="/r/s.cc" line="47">
    <Expression success="false" type="CHECK" filename="/r/s.cc" line="49">
      <Original>3 == 4</Original><Expanded>3 == 4</Expanded>
    </Expression>
    <Skip filename="/r/s.cc" line="50"/>
    <OverallResult success="true" skips="1"/>
  </TestCase>
  <TestCase name="fails" filename="/r/s.cc" line="60">
    <Expression success="false" type="REQUIRE" filename="/r/s.cc" line="61">
      <Original>a</Original><Expanded>false</Expanded>
    </Expression>
    <OverallResult success="false" skips="0" durationInSeconds="0.25"/>
  </TestCase>
  <TestCase name="passes" filename="/r/s.cc" line="70">
    <OverallResult success="true" skips="0" durationInSeconds="0.001"/>
  </TestCase>
  <OverallResults successes="1" failures="1" expectedFailures="1" skips="2"/>
</Catch2TestRun>)";
  std::vector<XmlCaseResult> cases;
  std::string err;
  bool complete = false;
  ASSERT_TRUE(ParseXmlCaseReport("catch2", xml, &cases, &err, &complete)) << err;
  EXPECT_TRUE(complete);
  ASSERT_EQ(cases.size(), 5u);
  EXPECT_EQ(cases[0].name, "skips with a reason");
  EXPECT_EQ(cases[0].file, "/r/s.cc");
  EXPECT_EQ(cases[0].line, 19);
  EXPECT_TRUE(cases[0].skipped);
  EXPECT_EQ(cases[0].skip_reason, "not today");
  EXPECT_TRUE(cases[1].skipped);
  EXPECT_EQ(cases[1].skip_reason, "SKIP at s.cc:31");
  // A failure before the skip is no skip: under !shouldfail Catch2 calls it a pass.
  EXPECT_FALSE(cases[2].skipped);
  EXPECT_TRUE(cases[2].passed);
  EXPECT_FALSE(cases[3].passed);
  EXPECT_FALSE(cases[3].skipped);
  EXPECT_EQ(cases[3].seconds, 0.25);
  EXPECT_EQ(cases[3].failure, "s.cc:61: REQUIRE( a ) with expansion: false\n");
  EXPECT_TRUE(cases[4].passed);
  EXPECT_FALSE(cases[4].skipped);

  // Cut short inside a case: read as far as it goes.
  std::vector<XmlCaseResult> partial;
  ASSERT_TRUE(ParseXmlCaseReport("catch2", xml.substr(0, xml.find("<TestCase name=\"skips\"") + 60),
                                 &partial, &err, &complete));
  EXPECT_FALSE(complete);
  ASSERT_EQ(partial.size(), 2u);
  EXPECT_FALSE(partial[1].finished);
}

TEST(CaseReport, DeeplyNestedReportDoesNotOverflowTheStack) {
  const int depth = 1000000;
  std::string xml = "<Catch><Group><TestCase name=\"deep\" filename=\"/r/t.cc\" line=\"1\">";
  for (int i = 0; i < depth; ++i) xml += "<Section>";
  xml += "<Failure filename=\"/r/t.cc\" line=\"2\">at the bottom</Failure>";
  for (int i = 0; i < depth; ++i) xml += "</Section>";
  xml += "<OverallResult success=\"false\"/></TestCase></Group></Catch>";
  std::vector<XmlCaseResult> cases;
  std::string err;
  ASSERT_TRUE(ParseXmlCaseReport("catch2", xml, &cases, &err)) << err;
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].failure, "t.cc:2: at the bottom\n");
}

}  // namespace
}  // namespace tia::run
