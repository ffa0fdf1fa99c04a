// JUnit XML reports in the dialect Jenkins and GitLab both read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tia/report/result.h"

namespace tia::report {

// `text` made safe for XML 1.0: characters XML forbids (controls other than tab, LF and
// CR, U+FFFE/U+FFFF) are dropped and invalid UTF-8 bytes become U+FFFD.
std::string SanitizeXmlText(std::string_view text);

// SanitizeXmlText for element content, with CR LF and lone CR turned into LF: what any XML
// parser would read back anyway (XML normalizes line ends), made explicit.
std::string XmlElementText(std::string_view text);

// The JUnit document for `results`: one <testsuite> per PackageName() (in order of first
// appearance) with tests/failures/errors/skipped/time; one <testcase classname name file
// time> per result, with at most one child: <failure message> for fail, <error message>
// for timeout, <skipped message> for skip. Flaky tests count as passed and carry a
// <system-out> note with their attempts and output.
std::string JunitXml(const std::vector<TestResult>& results);

// Writes JunitXml(results) to `path` atomically.
bool WriteJunit(const std::string& path, const std::vector<TestResult>& results, std::string* err);

}  // namespace tia::report
