// A `go test -json`-style stream of test events: one JSON object per line, flushed per line.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>

#include "tia/report/result.h"

namespace tia::report {

// `t` in RFC 3339 UTC with microseconds, e.g. "2024-05-01T12:00:00.123456Z".
std::string FormatRfc3339(std::chrono::system_clock::time_point t);

// One event. Empty strings and unset optionals are left out of the JSON object.
struct Event {
  std::string action;             // start, run, output, pass, fail, skip, summary
  std::string package;            // PackageName() of the test
  std::string test;               // TestName(); empty for package-level events
  std::optional<double> elapsed;  // seconds; on pass, fail and skip
  std::string output;             // on output: one line including its "\n"
  bool flaky = false;             // on pass: the test failed before passing ("Flaky":true)
  bool timeout = false;           // on fail: the test was killed after its timeout ("Timeout":true)
  std::string reason;             // on skip: why ("Reason"); on fail: failure message ("Message")
  int attempts = 0;               // on pass/fail after retries: runs made ("Attempts"), when > 1
  std::string ctest;              // on pass, fail and skip: the CTest test ("CTest")
  std::string kind;               // on order: "victim" or "brittle" ("Kind")
  std::string cause;              // on order: the polluter or state-setter ("Cause")
};

// Writes events to `out`, one line each, flushing after every line. Thread-safe, so
// parallel workers may report directly.
class JsonEventWriter {
 public:
  explicit JsonEventWriter(std::ostream& out) : out_(out) {}

  // Writes `e` stamped with the current time.
  void Write(const Event& e);
  // {"Action":"start","Package":...}: a test executable or CTest test begins.
  void Start(const std::string& package);
  // {"Action":"run",...}: a test begins.
  void Run(const std::string& package, const std::string& test);
  // The end of a test: its output as `output` events (one per line), then a pass, fail or
  // skip event, written together so that parallel tests do not interleave inside them.
  // Flaky results are `pass` with "Flaky":true; timeouts are `fail` with "Timeout":true.
  void Result(const TestResult& r);
  // The final {"Action":"summary","Passed":N,"Failed":N,"Skipped":N,"Flaky":N,"Elapsed":S}.
  void Summary(const report::Summary& s);

 private:
  static std::string Line(const Event& e);
  void WriteLines(const std::string& lines);

  std::ostream& out_;
  std::mutex mu_;
};

}  // namespace tia::report
