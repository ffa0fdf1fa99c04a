// Test-macro recognition: which macro expansions define a test case (GoogleTest's TEST
// family, Catch2's and doctest's TEST_CASE and SCENARIO), and the test case each defines
// (suite, name, the function holding its body, the fixture it derives from).
#include "test_macros.h"

#include <optional>
#include <string>
#include <vector>

#include "clang_util.h"
#include "tia/util/strings.h"

namespace tia::index_internal {

const char* TestFramework(const std::string& macro, const std::string& defined_in) {
  static const char* const kGtest[] = {"TEST",         "TEST_F",     "TEST_P",      "TYPED_TEST",
                                       "TYPED_TEST_P", "GTEST_TEST", "GTEST_TEST_F"};
  for (const char* m : kGtest)
    if (macro == m) return "gtest";
  if (macro == "TEST_CASE" || macro == "TEST_CASE_METHOD" || macro == "SCENARIO" ||
      macro == "SCENARIO_METHOD" || macro == "TEMPLATE_TEST_CASE" ||
      macro == "TEMPLATE_TEST_CASE_METHOD" || macro == "TEMPLATE_PRODUCT_TEST_CASE" ||
      macro == "TEMPLATE_PRODUCT_TEST_CASE_METHOD" || macro == "TEMPLATE_LIST_TEST_CASE" ||
      macro == "TEMPLATE_LIST_TEST_CASE_METHOD") {
    if (defined_in.find("doctest") != std::string::npos) return "doctest";
    return "catch2";
  }
  return nullptr;
}

namespace {

// The text of a string literal's body whose only escapes are \", \\ and \' (the name the
// program registers: `TEST_CASE("say \"hi\"")` is `say "hi"`); any other escape leaves the
// body as written.
std::string UnescapeQuotes(const std::string& body) {
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\') {
      out += body[i];
      continue;
    }
    if (i + 1 >= body.size()) return body;
    char e = body[++i];
    if (e != '"' && e != '\\' && e != '\'') return body;
    out += e;
  }
  return out;
}

// The body of a macro argument made of string literals, adjacent ones joined as the
// compiler joins them (`"a long " "name"` is `a long name`); nullopt for anything else.
std::optional<std::string> LiteralBody(const std::string& arg) {
  std::string body;
  size_t i = 0;
  bool any = false;
  while (i < arg.size()) {
    if (arg[i] == ' ') {
      ++i;
      continue;
    }
    if (arg[i] != '"') return std::nullopt;
    size_t j = i + 1;
    while (j < arg.size() && arg[j] != '"') j += arg[j] == '\\' ? 2 : 1;
    if (j >= arg.size()) return std::nullopt;
    body += arg.substr(i + 1, j - i - 1);
    any = true;
    i = j + 1;
  }
  if (!any) return std::nullopt;
  return body;
}

// `s` without the parentheses around all of it: `(std::map<int, long>)` is how a type with
// a comma is given to Catch2's template macros, which name the case by what is inside.
std::string Unparenthesized(const std::string& s) {
  if (s.size() < 2 || s.front() != '(' || s.back() != ')') return s;
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && --depth == 0 && i + 1 != s.size()) return s;  // `(a) (b)`
  }
  return Trim(s.substr(1, s.size() - 2));
}

// The items of a parenthesized list (`(std::vector, Foo)`, `(int, (int, double))`), split
// at its top-level commas; anything else is one item.
std::vector<std::string> ListItems(const std::string& s) {
  std::string inner = Unparenthesized(s);
  if (inner == s) return {s};
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  for (char c : inner) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      out.push_back(Trim(cur));
      cur.clear();
      continue;
    }
    cur += c;
  }
  out.push_back(Trim(cur));
  return out;
}

// How many types the type list `list` (a TEMPLATE_LIST_TEST_CASE argument: an alias such as
// `MyTypes` declared in this TU, `using MyTypes = std::tuple<int, char>;`) holds; -1 when
// it is not such an alias, or when aliases of that name in several scopes disagree (a
// count too small would leave an instance unnamed, and so unselectable).
int TypeListSize(CXTranslationUnit tu, const TuState& st, const std::string& list) {
  int size = -1;
  for (const auto& sh : st.shards) {
    for (const SymbolFact& f : sh->symbols) {
      if (f.kind != SymbolKind::kTypedef || (f.qualified_name != list && f.name != list)) continue;
      CXFile file = clang_getFile(tu, sh->path.c_str());
      if (!file) return -1;
      CXCursor c =
          clang_getCursor(tu, clang_getLocation(tu, file, static_cast<unsigned>(f.line_start),
                                                static_cast<unsigned>(f.col)));
      CXCursorKind k = clang_getCursorKind(c);
      if (k != CXCursor_TypeAliasDecl && k != CXCursor_TypedefDecl) return -1;
      CXType t = clang_getCanonicalType(clang_getTypedefDeclUnderlyingType(c));
      int n = clang_Type_getNumTemplateArguments(t);
      if (n < 0 || (size >= 0 && n != size)) return -1;
      size = n;
    }
  }
  return size;
}

}  // namespace

