// CTest's way of judging a test (see tia/run/verdict.h). The order of the checks is
// cmCTestRunTest::EndTest of CMake 3.25: required and failure expressions first, then a
// skip (return code or expression), then WILL_FAIL inverting success; a timeout or a
// signal fails whatever the properties say.
#include "tia/run/verdict.h"

#include <fcntl.h>
#include <unistd.h>

#include <functional>
#include <string_view>

#include "tia/util/fs.h"

namespace tia::run {
namespace {

constexpr size_t kMaxLine = 64 * 1024;

// Characters that must be escaped to stand for themselves in ECMAScript.
bool EcmaSpecial(char c) {
  return std::string_view("^$\\.*+?()[]{}|/").find(c) != std::string_view::npos;
}

std::string Escaped(char c) {
  return EcmaSpecial(c) ? std::string("\\") + c : std::string(1, c);
}

// Inside a bracket expression.
std::string ClassEscaped(char c) {
  return c == '\\' || c == ']' || c == '[' || c == '^' || c == '-' ? std::string("\\") + c
                                                                   : std::string(1, c);
}

}  // namespace

bool CompileCMakeRegex(const std::string& p, std::regex* out, std::string* err) {
  std::string e;
  bool can_repeat = false;  // the previous item can take * + ?
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    switch (c) {
      case '\\':
        if (i + 1 >= p.size()) {
          *err = "'" + p + "': trailing backslash";
          return false;
        }
        e += Escaped(p[++i]);
        can_repeat = true;
        break;
      case '.':
        e += "[\\s\\S]";
        can_repeat = true;
        break;
      case '*':
      case '+':
      case '?':
        if (!can_repeat) {
          *err = "'" + p + "': '" + c + "' at character " + std::to_string(i + 1) +
                 " follows nothing it can repeat";
          return false;
        }
        e += c;
        can_repeat = false;
        break;
      case '[': {
        size_t j = i + 1;
        std::string cls = "[";
        if (j < p.size() && p[j] == '^') {
          cls += '^';
          ++j;
        }
        bool first = true;
        for (; j < p.size() && (first || p[j] != ']'); ++j, first = false) {
          if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
            cls += ClassEscaped(p[j]) + "-" + ClassEscaped(p[j + 2]);
            j += 2;
          } else {
            cls += ClassEscaped(p[j]);
          }
        }
        if (j >= p.size()) {
          *err = "'" + p + "': unmatched [";
          return false;
        }
        e += cls + "]";
        i = j;
        can_repeat = true;
        break;
      }
      case '^':
      case '$':
      case '|':
      case '(':
        e += c;
        can_repeat = false;
        break;
      case ')':
        e += c;
        can_repeat = true;
        break;
      default:
        e += Escaped(c);
        can_repeat = true;
    }
  }
  try {
    *out = std::regex(e, std::regex::ECMAScript);
  } catch (const std::regex_error& x) {
    *err = "'" + p + "': " + x.what();
    return false;
  }
  return true;
}

bool OutputMatcher::Add(const std::vector<std::string>& patterns, std::string* err) {
  for (const std::string& p : patterns) {
    std::regex re;
    if (!CompileCMakeRegex(p, &re, err)) return false;
    patterns_.push_back(p);
    res_.push_back(std::move(re));
  }
  return true;
}

bool OutputMatcher::Try(std::string_view text, std::regex_constants::match_flag_type flags) {
  for (size_t i = 0; i < res_.size(); ++i) {
    if (std::regex_search(text.begin(), text.end(), res_[i], flags)) {
      if (matched_.empty()) matched_ = patterns_[i];
      return true;
    }
  }
  return false;
}

bool OutputMatcher::Line(std::string_view line) {
  using namespace std::regex_constants;
  bool hit = false;
  // `$` never matches before a line end: in CTest's text every line is followed by "\n".
  for (size_t at = 0; at == 0 || at < line.size(); at += kMaxLine) {
    auto flags = match_not_eol;
    if (!first_ || at > 0) flags |= match_not_bol;
    hit |= Try(line.substr(at, kMaxLine), flags);
    if (line.empty()) break;
  }
  first_ = false;
  return hit;
}

bool OutputMatcher::End() {
  using namespace std::regex_constants;
  // The empty position after the last "\n" (or the empty output).
  return Try(std::string_view(), first_ ? match_default : match_not_bol);
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
  // Each set stops looking once it matched.
  bool p = pass.empty(), fl = false, sk = false;
  ForEachLogLine(log, [&](std::string_view line) {
    if (!p) p = pass.Line(line);
    if (!fl && !fail.empty()) fl = fail.Line(line);
    if (!sk && !skip.empty()) sk = skip.Line(line);
  });
  if (!p) p = pass.End();
  if (!fl && !fail.empty()) fl = fail.End();
  if (!sk && !skip.empty()) sk = skip.End();
  f.pass_found = p;
  if (fl) f.fail_match = fail.matched();
  if (sk) f.skip_match = skip.matched();
  return f;
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
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2fs", p.timeout);
    *message = std::string("timeout after ") + buf;
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
