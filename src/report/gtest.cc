// Parsers for GoogleTest's JSON report and its --gtest_list_tests listing.
#include "tia/report/gtest.h"

#include <cstdlib>
#include <map>

#include <nlohmann/json.hpp>

#include "tia/report/bounded_text.h"
#include "tia/util/strings.h"

namespace tia::report {
namespace {

// "0.012s" -> 0.012.
double ParseTime(const nlohmann::json& j) {
  if (j.is_number()) return j.get<double>();
  if (!j.is_string()) return 0;
  return std::strtod(j.get<std::string>().c_str(), nullptr);
}

std::string Str(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "path/to/math_test.cpp:14\nExpected..." -> "math_test.cpp:14".
std::string Location(const std::string& failure) {
  std::string first = failure.substr(0, failure.find('\n'));
  size_t slash = first.find_last_of('/');
  if (slash != std::string::npos) first = first.substr(slash + 1);
  return first;
}

constexpr std::string_view kTypeParam = "TypeParam = ";
constexpr std::string_view kGetParam = "GetParam() = ";

}  // namespace

bool ParseGtestJson(std::string_view json, std::vector<GtestCaseResult>* out, std::string* err) {
  out->clear();
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    *err = "not valid JSON";
    return false;
  }
  if (!doc.is_object() || !doc.contains("testsuites") || !doc["testsuites"].is_array()) {
    *err = "not a GoogleTest JSON report (no \"testsuites\" array)";
    return false;
  }
  for (const auto& suite : doc["testsuites"]) {
    if (!suite.is_object()) continue;
    std::string suite_name = Str(suite, "name");
    auto cases = suite.find("testsuite");
    if (cases == suite.end() || !cases->is_array()) continue;
    for (const auto& c : *cases) {
      if (!c.is_object()) continue;
      GtestCaseResult r;
      r.suite = suite_name;
      r.name = Str(c, "name");
      r.file = Str(c, "file");
      if (auto it = c.find("line"); it != c.end() && it->is_number_integer())
        r.line = it->get<int>();
      r.seconds = c.contains("time") ? ParseTime(c["time"]) : 0;
      r.type_param = Str(c, "type_param");
      r.value_param = Str(c, "value_param");
      if (auto it = c.find("failures"); it != c.end() && it->is_array())
        for (const auto& f : *it)
          if (f.is_object()) r.failures.push_back(Str(f, "failure"));
      std::string status = Str(c, "status");
      std::string result = Str(c, "result");
      if (status == "NOTRUN" || result == "SUPPRESSED") {
        r.status = GtestCaseResult::Status::kDisabled;
        r.message = "disabled";
      } else if (!r.failures.empty()) {
        r.status = GtestCaseResult::Status::kFailed;
        r.message = Location(r.failures.front());
      } else if (result == "SKIPPED") {
        r.status = GtestCaseResult::Status::kSkipped;
        // Newer GoogleTest versions give the GTEST_SKIP message; 1.12 does not.
        if (auto it = c.find("skipped"); it != c.end() && it->is_array() && !it->empty())
          r.message = Str((*it)[0], "message");
        if (r.message.empty()) r.message = "skipped";
      }
      out->push_back(std::move(r));
    }
  }
  return true;
}

TestResult ToTestResult(const GtestCaseResult& c, const std::string& executable,
                        const std::string& ctest_name) {
  TestResult r;
  r.ctest_name = ctest_name;
  r.suite = c.suite;
  r.test_case = c.name;
  r.executable = executable;
  r.seconds = c.seconds;
  r.file = c.file;
  switch (c.status) {
    case GtestCaseResult::Status::kPassed:
      r.outcome = Outcome::kPass;
      break;
    case GtestCaseResult::Status::kFailed:
      r.outcome = Outcome::kFail;
      r.failure_message = c.message;
      for (const std::string& f : c.failures) r.output += f + "\n";
      break;
    case GtestCaseResult::Status::kSkipped:
    case GtestCaseResult::Status::kDisabled:
      r.outcome = Outcome::kSkip;
      r.skip_reason = c.message;
      break;
  }
  return r;
}

struct GtestConsoleParser::State {
  std::vector<GtestConsoleCase> cases;
  std::vector<BoundedText> outputs;  // per case
  bool open = false;
  bool last_in_case = false;  // the last line fed belongs to cases.back()
};

GtestConsoleParser::GtestConsoleParser() : st_(new State) {}
GtestConsoleParser::~GtestConsoleParser() {
  delete st_;
}

void GtestConsoleParser::Line(std::string_view line) {
  constexpr std::string_view kRun = "[ RUN      ] ";
  static const std::pair<std::string_view, GtestConsoleCase::Status> kEnds[] = {
      {"[       OK ] ", GtestConsoleCase::Status::kPassed},
      {"[  FAILED  ] ", GtestConsoleCase::Status::kFailed},
      {"[  SKIPPED ] ", GtestConsoleCase::Status::kSkipped},
  };
  State& st = *st_;
  st.last_in_case = st.open;
  if (StartsWith(line, kRun)) {
    GtestConsoleCase c;
    c.name =
        std::string(TrimView(line.substr(kRun.size(), line.find_first_of("\r\n") - kRun.size())));
    c.status = GtestConsoleCase::Status::kUnfinished;
    st.cases.push_back(std::move(c));
    st.outputs.emplace_back();
    st.open = true;
    st.last_in_case = true;
    return;
  }
  if (!st.open) return;
  GtestConsoleCase& c = st.cases.back();
  BoundedText& out = st.outputs.back();
  for (const auto& [marker, status] : kEnds) {
    // "[  FAILED  ] S.C (3 ms)"; parameterized cases add ", where GetParam() = 5".
    std::string tag = std::string(marker) + c.name;
    size_t at = line.find(tag);
    if (at == std::string_view::npos) continue;
    std::string_view rest = line.substr(at + tag.size());
    if (!StartsWith(rest, " (") && !StartsWith(rest, ", where ")) continue;
    out.Append(line.substr(0, at));
    c.status = status;
    size_t paren = rest.rfind(" (");
    if (paren != std::string_view::npos)
      c.seconds = std::strtod(std::string(rest.substr(paren + 2)).c_str(), nullptr) / 1000;
    st.open = false;
    return;
  }
  out.Append(line);
}

std::string_view GtestConsoleParser::CaseOfLastLine() const {
  return st_->last_in_case ? std::string_view(st_->cases.back().name) : std::string_view();
}

std::vector<GtestConsoleCase> GtestConsoleParser::Finish(const std::string& log) {
  State& st = *st_;
  for (size_t i = 0; i < st.cases.size(); ++i) {
    GtestConsoleCase& c = st.cases[i];
    c.output = st.outputs[i].Text(log);
    if (c.status == GtestConsoleCase::Status::kSkipped) {
      // "<file>:<line>: Skipped\n<message>\n"
      size_t mark = c.output.find(": Skipped\n");
      if (mark != std::string::npos) {
        std::string msg = c.output.substr(mark + 10);
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == '\r')) msg.pop_back();
        c.skip_message = msg;
      }
    }
  }
  std::vector<GtestConsoleCase> out = std::move(st.cases);
  *st_ = State();
  return out;
}