void AddTestCase(CXTranslationUnit tu, TuState* st, const MacroUse& m, const char* framework) {
  // Top-level macro arguments: tokens joined, with one space where the source has blanks
  // between two tokens (as the preprocessor's # spells an argument: `unsigned int`).
  std::vector<std::string> args;
  int depth = 0;
  std::string cur;
  unsigned prev_end = 0;
  ClangTokens toks(tu, clang_getCursorExtent(m.cursor));
  for (unsigned i = 1; i < toks.size(); ++i) {
    std::string t = toks.Spelling(i);
    CXSourceRange r = clang_getTokenExtent(tu, toks[i]);
    unsigned begin = 0, end = 0;
    clang_getFileLocation(clang_getRangeStart(r), nullptr, nullptr, nullptr, &begin);
    clang_getFileLocation(clang_getRangeEnd(r), nullptr, nullptr, nullptr, &end);
    const bool blank = !cur.empty() && begin > prev_end;
    prev_end = end;
    if (t == "(" && depth++ == 0) continue;
    if (t == ")" && --depth == 0) {
      args.push_back(cur);
      break;
    }
    if (t == "," && depth == 1) {
      args.push_back(cur);
      cur.clear();
      continue;
    }
    if (blank) cur += ' ';
    cur += t;
  }
  TestCaseFact tc;
  tc.framework = framework;
  tc.macro = m.macro_name;
  tc.line = m.line;
  if (tc.framework == "gtest") {
    if (args.size() < 2) return;
    tc.suite = args[0];
    tc.name = args[1];
    std::string cls = m.macro_name == "TYPED_TEST_P" ? "gtest_suite_" + args[0] + "_::" + args[1]
                                                     : args[0] + "_" + args[1] + "_Test";
    std::string body_qn = cls + "::TestBody";
    std::string class_usr;
    // The test may sit in a namespace (often an anonymous one): match the name's tail.
    auto names = [](const std::string& qn, const std::string& want) {
      return qn == want || (qn.size() > want.size() + 2 && EndsWith(qn, "::" + want));
    };
    for (const SymbolFact& f : m.shard->symbols) {
      if (f.is_definition && f.line_start == m.line && names(f.qualified_name, body_qn))
        tc.body_usr = f.usr;
      if (IsTypeKind(f.kind) && f.line_start == m.line && names(f.qualified_name, cls))
        class_usr = f.usr;
    }
    if (tc.body_usr.empty()) {
      for (const SymbolFact& f : m.shard->symbols)
        if (f.line_start == m.line && names(f.qualified_name, body_qn)) tc.body_usr = f.usr;
    }
    if (m.macro_name != "TEST" && m.macro_name != "GTEST_TEST" && !class_usr.empty()) {
      auto it = st->class_base.find(class_usr);
      if (it != st->class_base.end()) tc.fixture_usr = it->second;
    }
  } else {
    // TEST_CASE_METHOD(Fixture, "name", ...) and SCENARIO_METHOD name the fixture first.
    size_t at = EndsWith(m.macro_name, "_METHOD") ? 1 : 0;
    if (args.size() <= at) return;
    std::string name = args[at];
    if (std::optional<std::string> body = LiteralBody(name)) name = UnescapeQuotes(*body);
    // The name the program registers and matches test specs against.
    if (StartsWith(m.macro_name, "SCENARIO"))
      name = (tc.framework == "doctest" ? "  Scenario: " : "Scenario: ") + name;
    // TEMPLATE_TEST_CASE("name", "[tags]", int, long): Catch2 registers one case per type,
    // named "name - int", "name - long" (the type as the preprocessor spells it, without
    // the parentheses a type with a comma comes in). TEMPLATE_PRODUCT_TEST_CASE("name",
    // "[tags]", (std::vector, Foo), (int, (int, double))): one per template and argument
    // list, "name - std::vector<int>", ..., "name - Foo<int, double>".
    std::vector<std::string> names = {name};
    if (StartsWith(m.macro_name, "TEMPLATE_PRODUCT_")) {
      names.clear();
      if (args.size() != at + 4) return;
      for (const std::string& tmpl : ListItems(args[at + 2]))
        for (const std::string& arg : ListItems(args[at + 3]))
          names.push_back(name + " - " + tmpl + "<" + Unparenthesized(arg) + ">");
    } else if (StartsWith(m.macro_name, "TEMPLATE_LIST_")) {
      // TEMPLATE_LIST_TEST_CASE("name", "[tags]", MyTypes): one per type of the list, by
      // its position: "name - MyTypes - 0", "name - MyTypes - 1", ...
      names.clear();
      if (args.size() != at + 3) return;
      int n = TypeListSize(tu, *st, args[at + 2]);
      for (int i = 0; i < n; ++i)
        names.push_back(name + " - " + args[at + 2] + " - " + std::to_string(i));
    } else if (StartsWith(m.macro_name, "TEMPLATE_")) {
      names.clear();
      for (size_t t = at + 2; t < args.size(); ++t)
        names.push_back(name + " - " + Unparenthesized(args[t]));
    }
    if (names.empty()) return;
    // The function the macro defines starts on the macro's line.
    const SymbolFact* best = nullptr;
    for (const SymbolFact& f : m.shard->symbols)
      if (f.is_definition && IsFunctionKind(f.kind) && f.line_start == m.line &&
          (!best || f.line_end > best->line_end))
        best = &f;
    if (best) tc.body_usr = best->usr;
    for (size_t i = 0; i + 1 < names.size(); ++i) {
      TestCaseFact one = tc;
      one.name = names[i];
      m.shard->tests.push_back(std::move(one));
    }
    tc.name = names.back();
  }
  m.shard->tests.push_back(std::move(tc));
}

}  // namespace tia::index_internal
