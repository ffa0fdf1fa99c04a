// A test command's own case selection and what test sources say about their cases (see
// tia/select/own_selection.h). The rules follow GoogleTest 1.12, Catch2 2.13 and doctest
// 2.4: the last --gtest_filter wins over GTEST_FILTER; Catch2 joins all positional
// arguments into one spec (`,` separates alternatives, everything else must all match,
// names are case-insensitive with `*` only at either end, hidden cases run only when a
// spec matches them); doctest takes the last occurrence of each option.
#include "tia/select/own_selection.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "tia/select/rules.h"
#include "tia/select/test_model.h"
#include "tia/util/strings.h"

namespace tia {
namespace {

// Unknown | no | yes, for AND/OR over patterns whose facts may be unknown.
enum class Tri { kNo, kMaybe, kYes };

// ---- GoogleTest -------------------------------------------------------------------

// GoogleTest 1.12 flags (without the "--gtest_" prefix) that change neither which cases
// run nor how their results are read.
const std::set<std::string, std::less<>> kGtestNeutral = {"also_run_disabled_tests",
                                                          "brief",
                                                          "break_on_failure",
                                                          "catch_exceptions",
                                                          "color",
                                                          "death_test_style",
                                                          "death_test_use_fork",
                                                          "fail_fast",
                                                          "install_failure_signal_handler",
                                                          "output",
                                                          "print_time",
                                                          "print_utf8",
                                                          "random_seed",
                                                          "recreate_environments_when_repeating",
                                                          "shuffle",
                                                          "stack_trace_depth",
                                                          "stream_result_to",
                                                          "throw_on_failure"};

// GoogleTest's bool flag syntax: "--gtest_x" or "--gtest_x=V" where V of 0, f or F is false.
bool GtestBool(std::string_view value, bool has_value) {
  return !has_value || !(value == "0" || value == "f" || value == "F");
}

// ---- Catch2 -----------------------------------------------------------------------

// Catch2 v2 and v3 options that take a value (short and long spellings).
const std::set<std::string, std::less<>> kCatchValued = {"-o",
                                                         "--out",
                                                         "-r",
                                                         "--reporter",
                                                         "-n",
                                                         "--name",
                                                         "-x",
                                                         "--abortx",
                                                         "-w",
                                                         "--warn",
                                                         "-d",
                                                         "--durations",
                                                         "-D",
                                                         "--min-duration",
                                                         "-f",
                                                         "--input-file",
                                                         "-c",
                                                         "--section",
                                                         "-v",
                                                         "--verbosity",
                                                         "--order",
                                                         "--rng-seed",
                                                         "--use-colour",
                                                         "--wait-for-keypress",
                                                         "--benchmark-samples",
                                                         "--benchmark-resamples",
                                                         "--benchmark-confidence-interval",
                                                         "--benchmark-warmup-time",
                                                         "--colour-mode",
                                                         "--shard-count",
                                                         "--shard-index"};
// Catch2 options without a value. Any other option is unknown: whether the next argument
// is its value or a test spec cannot be told, so the command may run any case.
const std::set<std::string, std::less<>> kCatchFlags = {"-s",
                                                        "--success",
                                                        "-b",
                                                        "--break",
                                                        "-e",
                                                        "--nothrow",
                                                        "-i",
                                                        "--invisibles",
                                                        "-a",
                                                        "--abort",
                                                        "-#",
                                                        "--filenames-as-tags",
                                                        "--benchmark-no-analysis",
                                                        "--skip-benchmarks",
                                                        "--allow-running-no-tests"};
const std::set<std::string, std::less<>> kCatchListing = {
    "-l", "--list-tests", "-t",     "--list-tags",   "--list-test-names-only", "--list-reporters",
    "-h", "-?",           "--help", "--libidentify", "--list-listeners"};

// Catch2's WildcardPattern: `*` only at the start and/or end, case-insensitive, trimmed.
bool CatchNameMatches(const std::string& pattern_lower, const std::string& name) {
  std::string p = Trim(pattern_lower);
  bool at_start = !p.empty() && p.front() == '*';
  if (at_start) p.erase(0, 1);
  bool at_end = !p.empty() && p.back() == '*';
  if (at_end) p.pop_back();
  std::string n = Lower(Trim(name));
  if (at_start && at_end) return n.find(p) != std::string::npos;
  if (at_start) return n.size() >= p.size() && n.compare(n.size() - p.size(), p.size(), p) == 0;
  if (at_end) return StartsWith(n, p);
  return n == p;
}

// Parses Catch2 v2 test spec arguments like TestSpecParser: every argument feeds the same
// filter; `,` ends a filter. False for a spec Catch2 would reject or tia cannot evaluate
// (unbalanced quotes or brackets, tag aliases).
template <typename Pattern>
bool ParseCatchSpec(const std::vector<std::string>& args,
                    std::vector<std::vector<Pattern>>* filters) {
  std::vector<Pattern> current;
  for (const std::string& raw : args) {
    std::string arg = Trim(raw);
    enum { kNone, kName, kQuoted, kTag } mode = kNone;
    bool exclude = false;
    std::string token;
    auto end_pattern = [&](bool tag) {
      std::string t = token;
      if (!tag && StartsWith(t, "exclude:")) {
        exclude = true;
        t = t.substr(8);
      }
      if (!t.empty()) {
        if (tag && t.size() > 1 && t[0] == '.') {
          current.push_back({true, exclude, "."});
          t.erase(0, 1);
        }
        current.push_back({tag, exclude, Lower(t)});
      }
      token.clear();
      exclude = false;
      mode = kNone;
    };
    for (size_t i = 0; i < arg.size(); ++i) {
      char c = arg[i];
      if (c == '\\' && i + 1 < arg.size()) {
        if (mode == kNone) mode = kName;
        token += arg[++i];
        continue;
      }
      if (c == ',') {
        if (mode == kQuoted || mode == kTag) return false;
        if (mode == kName) end_pattern(false);
        if (!current.empty()) filters->push_back(std::move(current));
        current.clear();
        exclude = false;
        continue;
      }
      switch (mode) {
        case kNone:
          if (c == ' ') break;
          if (c == '~') {
            exclude = true;
          } else if (c == '[') {
            mode = kTag;
          } else if (c == '"') {
            mode = kQuoted;
          } else {
            mode = kName;
            token += c;
          }
          break;
        case kName:
          if (c == '[') {
            if (token == "exclude:") {
              exclude = true;
              token.clear();
            } else {
              end_pattern(false);
            }
            mode = kTag;
          } else {
            token += c;
          }
          break;
        case kQuoted:
          if (c == '"') {
            end_pattern(false);
          } else {
            token += c;
          }
          break;
        case kTag:
          if (c == ']') {
            if (StartsWith(token, "@")) return false;  // a tag alias
            end_pattern(true);
          } else if (c == '[') {
            return false;
          } else {
            token += c;
          }
          break;
      }
    }
    if (mode == kQuoted || mode == kTag) return false;
    if (mode == kName) end_pattern(false);
  }
  if (!current.empty()) filters->push_back(std::move(current));
  return true;
}

// ---- doctest ----------------------------------------------------------------------

// The value of doctest option `name` in `arg` ("-name=V", "--name=V", "--dt-name=V").
std::optional<std::string> DoctestValue(const std::string& arg, std::string_view name) {
  size_t i = 0;
  while (i < arg.size() && arg[i] == '-') ++i;
  if (i == 0) return std::nullopt;
  std::string_view rest(arg);
  rest.remove_prefix(i);
  if (StartsWith(rest, "dt-")) rest.remove_prefix(3);
  if (!StartsWith(rest, name)) return std::nullopt;
  rest.remove_prefix(name.size());
  if (rest.empty()) return std::string();
  if (rest[0] != '=') return std::nullopt;
  return std::string(rest.substr(1));
}

// doctest's comma-separated filter values (`\,` and `\\` escaped).
std::vector<std::string> DoctestList(const std::string& v) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size() && (v[i + 1] == ',' || v[i + 1] == '\\')) {
      cur += v[++i];
    } else if (v[i] == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += v[i];
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool DoctestAnyMatch(const std::vector<std::string>& filters, const std::string& s, bool cs) {
  for (const std::string& f : filters)
    if (cs ? WildcardMatch(f, s) : WildcardMatch(Lower(f), Lower(s))) return true;
  return false;
}

// ---- reading test sources ---------------------------------------------------------

// A C++ text scanned for the few tokens tia needs: identifiers, string literals,
// punctuation. Comments are skipped.
struct Token {
  enum Kind { kIdent, kString, kPunct, kOther } kind;
  std::string text;  // identifier, punctuation, or the literal's value (escapes resolved)
  size_t offset;
  bool simple = true;  // kString: a plain "..." literal (no prefix, no raw string)
};

std::vector<Token> Lex(std::string_view s, size_t from, size_t to) {
  std::vector<Token> out;
  size_t i = from;
  while (i < to && i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t e = s.find("*/", i + 2);
      i = e == std::string_view::npos ? s.size() : e + 2;
    } else if (c == '"' || c == '\'') {
      Token t{c == '"' ? Token::kString : Token::kOther, "", i};
      for (++i; i < s.size() && s[i] != c && s[i] != '\n'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
          char e = s[++i];
          t.text += e == 'n' ? '\n' : e == 't' ? '\t' : e;
          if (e != '"' && e != '\\' && e != '\'') t.simple = false;
        } else {
          t.text += s[i];
        }
      }
      ++i;
      out.push_back(std::move(t));
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t b = i;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
      Token t{Token::kIdent, std::string(s.substr(b, i - b)), b};
      // Prefixed and raw string literals (u8"", L"", R"(...)"): not read.
      if (i < s.size() && s[i] == '"') {
        t = Token{Token::kString, "", b, false};
        size_t e = s.find('"', i + 1);
        if (t.text.empty() && s[i - 1] == 'R') e = s.find(")\"", i + 1);
        i = e == std::string_view::npos ? s.size() : e + (s[e] == ')' ? 2 : 1);
      }
      out.push_back(std::move(t));
    } else {
      out.push_back(Token{Token::kPunct, std::string(1, c), i});
      ++i;
    }
  }
  return out;
}

