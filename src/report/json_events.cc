// go test -json style event stream, written with nlohmann::ordered_json.
#include "tia/report/json_events.h"

#include <cmath>
#include <ctime>

#include <nlohmann/json.hpp>

#include "tia/util/utf8.h"

namespace tia::report {
namespace {

// Seconds rounded to microseconds, so the JSON shows 0.012 rather than 0.012000000000000001.
double Seconds(double s) {
  return std::round(s * 1e6) / 1e6;
}

}  // namespace

std::string FormatRfc3339(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  auto us = duration_cast<microseconds>(t.time_since_epoch()).count();
  time_t secs = static_cast<time_t>(us / 1000000);
  long frac = static_cast<long>(us % 1000000);
  if (frac < 0) {
    frac += 1000000;
    --secs;
  }
  struct tm tm;
  gmtime_r(&secs, &tm);
  char buf[64];
  size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%06ldZ", frac);
  return buf;
}

std::string JsonEventWriter::Line(const Event& e) {
  nlohmann::ordered_json j;
  j["Time"] = FormatRfc3339(std::chrono::system_clock::now());
  j["Action"] = e.action;
  // Names, messages and output come from test programs: any bytes (ValidUtf8).
  if (!e.package.empty()) j["Package"] = ValidUtf8(e.package);
  if (!e.test.empty()) j["Test"] = ValidUtf8(e.test);
  if (e.elapsed) j["Elapsed"] = Seconds(*e.elapsed);
  if (e.action == "output") j["Output"] = ValidUtf8(e.output);
  if (e.flaky) j["Flaky"] = true;
  if (e.timeout) j["Timeout"] = true;
  if (e.attempts > 1) j["Attempts"] = e.attempts;
  if (!e.ctest.empty()) j["CTest"] = ValidUtf8(e.ctest);
  if (!e.kind.empty()) j["Kind"] = e.kind;
  if (e.action == "order") j["Cause"] = ValidUtf8(e.cause);
  if (!e.reason.empty()) j[e.action == "skip" ? "Reason" : "Message"] = ValidUtf8(e.reason);
  // `replace` only guards against a string that missed ValidUtf8: dump must never throw.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void JsonEventWriter::Write(const Event& e) {
  WriteLines(Line(e));
}

void JsonEventWriter::Start(const std::string& package) {
  Event e;
  e.action = "start";
  e.package = package;
  Write(e);
}

void JsonEventWriter::Run(const std::string& package, const std::string& test) {
  Event e;
  e.action = "run";
  e.package = package;
  e.test = test;
  Write(e);
}

void JsonEventWriter::Result(const TestResult& r) {
  std::string package = PackageName(r);
  std::string test = TestName(r);
  std::string lines;
  size_t start = 0;
  while (start < r.output.size()) {
    size_t nl = r.output.find('\n', start);
    size_t end = nl == std::string::npos ? r.output.size() : nl + 1;
    Event out;
    out.action = "output";
    out.package = package;
    out.test = test;
    out.output = r.output.substr(start, end - start);
    if (nl == std::string::npos) out.output += '\n';
    lines += Line(out);
    start = end;
  }
  Event e;
  e.package = package;
  e.test = test;
  e.elapsed = r.seconds;
  e.ctest = r.ctest_name;
  e.attempts = r.attempts;
  switch (r.outcome) {
    case Outcome::kPass:
      e.action = "pass";
      break;
    case Outcome::kFlaky:
      e.action = "pass";
      e.flaky = true;
      break;
    case Outcome::kFail:
      e.action = "fail";
      e.reason = r.failure_message;
      break;
    case Outcome::kTimeout:
      e.action = "fail";
      e.timeout = true;
      e.reason = r.failure_message;
      break;
    case Outcome::kSkip:
      e.action = "skip";
      e.reason = r.skip_reason;
      break;
  }
  lines += Line(e);
  WriteLines(lines);
}

void JsonEventWriter::Summary(const report::Summary& s) {
  nlohmann::ordered_json j;
  j["Time"] = FormatRfc3339(std::chrono::system_clock::now());
  j["Action"] = "summary";
  j["Passed"] = s.passed;
  j["Failed"] = s.failed;
  j["Skipped"] = s.skipped;
  j["Flaky"] = s.flaky;
  j["Elapsed"] = Seconds(s.elapsed);
  WriteLines(j.dump() + "\n");
}

void JsonEventWriter::WriteLines(const std::string& lines) {
  std::lock_guard<std::mutex> lock(mu_);
  out_ << lines;
  out_.flush();
}

}  // namespace tia::report
