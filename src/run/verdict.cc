// CTest's way of judging a test (see tia/run/verdict.h). The order of the checks is
// cmCTestRunTest::EndTest of CMake 3.25: required and failure expressions first, then a
// skip (return code or expression), then WILL_FAIL inverting success; a timeout or a
// signal fails whatever the properties say.
#include "tia/run/verdict.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <functional>
#include <string_view>

#include "tia/report/gtest.h"
#include "tia/util/fs.h"
#include "tia/util/strings.h"

namespace tia::run {
namespace {

constexpr size_t kMaxLine = 64 * 1024;

}  // namespace

bool OutputMatcher::Add(const std::vector<std::string>& patterns, std::string* err) {
  for (const std::string& p : patterns) {
    auto re = std::make_unique<CMakeRegex>();
    if (!re->Compile(p, err)) return false;
    searches_.push_back(std::make_unique<CMakeRegex::Search>(*re));
    res_.push_back(std::move(re));
  }
  return true;
}

bool OutputMatcher::Feed(std::string_view piece) {
  if (!matched_.empty()) return true;
  for (size_t i = 0; i < searches_.size(); ++i) {
    if (searches_[i]->Feed(piece)) {
      matched_ = res_[i]->pattern();
      return true;
    }
  }
  return false;
}

bool OutputMatcher::End() {
  if (!matched_.empty()) return true;
  for (size_t i = 0; i < searches_.size(); ++i) {
    if (searches_[i]->End()) {
      matched_ = res_[i]->pattern();
      return true;
    }
  }
  return false;
}

bool ForEachLogLine(const std::string& path, const std::function<void(std::string_view)>& line) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::string pending;
  char buf[64 * 1024];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    std::string_view chunk(buf, static_cast<size_t>(n));
    while (!chunk.empty()) {
      size_t nl = chunk.find('\n');
      if (nl == std::string_view::npos) {
        pending.append(chunk);
        // A line longer than the bound is delivered in pieces.
        if (pending.size() >= kMaxLine) {
          line(pending);
          pending.clear();
        }
        break;
      }
      pending.append(chunk.substr(0, nl));
      line(pending);
      pending.clear();
      chunk.remove_prefix(nl + 1);
    }
  }
  ::close(fd);
  if (!pending.empty()) line(pending);
  return true;
}

OutputVerdictFacts ScanOutput(const CTestTest& t, const std::string& log) {
  OutputVerdictFacts f;
  OutputMatcher pass, fail, skip;
  std::string err;
  if (!pass.Add(t.pass_regex, &err) || !fail.Add(t.fail_regex, &err) ||
      !skip.Add(t.skip_regex, &err)) {
    f.error = err;
    return f;
  }
  if (pass.empty() && fail.empty() && skip.empty()) {
    f.pass_found = true;
    return f;
  }
  // CTest's text: every line ends in "\n" (a last line without one gets it).
  int fd = ::open(log.c_str(), O_RDONLY | O_CLOEXEC);
  char buf[64 * 1024];
  char last = '\n';
  ssize_t n;
  while (fd >= 0 && (n = ::read(fd, buf, sizeof buf)) > 0) {
    std::string_view piece(buf, static_cast<size_t>(n));
    pass.Feed(piece);
    fail.Feed(piece);
    skip.Feed(piece);
    last = piece.back();
  }
  if (fd >= 0) ::close(fd);
  if (last != '\n') {
    pass.Feed("\n");
    fail.Feed("\n");
    skip.Feed("\n");
  }
  bool p = pass.empty() || pass.End();
  bool fl = !fail.empty() && fail.End();
  bool sk = !skip.empty() && skip.End();
  f.pass_found = p;
  if (fl) f.fail_match = fail.matched();
  if (sk) f.skip_match = skip.matched();
  return f;
}