// The arguments of the call whose '(' is tokens[open]: each a list of tokens; `*end` the
// index of the closing ')'. False when unbalanced.
bool CallArgs(const std::vector<Token>& t, size_t open, std::vector<std::vector<Token>>* args,
              size_t* end) {
  int depth = 0;
  args->assign(1, {});
  for (size_t i = open; i < t.size(); ++i) {
    const Token& k = t[i];
    if (k.kind == Token::kPunct && (k.text == "(" || k.text == "[" || k.text == "{")) {
      if (depth++ == 0) continue;
    } else if (k.kind == Token::kPunct && (k.text == ")" || k.text == "]" || k.text == "}")) {
      if (--depth == 0) {
        *end = i;
        return true;
      }
    } else if (depth == 1 && k.kind == Token::kPunct && k.text == ",") {
      args->emplace_back();
      continue;
    }
    args->back().push_back(k);
  }
  return false;
}

// The value of an argument made only of adjacent plain string literals.
std::optional<std::string> LiteralArg(const std::vector<Token>& arg) {
  if (arg.empty()) return std::nullopt;
  std::string v;
  for (const Token& k : arg) {
    if (k.kind != Token::kString || !k.simple) return std::nullopt;
    v += k.text;
  }
  return v;
}

// Catch2's makeTestCase: the tags of a tags string, and whether they hide the case.
void CatchTags(const std::string& s, CaseSource* out) {
  bool in_tag = false;
  std::string tag;
  for (char c : s) {
    if (!in_tag) {
      if (c == '[') in_tag = true;
      continue;
    }
    if (c != ']') {
      tag += c;
      continue;
    }
    std::string lower = Lower(tag);
    if (StartsWith(lower, ".") || lower == "!hide" || lower == "!benchmark") out->hidden = true;
    if (StartsWith(lower, ".") && lower.size() > 1) lower.erase(0, 1);
    out->tags.push_back(lower);
    tag.clear();
    in_tag = false;
  }
  if (out->hidden) out->tags.insert(out->tags.end(), {".", "!hide"});
}

