// libFuzzer target for report writing: arbitrary bytes as test names, messages and output
// must always give JUnit XML that parses back to the sanitized text, and valid JSON lines.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "tia/report/json_events.h"
#include "tia/report/junit.h"

namespace {

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "property violated: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tia::report;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // Split the input into name, message and output at the first two NUL bytes.
  size_t a = input.find('\0');
  size_t b = a == std::string_view::npos ? a : input.find('\0', a + 1);
  TestResult r;
  r.ctest_name = std::string(input.substr(0, a));
  r.failure_message =
      a == std::string_view::npos ? "" : std::string(input.substr(a + 1, b - a - 1));
  r.output = b == std::string_view::npos ? "" : std::string(input.substr(b + 1));
  r.outcome = Outcome::kFail;

  std::string xml = JunitXml({r});
  pugi::xml_document doc;
  // parse_ws_pcdata: keep whitespace-only output, which XML preserves but pugixml drops by
  // default.
  Check(static_cast<bool>(
            doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata)),
        "JUnit XML does not parse");
  pugi::xml_node tc = doc.select_node("//testcase").node();
  Check(tc.attribute("name").value() == SanitizeXmlText(r.ctest_name), "name changed");
  pugi::xml_node failure = tc.child("failure");
  Check(std::string(failure.text().get()) == XmlElementText(r.output), "output changed");
  std::string msg = r.failure_message.empty() ? "failed" : r.failure_message;
  Check(failure.attribute("message").value() == SanitizeXmlText(msg), "message changed");

  std::ostringstream out;
  JsonEventWriter w(out);
  w.Result(r);
  std::istringstream in(out.str());
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    Check(!j.is_discarded() && j.is_object(), "JSON line does not parse");
  }
  return 0;
}
