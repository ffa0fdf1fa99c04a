// JUnit XML: structure, counts, escaping; read back with pugixml.
#include "tia/report/junit.h"

#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "fixtures.h"
#include "testing.h"

namespace tia::report {
namespace {

TEST(Junit, StructureAndCounts) {
  testing::ScratchDir dir("junit");
  std::string path = dir.path() + "/out/../report.xml";
  std::string err;
  ASSERT_TRUE(WriteJunit(dir.path() + "/report.xml", SampleResults(), &err)) << err;
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_file((dir.path() + "/report.xml").c_str());
  ASSERT_TRUE(parsed) << parsed.description();

  pugi::xml_node root = doc.child("testsuites");
  ASSERT_TRUE(root);
  EXPECT_EQ(root.attribute("tests").as_int(), 5);
  EXPECT_EQ(root.attribute("failures").as_int(), 1);
  EXPECT_EQ(root.attribute("errors").as_int(), 1);
  EXPECT_EQ(root.attribute("skipped").as_int(), 1);

  std::vector<std::string> suites;
  for (pugi::xml_node s : root.children("testsuite")) suites.push_back(s.attribute("name").value());
  EXPECT_EQ(suites, (std::vector<std::string>{"math_test", "net_test", "hang_test"}));

  pugi::xml_node math = root.find_child_by_attribute("testsuite", "name", "math_test");
  EXPECT_EQ(math.attribute("tests").as_int(), 3);
  EXPECT_EQ(math.attribute("failures").as_int(), 1);
  EXPECT_EQ(math.attribute("errors").as_int(), 0);
  EXPECT_EQ(math.attribute("skipped").as_int(), 1);
  EXPECT_STREQ(math.attribute("time").value(), "0.512");

  pugi::xml_node add = math.find_child_by_attribute("testcase", "name", "Add");
  EXPECT_STREQ(add.attribute("classname").value(), "Math");
  EXPECT_STREQ(add.attribute("file").value(), "test/math_test.cpp");
  EXPECT_STREQ(add.attribute("time").value(), "0.012");
  EXPECT_FALSE(add.first_child());  // passed: no child

  pugi::xml_node fails = math.find_child_by_attribute("testcase", "name", "Fails");
  pugi::xml_node failure = fails.child("failure");
  ASSERT_TRUE(failure);
  EXPECT_STREQ(failure.attribute("message").value(), "math_test.cpp:14");
  EXPECT_EQ(std::distance(fails.children().begin(), fails.children().end()), 1);

  pugi::xml_node slow = math.find_child_by_attribute("testcase", "name", "Slow");
  EXPECT_STREQ(slow.child("skipped").attribute("message").value(),
               "constraint: integration && !linux");

  pugi::xml_node net = root.find_child_by_attribute("testsuite", "name", "net_test");
  pugi::xml_node flaky = net.child("testcase");
  EXPECT_STREQ(flaky.attribute("classname").value(), "net_test");
  EXPECT_STREQ(flaky.attribute("name").value(), "net_test");
  EXPECT_FALSE(flaky.child("failure"));
  EXPECT_NE(std::string(flaky.child("system-out").text().get()).find("flaky"), std::string::npos);

  pugi::xml_node hang = root.find_child_by_attribute("testsuite", "name", "hang_test");
  EXPECT_EQ(hang.attribute("errors").as_int(), 1);
  pugi::xml_node error = hang.child("testcase").child("error");
  EXPECT_STREQ(error.attribute("message").value(), "timed out after 5s");
  EXPECT_STREQ(error.text().get(), "waiting...");
}

TEST(Junit, EscapesAndStripsIllegalCharacters) {
  std::string xml = JunitXml(SampleResults());
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_EQ(xml.find('\x1b'), std::string::npos);
  EXPECT_EQ(xml.find('\xff'), std::string::npos);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  pugi::xml_node failure = doc.select_node("//testcase[@name='Fails']/failure").node();
  ASSERT_TRUE(failure);
  EXPECT_STREQ(failure.text().get(), "a < b && \"c\" > 'd'[31m\nline2 \xEF\xBF\xBD end\n");
  // Markup characters in attributes survive a round trip too.
  std::vector<TestResult> r(1);
  r[0].ctest_name = "a<b>&\"c\"";
  r[0].outcome = Outcome::kFail;
  r[0].failure_message = "x<y & \"z\"\n\x02";
  pugi::xml_document d2;
  ASSERT_TRUE(d2.load_string(JunitXml(r).c_str()));
  pugi::xml_node tc = d2.select_node("//testcase").node();
  EXPECT_STREQ(tc.attribute("name").value(), "a<b>&\"c\"");
  EXPECT_STREQ(tc.child("failure").attribute("message").value(), "x<y & \"z\"\n");
}

TEST(Junit, Catch2AndDoctestCasesByTheirNames) {
  std::vector<TestResult> r(3);
  r[0].ctest_name = r[1].ctest_name = "calc_all";
  r[0].test_case = "adds";
  r[1].test_case = "multiplies later";
  r[1].outcome = Outcome::kSkip;
  r[1].skip_reason = "not on this machine";
  r[2].ctest_name = "d.adds";
  r[2].test_case = "adds";
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(JunitXml(r).c_str()));
  std::vector<std::string> cases;
  for (pugi::xpath_node n : doc.select_nodes("//testcase"))
    cases.push_back(std::string(n.node().attribute("classname").value()) + "|" +
                    n.node().attribute("name").value());
  EXPECT_EQ(cases, (std::vector<std::string>{"calc_all|adds", "calc_all|multiplies later",
                                             "d.adds|adds"}));
}

TEST(Junit, SanitizeXmlText) {
  EXPECT_EQ(SanitizeXmlText("ok\ttab\r\n"), "ok\ttab\r\n");
  EXPECT_EQ(SanitizeXmlText(std::string("a\0b\x08\x1f", 5)), "ab");
  EXPECT_EQ(SanitizeXmlText("caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80"),
            "caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80");
  EXPECT_EQ(SanitizeXmlText("\xC3"), "\xEF\xBF\xBD");                  // truncated sequence
  EXPECT_EQ(SanitizeXmlText("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(SanitizeXmlText("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(SanitizeXmlText("\xEF\xBF\xBF"), "");                                      // U+FFFF
}

TEST(Junit, LineEndsInOutput) {
  EXPECT_EQ(XmlElementText("a\r\nb\rc\n\x01"), "a\nb\nc\n");
  std::vector<TestResult> r(1);
  r[0].ctest_name = "t";
  r[0].outcome = Outcome::kFail;
  r[0].output = "progress 10%\rprogress 100%\r\ndone\n";
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(JunitXml(r).c_str()));
  EXPECT_STREQ(doc.select_node("//failure").node().text().get(),
               "progress 10%\nprogress 100%\ndone\n");
}

TEST(Junit, EmptyRunIsValid) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(JunitXml({}).c_str()));
  EXPECT_EQ(doc.child("testsuites").attribute("tests").as_int(), 0);
}

TEST(Junit, WriteFailsOnBadPath) {
  std::string err;
  EXPECT_FALSE(WriteJunit("/nonexistent-dir/sub/report.xml", SampleResults(), &err));
  EXPECT_NE(err.find("/nonexistent-dir/sub"), std::string::npos) << err;
}

}  // namespace
}  // namespace tia::report