// doctest: the TEST_SUITE block or TEST_SUITE_BEGIN in effect at `offset`. False when a
// suite name is not a plain literal.
bool DoctestSuiteAt(std::string_view text, size_t offset, std::string* suite) {
  std::vector<Token> t = Lex(text, 0, offset);
  std::vector<std::pair<std::string, int>> blocks;  // suite, brace depth inside it
  std::string begun;
  int depth = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const Token& k = t[i];
    if (k.kind == Token::kPunct && k.text == "{") {
      ++depth;
    } else if (k.kind == Token::kPunct && k.text == "}") {
      --depth;
      while (!blocks.empty() && blocks.back().second > depth) blocks.pop_back();
    } else if (k.kind == Token::kIdent &&
               (k.text == "TEST_SUITE" || k.text == "TEST_SUITE_BEGIN" ||
                k.text == "DOCTEST_TEST_SUITE" || k.text == "DOCTEST_TEST_SUITE_BEGIN") &&
               i + 1 < t.size() && t[i + 1].text == "(") {
      std::vector<std::vector<Token>> args;
      size_t end = 0;
      if (!CallArgs(t, i + 1, &args, &end)) return false;
      std::optional<std::string> name = LiteralArg(args[0]);
      if (!name || args.size() != 1) return false;
      if (k.text == "TEST_SUITE_BEGIN" || k.text == "DOCTEST_TEST_SUITE_BEGIN") {
        begun = *name;
      } else if (end + 1 < t.size() && t[end + 1].text == "{") {
        blocks.emplace_back(*name, depth + 1);
      }
      i = end;
    } else if (k.kind == Token::kIdent &&
               (k.text == "TEST_SUITE_END" || k.text == "DOCTEST_TEST_SUITE_END")) {
      begun.clear();
    }
  }
  *suite = blocks.empty() ? begun : blocks.back().first;
  return true;
}

}  // namespace

