// Tests of the Catch2/doctest XML report reader on fixed reports: failures in document
// order through nested sections, and a report nested far deeper than any stack.
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