CaseFailMatches ScanFailPerCase(const std::vector<std::string>& patterns, const std::string& log,
                                bool gtest, const std::vector<std::string>& skip,
                                const std::vector<std::pair<std::string, std::string>>& texts) {
  CaseFailMatches out;
  auto fresh = [&](OutputMatcher* m) {
    *m = OutputMatcher();
    return m->Add(patterns, &out.error);
  };
  OutputMatcher m;
  if (!fresh(&m)) return out;
  report::GtestConsoleParser cases;  // whose line each line is (GoogleTest)
  auto note = [&](std::string_view name, const std::string& pattern) {
    std::string& slot = name.empty() ? out.outside : out.cases[std::string(name)];
    if (slot.empty()) slot = pattern;
  };
  std::string line;
  std::string_view current;  // the case the line is of; empty outside every case
  bool ok = ForEachLogLine(log, [&](std::string_view l) {
    if (!out.error.empty()) return;
    line.assign(l);
    line += '\n';
    if (gtest) cases.Line(line);
    current = gtest ? cases.CaseOfLastLine() : std::string_view();
    if (current.empty())
      for (const std::string& s : skip)
        if (StartsWith(l, s)) return;
    if (m.Feed(line)) {
      note(current, m.matched());
      fresh(&m);
    }
  });
  if (!out.error.empty()) return out;
  if (ok && m.End()) note(current, m.matched());
  for (const auto& [name, text] : texts) {
    OutputMatcher t;
    if (!fresh(&t)) return out;
    t.Feed(text);
    if (!text.empty() && text.back() != '\n') t.Feed("\n");
    if (t.End()) note(name, t.matched());
  }
  return out;
}

report::Outcome CTestVerdict(const CTestTest& t, const ProcessOutcome& p,
                             const OutputVerdictFacts& facts, std::string* message) {
  using report::Outcome;
  if (!p.started) {
    *message = "could not start: " + p.error;
    return Outcome::kFail;
  }
  if (p.interrupted) {
    *message = "interrupted by " + SignalName(StopSignal());
    return Outcome::kFail;
  }
  if (p.timed_out) {
    *message = "timeout after " + SecondsText(p.timeout);
    return Outcome::kTimeout;
  }
  if (p.term_signal) {
    *message = "killed by " + SignalName(p.term_signal);
    return Outcome::kFail;
  }
  if (!facts.error.empty()) {
    *message = "invalid regular expression " + facts.error;
    return Outcome::kFail;
  }
  bool force_fail = !facts.pass_found || !facts.fail_match.empty();
  bool success = !force_fail && (p.exit_code == 0 || !t.pass_regex.empty());
  if ((t.skip_return_code >= 0 && t.skip_return_code == p.exit_code) || !facts.skip_match.empty()) {
    *message = !facts.skip_match.empty() ? "SKIP_REGULAR_EXPRESSION matched: " + facts.skip_match
                                         : "SKIP_RETURN_CODE=" + std::to_string(t.skip_return_code);
    return Outcome::kSkip;
  }
  if (success != t.will_fail) return Outcome::kPass;
  if (t.will_fail) {
    // It succeeded, which WILL_FAIL turns into a failure.
    *message = "WILL_FAIL is set and it passed";
    if (t.pass_regex.empty()) *message += " (exit code 0)";
  } else if (!facts.fail_match.empty()) {
    *message = "FAIL_REGULAR_EXPRESSION matched: " + facts.fail_match;
  } else if (!facts.pass_found) {
    std::string list;
    for (const std::string& r : t.pass_regex) list += (list.empty() ? "" : ", ") + r;
    *message = "PASS_REGULAR_EXPRESSION not found: [" + list + "]";
  } else {
    *message = "exit code " + std::to_string(p.exit_code);
  }
  return Outcome::kFail;
}

std::vector<std::string> MissingRequiredFiles(const CTestTest& t, const std::string& dir) {
  std::vector<std::string> out;
  for (const std::string& f : t.required_files) {
    std::string path = f.empty() || f[0] == '/' || dir.empty() ? f : dir + "/" + f;
    if (::access(path.c_str(), F_OK) != 0) out.push_back(f);
  }
  return out;
}

}  // namespace tia::run