CaseSource ReadCaseSource(std::string_view text, const GraphTestCase& c) {
  CaseSource out;
  size_t line_start = 0;
  for (int line = 1; line < c.line && line_start != std::string_view::npos; ++line) {
    line_start = text.find('\n', line_start);
    if (line_start != std::string_view::npos) ++line_start;
  }
  if (line_start == std::string_view::npos || c.line < 1) return out;
  size_t line_end = text.find('\n', line_start);
  // The macro call may span lines: lex from the start of its line to a generous bound.
  size_t bound = std::min(text.size(), line_start + 4096);
  std::vector<Token> t = Lex(text, line_start, bound);
  size_t at = t.size();
  for (size_t i = 0; i < t.size(); ++i) {
    if (line_end != std::string_view::npos && t[i].offset > line_end) break;
    const std::string& id = t[i].text;
    if (t[i].kind == Token::kIdent && i + 1 < t.size() && t[i + 1].text == "(" &&
        (id.find("TEST_CASE") != std::string::npos || id.find("SCENARIO") != std::string::npos)) {
      at = i;
      break;
    }
  }
  if (at == t.size()) return out;
  std::vector<std::vector<Token>> args;
  size_t end = 0;
  if (!CallArgs(t, at + 1, &args, &end)) return out;
  const std::string& macro = t[at].text;
  size_t name_arg = macro.find("METHOD") != std::string::npos ||
                            macro.find("FIXTURE") != std::string::npos ||
                            StartsWith(macro, "REGISTER")
                        ? 1
                        : 0;
  if (args.size() <= name_arg) return out;
  // The call must name this case (an index older than the file would point elsewhere).
  std::optional<std::string> name = LiteralArg(args[name_arg]);
  if (name && macro.find("SCENARIO") != std::string::npos)
    *name = (c.framework == "doctest" ? "  Scenario: " : "Scenario: ") + *name;
  // An anonymous `TEST_CASE()`: no name, no tags, nothing that hides it.
  if (!name && args.size() == 1 && args[0].empty() && c.name.empty() && name_arg == 0) {
    out.known = c.framework == "catch2";
    return out;
  }
  if (c.framework == "catch2") {
    // TEMPLATE_TEST_CASE("name", ...) registers "name - <type>" for each of its types.
    if (name && StartsWith(macro, "TEMPLATE_") && StartsWith(c.name, *name + " - ")) *name = c.name;
    if (!name || *name != c.name) return out;
    if (args.size() > name_arg + 1) {
      std::optional<std::string> tags = LiteralArg(args[name_arg + 1]);
      if (!tags) return out;
      CatchTags(*tags, &out);
    }
    out.known = true;
    return out;
  }
  if (c.framework == "doctest") {
    // A decorated name (`"x" * doctest::skip()`) is not a plain literal.
    if (name && *name != c.name) return out;
    out.decorated = !name || args.size() > name_arg + 1;
    if (!DoctestSuiteAt(text, t[at].offset, &out.suite)) return out;
    out.known = true;
  }
  return out;
}

