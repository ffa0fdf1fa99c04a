// JUnit XML report built with pugixml.
#include "tia/report/junit.h"

#include <cstdio>
#include <map>
#include <sstream>

#include <pugixml.hpp>

#include "tia/util/fs.h"
#include "tia/util/utf8.h"

namespace tia::report {
namespace {

// Seconds with at most 3 decimals and no trailing zeros: "0.012", "1.5", "0".
std::string Time(double s) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", s < 0 ? 0.0 : s);
  std::string out = buf;
  while (!out.empty() && out.back() == '0') out.pop_back();
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

struct Counts {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  double time = 0;
};

void SetCounts(pugi::xml_node n, const Counts& c) {
  n.append_attribute("tests") = c.tests;
  n.append_attribute("failures") = c.failures;
  n.append_attribute("errors") = c.errors;
  n.append_attribute("skipped") = c.skipped;
  n.append_attribute("time") = Time(c.time).c_str();
}

void AddTestcase(pugi::xml_node suite, const TestResult& r, const std::string& package, Counts* c) {
  pugi::xml_node tc = suite.append_child("testcase");
  // A GoogleTest case: Suite and Case. A Catch2 or doctest case (a name, no suite): the
  // CTest test that ran it and its name. Any other test: the Package and the test.
  bool gtest = !r.suite.empty() && !r.test_case.empty();
  bool named_case = !gtest && !r.test_case.empty();
  tc.append_attribute("classname") = SanitizeXmlText(gtest        ? r.suite
                                                     : named_case ? r.ctest_name
                                                                  : package)
                                         .c_str();
  tc.append_attribute("name") =
      SanitizeXmlText(r.test_case.empty() ? r.ctest_name : r.test_case).c_str();
  if (!r.file.empty()) tc.append_attribute("file") = SanitizeXmlText(r.file).c_str();
  tc.append_attribute("time") = Time(r.seconds).c_str();
  ++c->tests;
  c->time += r.seconds;
  std::string output = XmlElementText(r.output);
  switch (r.outcome) {
    case Outcome::kPass:
      break;
    case Outcome::kFail: {
      ++c->failures;
      pugi::xml_node f = tc.append_child("failure");
      std::string msg = r.failure_message.empty() ? "failed" : r.failure_message;
      f.append_attribute("message") = SanitizeXmlText(msg).c_str();
      if (!output.empty()) f.text().set(output.c_str());
      break;
    }
    case Outcome::kTimeout: {
      ++c->errors;
      pugi::xml_node f = tc.append_child("error");
      std::string msg = r.failure_message.empty() ? "timed out after " + Time(r.seconds) + "s"
                                                  : r.failure_message;
      f.append_attribute("message") = SanitizeXmlText(msg).c_str();
      f.append_attribute("type") = "timeout";
      if (!output.empty()) f.text().set(output.c_str());
      break;
    }
    case Outcome::kSkip: {
      ++c->skipped;
      pugi::xml_node s = tc.append_child("skipped");
      s.append_attribute("message") =
          SanitizeXmlText(r.skip_reason.empty() ? "skipped" : r.skip_reason).c_str();
      break;
    }
    case Outcome::kFlaky: {
      // Passed in the end: no failure child, but say so where CI UIs show test output.
      std::string note = "flaky: passed after " + std::to_string(r.attempts) + " attempts\n";
      tc.append_child("system-out").text().set((note + output).c_str());
      break;
    }
  }
}

// Collects pugixml's output into a string.
struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

}  // namespace

std::string SanitizeXmlText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  uint32_t cp = 0;
  size_t len = 0;
  for (size_t i = 0; i < text.size(); i += len) {
    if (!DecodeUtf8(text, i, &cp, &len)) {
      AppendUtf8(0xFFFD, &out);
      len = 1;
      continue;
    }
    bool allowed =
        cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF);
    if (allowed) out.append(text.substr(i, len));
  }
  return out;
}

std::string XmlElementText(std::string_view text) {
  std::string s = SanitizeXmlText(text);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\r') {
      out.push_back(s[i]);
    } else if (i + 1 >= s.size() || s[i + 1] != '\n') {
      out.push_back('\n');
    }
  }
  return out;
}

std::string JunitXml(const std::vector<TestResult>& results) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child("testsuites");
  root.append_attribute("name") = "tia";

  // Suites in order of first appearance.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const TestResult*>> by_package;
  for (const TestResult& r : results) {
    std::string p = PackageName(r);
    auto& v = by_package[p];
    if (v.empty()) order.push_back(p);
    v.push_back(&r);
  }
  Counts total;
  for (const std::string& p : order) {
    pugi::xml_node suite = root.append_child("testsuite");
    suite.append_attribute("name") = SanitizeXmlText(p).c_str();
    Counts c;
    for (const TestResult* r : by_package[p]) AddTestcase(suite, *r, p, &c);
    SetCounts(suite, c);  // attributes are written in the start tag whatever the order
    total.tests += c.tests;
    total.failures += c.failures;
    total.errors += c.errors;
    total.skipped += c.skipped;
    total.time += c.time;
  }
  SetCounts(root, total);

  StringWriter w;
  doc.save(w, "  ", pugi::format_default, pugi::encoding_utf8);
  return w.out;
}

bool WriteJunit(const std::string& path, const std::vector<TestResult>& results, std::string* err) {
  return WriteFileAtomic(path, JunitXml(results), err);
}

}  // namespace tia::report
