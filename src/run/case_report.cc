// Reading Catch2 and doctest XML reports (see tia/run/case_report.h).
#include "tia/run/case_report.h"

#include <pugixml.hpp>

#include <set>
#include <string_view>
#include <vector>

#include "tia/util/strings.h"

namespace tia::run {
namespace {

std::string FileName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Failed assertions and exceptions below `node` (sections nest them), one line each, in
// document order. Iterative: the report comes from the test program, and a deeply nested
// one must not overflow tia's stack.
void CollectFailures(pugi::xml_node node, std::string* out) {
  std::vector<pugi::xml_node> stack;
  for (pugi::xml_node c = node.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
  while (!stack.empty()) {
    pugi::xml_node c = stack.back();
    stack.pop_back();
    std::string tag = c.name();
    std::string where = FileName(c.attribute("filename").as_string());
    if (!where.empty()) where += ":" + std::to_string(c.attribute("line").as_int()) + ": ";
    if (tag == "Expression" && !c.attribute("success").as_bool(true)) {
      std::string type = c.attribute("type").as_string();
      std::string original = Trim(c.child_value("Original"));
      std::string expanded = Trim(c.child_value("Expanded"));
      std::string line = where + (type.empty() ? original : type + "( " + original + " )");
      if (!expanded.empty() && expanded != original) line += " with expansion: " + expanded;
      *out += line + "\n";
    } else if (tag == "FatalErrorCondition" ||
               (tag == "Exception" && c.attribute("crash").as_bool(false))) {
      *out += where + "fatal error: " + Trim(c.child_value()) + "\n";
    } else if (tag == "Exception") {
      *out += where + "unexpected exception: " + Trim(c.child_value()) + "\n";
    } else if (tag == "Failure") {
      *out += where + Trim(c.child_value()) + "\n";
    } else {
      for (pugi::xml_node k = c.last_child(); k; k = k.previous_sibling()) stack.push_back(k);
    }
  }
}

// The texts below `node` the console reporter could print: captured output, warnings,
// messages and failed assertions. Iterative, as CollectFailures.
void CollectPrinted(pugi::xml_node node, std::string* out) {
  static const std::set<std::string_view> kText = {
      "StdOut",    "StdErr",   "Warning",  "Info",    "Failure", "FatalErrorCondition",
      "Exception", "Original", "Expanded", "Message", "Skip"};
  std::vector<pugi::xml_node> stack;
  for (pugi::xml_node c = node.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
  while (!stack.empty()) {
    pugi::xml_node c = stack.back();
    stack.pop_back();
    if (kText.count(c.name())) {
      std::string t = c.child_value();
      if (!t.empty()) *out += t + (t.back() == '\n' ? "" : "\n");
      continue;
    }
    for (pugi::xml_node k = c.last_child(); k; k = k.previous_sibling()) stack.push_back(k);
  }
}

}  // namespace

bool ParseXmlCaseReport(const std::string& framework, const std::string& text,
                        std::vector<XmlCaseResult>* out, std::string* err, bool* complete) {
  pugi::xml_document doc;
  // pugixml keeps what it parsed before an error: a report cut short still has its cases.
  pugi::xml_parse_result pr = doc.load_string(text.c_str());
  if (complete) *complete = static_cast<bool>(pr);
  const char* root_name = framework == "catch2" ? "Catch" : "doctest";
  pugi::xml_node root = doc.child(root_name);
  // Catch2 v3: Catch2TestRun/TestCase, no Group level.
  if (!root && framework == "catch2") root = doc.child("Catch2TestRun");
  if (!root) {
    *err = pr ? std::string("XML report: no <") + root_name + "> element"
              : std::string("XML report: ") + pr.description() + " at offset " +
                    std::to_string(pr.offset);
    return false;
  }
  // Catch2 v2: Catch/Group/TestCase; v3: Catch2TestRun/TestCase; doctest:
  // doctest/TestSuite/TestCase.
  std::vector<pugi::xml_node> groups;
  if (std::string_view(root.name()) == "Catch2TestRun") {
    groups.push_back(root);
  } else {
    for (pugi::xml_node group : root.children()) groups.push_back(group);
  }
  for (pugi::xml_node group : groups) {
    for (pugi::xml_node tc : group.children("TestCase")) {
      if (tc.attribute("skipped").as_bool(false)) continue;
      XmlCaseResult r;
      r.name = tc.attribute("name").as_string();
      r.file = tc.attribute("filename").as_string();
      r.line = tc.attribute("line").as_int();
      pugi::xml_node overall =
          tc.child(framework == "catch2" ? "OverallResult" : "OverallResultsAsserts");
      r.finished = static_cast<bool>(overall);
      if (framework == "catch2") {
        r.passed = overall.attribute("success").as_bool(false);
        r.seconds = overall.attribute("durationInSeconds").as_double(0);
      } else {
        r.passed = overall.attribute("test_case_success").as_bool(false);
        r.seconds = overall.attribute("duration").as_double(0);
      }
      r.fatal = tc.find_node([](pugi::xml_node n) {
        return std::string_view(n.name()) == "FatalErrorCondition" ||
               (std::string_view(n.name()) == "Exception" && n.attribute("crash").as_bool(false));
      });
      CollectFailures(tc, &r.failure);
      CollectPrinted(tc, &r.printed);
      // Catch2 v3's SKIP(): a case that skipped without a failed assertion before it (a
      // failure before the skip makes it a failure, or an expected one under !shouldfail).
      if (r.passed && overall.attribute("skips").as_int(0) > 0 && r.failure.empty()) {
        r.skipped = true;
        pugi::xml_node skip =
            tc.find_node([](pugi::xml_node n) { return std::string_view(n.name()) == "Skip"; });
        r.skip_reason = Trim(skip.child_value());
        std::string where = FileName(skip.attribute("filename").as_string());
        if (!where.empty()) where += ":" + std::to_string(skip.attribute("line").as_int());
        if (r.skip_reason.empty()) r.skip_reason = "SKIP" + (where.empty() ? "" : " at " + where);
      }
      if (!r.passed && r.failure.empty() && r.finished) r.failure = "failed\n";
      out->push_back(std::move(r));
    }
  }
  return true;
}

}  // namespace tia::run