OwnSelection OwnSelection::Parse(const std::string& framework, const std::vector<std::string>& args,
                                 const std::vector<std::string>& env) {
  OwnSelection s;
  s.framework_ = framework;
  if (framework == "catch2") {
    // Only the order cases run in and the random seed: tia keeps them and adds its own.
    s.plain_ = true;
    for (size_t i = 0; i < args.size(); ++i) {
      std::string name = args[i].substr(0, args[i].find_first_of("=:"));
      if (name != "--order" && name != "--rng-seed") {
        s.plain_ = false;
      } else if (name.size() == args[i].size()) {
        ++i;
      }
    }
    std::vector<std::string> spec;
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      if (a.size() < 2 || a[0] != '-') {
        spec.push_back(a);
        continue;
      }
      std::string name = a.substr(0, a.find_first_of("=:"));
      bool inline_value = name.size() != a.size();
      if (kCatchListing.count(name)) {
        s.kind_ = Kind::kListing;
        s.text_ = a;
        return s;
      }
      if (name == "-#" || name == "--filenames-as-tags") s.catch_file_tags_ = true;
      if (name == "-f" || name == "--input-file") s.unknown_subset_ = true;
      if (kCatchValued.count(name)) {
        if (!inline_value) ++i;
      } else if (!kCatchFlags.count(name)) {
        s.unknown_subset_ = true;
      }
    }
    if (!spec.empty() || s.unknown_subset_) {
      s.kind_ = Kind::kSubset;
      // Leading empty arguments add no separator.
      auto first =
          std::find_if(spec.begin(), spec.end(), [](const std::string& a) { return !a.empty(); });
      s.text_ = Join(std::vector<std::string>(first, spec.end()), " ");
      if (!ParseCatchSpec(spec, &s.catch_filters_)) s.unknown_subset_ = true;
      // Only whitespace or separators: Catch2 sees no filter and runs its default set.
      if (s.catch_filters_.empty() && !s.unknown_subset_) s.kind_ = Kind::kDefault;
    }
    return s;
  }
  if (framework == "doctest") {
    // Only the order cases run in and the random seed: tia keeps them and adds its own.
    s.plain_ = std::all_of(args.begin(), args.end(), [](const std::string& a) {
      for (const char* o : {"order-by", "ob", "rand-seed", "rs"})
        if (std::optional<std::string> v = DoctestValue(a, o); v && !v->empty()) return true;
      return false;
    });
    static const char* const kListing[] = {"list-test-cases",
                                           "ltc",
                                           "list-test-suites",
                                           "lts",
                                           "list-reporters",
                                           "ltr",
                                           "count",
                                           "c",
                                           "help",
                                           "h",
                                           "?",
                                           "version",
                                           "v"};
    for (const std::string& a : args) {
      for (const char* l : kListing) {
        std::optional<std::string> v = DoctestValue(a, l);
        if (v && (v->empty() || *v == "true" || *v == "1" || *v == "yes" || *v == "on")) {
          s.kind_ = Kind::kListing;
          s.text_ = a;
          return s;
        }
      }
      for (const char* nr : {"no-run", "nr"}) {
        std::optional<std::string> v = DoctestValue(a, nr);
        if (v && (v->empty() || *v == "true" || *v == "1")) {
          s.kind_ = Kind::kListing;
          s.text_ = a;
          return s;
        }
      }
    }
    // The last occurrence of each spelling counts; both spellings add up.
    auto last = [&](std::string_view name) {
      for (size_t i = args.size(); i-- > 0;) {
        std::optional<std::string> v = DoctestValue(args[i], name);
        if (v && !v->empty()) {
          s.text_ += (s.text_.empty() ? "" : " ") + args[i];
          return DoctestList(*v);
        }
      }
      return std::vector<std::string>{};
    };
    auto both = [&](std::string_view long_name, std::string_view short_name) {
      std::vector<std::string> v = last(long_name);
      std::vector<std::string> w = last(short_name);
      v.insert(v.end(), w.begin(), w.end());
      return v;
    };
    s.dt_tc_ = both("test-case", "tc");
    s.dt_tce_ = both("test-case-exclude", "tce");
    s.dt_ts_ = both("test-suite", "ts");
    s.dt_tse_ = both("test-suite-exclude", "tse");
    s.dt_sf_ = both("source-file", "sf");
    s.dt_sfe_ = both("source-file-exclude", "sfe");
    for (const std::string& a : args) {
      for (const char* cs : {"case-sensitive", "cs"}) {
        std::optional<std::string> v = DoctestValue(a, cs);
        if (v) s.dt_case_sensitive_ = v->empty() || *v == "true" || *v == "1";
      }
      for (const char* r : {"first", "last"}) {
        std::optional<std::string> v = DoctestValue(a, r);
        if (v && !v->empty()) {
          s.unknown_subset_ = true;
          s.text_ += (s.text_.empty() ? "" : " ") + a;
        }
      }
    }
    if (!s.dt_tc_.empty() || !s.dt_tce_.empty() || !s.dt_ts_.empty() || !s.dt_tse_.empty() ||
        !s.dt_sf_.empty() || !s.dt_sfe_.empty() || s.unknown_subset_)
      s.kind_ = Kind::kSubset;
    return s;
  }
  // GoogleTest (also the default for programs whose framework is unknown).
  bool has_filter_arg = false;
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h" || a == "-?" || a == "/?") {
      s.kind_ = Kind::kListing;
      s.text_ = a;
      return s;
    }
    if (!StartsWith(a, "--gtest_")) continue;
    size_t eq = a.find('=');
    std::string name = a.substr(8, eq == std::string::npos ? std::string::npos : eq - 8);
    std::string value = eq == std::string::npos ? "" : a.substr(eq + 1);
    bool has_value = eq != std::string::npos;
    if (name == "filter" && has_value) {
      s.gtest_filter_ = value;
      s.text_ = a;
      has_filter_arg = true;
    } else if (name == "list_tests") {
      if (GtestBool(value, has_value)) {
        s.kind_ = Kind::kListing;
        s.text_ = a;
        return s;
      }
    } else if (name == "also_run_disabled_tests") {
      s.also_run_disabled_ = GtestBool(value, has_value);
    } else if (name == "repeat" || name == "flagfile" || StartsWith(name, "internal_")) {
      // Repeats (results per iteration) or flags from a file (maybe a filter): run as is.
      s.plain_ = false;
      if (name == "flagfile") s.unknown_subset_ = true;
    } else if (!kGtestNeutral.count(name)) {
      // An unknown --gtest_ flag makes GoogleTest print its help and run nothing.
      s.kind_ = Kind::kListing;
      s.text_ = a;
      return s;
    }
  }
  for (const std::string& kv : env) {
    if (StartsWith(kv, "GTEST_FILTER=") && !has_filter_arg) {
      s.gtest_filter_ = kv.substr(13);
      s.text_ = kv;
    } else if (StartsWith(kv, "GTEST_ALSO_RUN_DISABLED_TESTS=")) {
      s.also_run_disabled_ = kv.substr(30) != "0";
    } else if (StartsWith(kv, "GTEST_REPEAT=") || StartsWith(kv, "GTEST_FLAGFILE=")) {
      s.plain_ = false;
    }
  }
  if (!s.gtest_filter_.empty() || s.unknown_subset_) s.kind_ = Kind::kSubset;
  return s;
}