std::vector<GtestConsoleCase> ParseGtestConsole(std::string_view text) {
  GtestConsoleParser p;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    p.Line(text.substr(start, end - start));
    start = end;
  }
  return p.Finish();
}

void AttachConsole(const std::vector<GtestConsoleCase>& console, std::vector<TestResult>* results) {
  std::map<std::string, const GtestConsoleCase*> by_name;
  for (const GtestConsoleCase& c : console) by_name[c.name] = &c;
  for (TestResult& r : *results) {
    auto it = by_name.find(TestName(r));
    if (it == by_name.end()) continue;
    const GtestConsoleCase& c = *it->second;
    if (r.output.empty() || r.outcome == Outcome::kFail) r.output = c.output;
    if (r.outcome == Outcome::kSkip && r.skip_reason == "skipped" && !c.skip_message.empty())
      r.skip_reason = c.skip_message;
  }
}

bool GtestListedCase::disabled() const {
  auto disabled = [](std::string_view s) {
    // DISABLED_ may start the suite after an instantiation prefix ("Inst/DISABLED_S").
    size_t slash = s.find_last_of('/');
    return s.substr(0, 9) == "DISABLED_" ||
           (slash != std::string_view::npos && s.substr(slash + 1, 9) == "DISABLED_");
  };
  return disabled(suite) || name.substr(0, 9) == "DISABLED_";
}

std::vector<GtestListedCase> ParseGtestList(std::string_view text) {
  std::vector<GtestListedCase> out;
  std::string suite, suite_type_param;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    std::string_view comment;
    if (size_t hash = line.find("  #"); hash != std::string_view::npos) {
      comment = TrimView(line.substr(hash + 3));
      line = line.substr(0, hash);
    }
    if (TrimView(line).empty()) continue;
    bool indented = line.front() == ' ';
    line = TrimView(line);
    if (!indented) {
      if (line.back() != '.' || line.find(' ') != std::string_view::npos) {
        suite.clear();  // not part of a listing
        continue;
      }
      suite = std::string(line.substr(0, line.size() - 1));
      suite_type_param.clear();
      if (StartsWith(comment, kTypeParam)) suite_type_param = comment.substr(kTypeParam.size());
      continue;
    }
    if (suite.empty() || line.find(' ') != std::string_view::npos) continue;
    GtestListedCase c;
    c.suite = suite;
    c.name = std::string(line);
    c.type_param = suite_type_param;
    if (StartsWith(comment, kGetParam)) c.value_param = comment.substr(kGetParam.size());
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace tia::report