OwnSelection OwnSelection::Unreadable(const std::string& framework, const std::string& why) {
  OwnSelection s;
  s.framework_ = framework;
  s.kind_ = Kind::kSubset;
  s.plain_ = false;
  s.unknown_subset_ = true;
  s.text_ = why;
  return s;
}

bool OwnSelection::MayRun(const GraphTestCase& c, const CaseSource* src) const {
  if (kind_ == Kind::kListing) return false;
  if (unknown_subset_) return true;
  if (framework_ == "catch2") return CatchMayRun(c, src);
  if (framework_ == "doctest") return DoctestMayRun(c, src);
  if (gtest_filter_.empty()) return true;
  return TestModel::FilterMayRun(gtest_filter_, c);
}

bool OwnSelection::CatchMayRun(const GraphTestCase& c, const CaseSource* src) const {
  bool known = src && src->known;
  if (catch_filters_.empty()) return !(known && src->hidden);
  // A name written with escapes is stored as written: its real text is unknown.
  bool name_known = c.name.find('\\') == std::string::npos;
  std::vector<std::string> tags;
  if (known) {
    tags = src->tags;
    if (catch_file_tags_) {
      // -# adds "#<file name without extension>"; the file is not known here.
      known = false;
    }
  }
  for (const auto& filter : catch_filters_) {
    Tri all = Tri::kYes;
    for (const CatchPattern& p : filter) {
      Tri m;
      if (p.tag) {
        m = !known                                         ? Tri::kMaybe
            : std::count(tags.begin(), tags.end(), p.text) ? Tri::kYes
                                                           : Tri::kNo;
      } else {
        m = !name_known ? Tri::kMaybe : CatchNameMatches(p.text, c.name) ? Tri::kYes : Tri::kNo;
      }
      if (p.exclude && m != Tri::kMaybe) m = m == Tri::kYes ? Tri::kNo : Tri::kYes;
      if (m == Tri::kNo) all = Tri::kNo;
      if (m == Tri::kMaybe && all == Tri::kYes) all = Tri::kMaybe;
    }
    if (all != Tri::kNo) return true;
  }
  return false;
}

bool OwnSelection::DoctestMayRun(const GraphTestCase& c, const CaseSource* src) const {
  bool cs = dt_case_sensitive_;
  if (c.name.find('\\') == std::string::npos) {
    if (!dt_tc_.empty() && !DoctestAnyMatch(dt_tc_, c.name, cs)) return false;
    if (DoctestAnyMatch(dt_tce_, c.name, cs)) return false;
  }
  if (src && src->known && !src->decorated) {
    if (!dt_ts_.empty() && !DoctestAnyMatch(dt_ts_, src->suite, cs)) return false;
    if (DoctestAnyMatch(dt_tse_, src->suite, cs)) return false;
  }
  // Source-file filters match __FILE__ as the compiler spelled it, which tia does not
  // know: they never exclude a case here.
  return true;
}

}  // namespace tia
