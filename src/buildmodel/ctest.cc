// The tests CTest knows, from `ctest --show-only=json-v1` (format in conventions.md), with
// the commands of tests whose executable is not built yet read from CTestTestfile.cmake.
#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "tia/buildmodel/build_model.h"
#include "tia/util/fs.h"
#include "tia/util/process.h"

namespace tia {
namespace {

using nlohmann::json;

// An array of strings; with `allow_single`, a lone string is accepted as one element (list
// properties with one value).
bool StringList(const json& v, std::vector<std::string>* out, bool allow_single = true) {
  out->clear();
  if (allow_single && v.is_string()) {
    out->push_back(v.get<std::string>());
    return true;
  }
  if (!v.is_array()) return false;
  for (const auto& e : v) {
    if (!e.is_string()) return false;
    out->push_back(e.get<std::string>());
  }
  return true;
}

// CTest writes booleans as JSON booleans; accept CMake's spellings of true too.
bool Truthy(const json& v, bool* out) {
  if (v.is_boolean()) {
    *out = v.get<bool>();
    return true;
  }
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    *out = s == "1" || s == "ON" || s == "YES" || s == "TRUE" || s == "Y";
    return true;
  }
  return false;
}

bool ParseProperty(const json& prop, const std::string& where, CTestTest* t, std::string* err) {
  if (!prop.is_object() || !prop.contains("name") || !prop["name"].is_string() ||
      !prop.contains("value")) {
    *err = where + ": a property needs a string 'name' and a 'value'";
    return false;
  }
  const std::string name = prop["name"].get<std::string>();
  const json& v = prop["value"];
  bool ok = true;
  if (name == "WORKING_DIRECTORY") {
    ok = v.is_string();
    if (ok) t->working_directory = v.get<std::string>();
  } else if (name == "ENVIRONMENT") {
    ok = StringList(v, &t->environment);
  } else if (name == "LABELS") {
    ok = StringList(v, &t->labels);
  } else if (name == "TIMEOUT") {
    ok = v.is_number();
    if (ok) t->timeout = v.get<double>();
  } else if (name == "DISABLED") {
    ok = Truthy(v, &t->disabled);
  } else if (name == "RUN_SERIAL") {
    ok = Truthy(v, &t->run_serial);
  } else if (name == "FIXTURES_SETUP") {
    ok = StringList(v, &t->fixtures_setup);
  } else if (name == "FIXTURES_CLEANUP") {
    ok = StringList(v, &t->fixtures_cleanup);
  } else if (name == "FIXTURES_REQUIRED") {
    ok = StringList(v, &t->fixtures_required);
  } else if (name == "WILL_FAIL") {
    ok = Truthy(v, &t->will_fail);
  } else if (name == "PASS_REGULAR_EXPRESSION") {
    ok = StringList(v, &t->pass_regex);
  } else if (name == "FAIL_REGULAR_EXPRESSION") {
    ok = StringList(v, &t->fail_regex);
  } else if (name == "SKIP_REGULAR_EXPRESSION") {
    ok = StringList(v, &t->skip_regex);
  } else if (name == "SKIP_RETURN_CODE") {
    ok = v.is_number_integer();
    if (ok) t->skip_return_code = v.get<int>();
  } else if (name == "TIMEOUT_AFTER_MATCH") {
    // {"regex": [...], "timeout": seconds}
    ok = v.is_object() && v.contains("timeout") && v["timeout"].is_number() &&
         v.contains("regex") && StringList(v["regex"], &t->timeout_match_regex);
    if (ok) t->timeout_after_match = v["timeout"].get<double>();
  } else if (name == "REQUIRED_FILES") {
    ok = StringList(v, &t->required_files);
  } else if (name == "RESOURCE_LOCK") {
    ok = StringList(v, &t->resource_locks);
  } else if (name == "PROCESSORS") {
    ok = v.is_number_integer();
    if (ok) t->processors = std::max(1, v.get<int>());
  }
  if (!ok) *err = where + ": property " + name + " has a value of the wrong type";
  return ok;
}

// One argument of a CMake command call at `*i`: a bracket argument ([=[...]=]), a quoted
// argument (with backslash escapes) or an unquoted one. False at the closing parenthesis.
bool NextCMakeArg(const std::string& s, size_t* i, std::string* out) {
  while (*i < s.size() && (s[*i] == ' ' || s[*i] == '\t' || s[*i] == '\n' || s[*i] == '\r')) ++*i;
  if (*i >= s.size() || s[*i] == ')') return false;
  out->clear();
  if (s[*i] == '[') {
    size_t eq = *i + 1;
    while (eq < s.size() && s[eq] == '=') ++eq;
    if (eq < s.size() && s[eq] == '[') {
      std::string close = "]" + std::string(eq - *i - 1, '=') + "]";
      size_t end = s.find(close, eq + 1);
      if (end == std::string::npos) return false;
      *out = s.substr(eq + 1, end - eq - 1);
      *i = end + close.size();
      return true;
    }
  }
  if (s[*i] == '"') {
    for (++*i; *i < s.size() && s[*i] != '"'; ++*i) {
      if (s[*i] == '\\' && *i + 1 < s.size()) ++*i;
      *out += s[*i];
    }
    ++*i;
    return true;
  }
  while (*i < s.size() && s[*i] != ' ' && s[*i] != ')' && s[*i] != '\n' && s[*i] != '\t')
    *out += s[(*i)++];
  return true;
}

// The calls `name(args...)` at the start of a line of `text`, in order.
std::vector<std::vector<std::string>> Calls(const std::string& text, const std::string& name) {
  std::vector<std::vector<std::string>> out;
  std::string open = name + "(";
  for (size_t at = text.find(open); at != std::string::npos; at = text.find(open, at + 1)) {
    size_t line_start = text.rfind('\n', at);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    if (text.find_first_not_of(" \t", line_start) != at) continue;
    size_t i = at + open.size();
    std::vector<std::string> args;
    std::string arg;
    while (NextCMakeArg(text, &i, &arg)) args.push_back(arg);
    out.push_back(std::move(args));
  }
  return out;
}

void ReadTestfile(const std::string& path, std::set<std::string>* seen,
                  std::map<std::string, std::vector<std::string>>* out, int depth) {
  if (depth > 64 || !seen->insert(path).second) return;
  std::string text, err;
  if (!ReadFile(path, &text, &err)) return;
  std::string dir = path.substr(0, path.rfind('/'));
  // add_test, include() and subdirs() in the order CTest reads them is not needed: names
  // are unique within a build tree, and the first definition is kept.
  for (auto& args : Calls(text, "add_test")) {
    if (args.size() < 2) continue;
    std::string name = args[0];
    args.erase(args.begin());
    out->emplace(name, std::move(args));
  }
  for (const auto& args : Calls(text, "include")) {
    if (args.empty()) continue;
    std::string p = args[0][0] == '/' ? args[0] : dir + "/" + args[0];
    ReadTestfile(p, seen, out, depth + 1);
  }
  for (const auto& args : Calls(text, "subdirs")) {
    for (const auto& sub : args) {
      std::string d = sub[0] == '/' ? sub : dir + "/" + sub;
      ReadTestfile(d + "/CTestTestfile.cmake", seen, out, depth + 1);
    }
  }
}

}  // namespace

std::map<std::string, std::vector<std::string>> ReadCTestTestfiles(const std::string& build_dir) {
  std::map<std::string, std::vector<std::string>> out;
  std::set<std::string> seen;
  ReadTestfile(build_dir + "/CTestTestfile.cmake", &seen, &out, 0);
  return out;
}

bool ParseCTestJson(const std::string& text, std::vector<CTestTest>* tests, std::string* err) {
  tests->clear();
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    *err = std::string("ctest --show-only=json-v1: malformed JSON: ") + e.what();
    return false;
  }
  auto kind = doc.is_object() ? doc.find("kind") : doc.end();
  if (!doc.is_object() || kind == doc.end() || *kind != "ctestInfo") {
    *err = "ctest --show-only=json-v1: not a ctestInfo object (missing \"kind\":\"ctestInfo\")";
    return false;
  }
  auto it = doc.find("tests");
  if (it == doc.end() || !it->is_array()) {
    *err = "ctest --show-only=json-v1: no \"tests\" array";
    return false;
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const json& jt = (*it)[i];
    std::string where = "ctest --show-only=json-v1: tests[" + std::to_string(i) + "]";
    if (!jt.is_object() || !jt.contains("name") || !jt["name"].is_string()) {
      *err = where + ": a test needs a string 'name'";
      return false;
    }
    CTestTest t;
    t.name = jt["name"].get<std::string>();
    where += " (" + t.name + ")";
    if (auto c = jt.find("command"); c != jt.end() && !StringList(*c, &t.command, false)) {
      *err = where + ": 'command' is not an array of strings";
      return false;
    }
    if (auto p = jt.find("properties"); p != jt.end()) {
      if (!p->is_array()) {
        *err = where + ": 'properties' is not an array";
        return false;
      }
      for (const auto& prop : *p)
        if (!ParseProperty(prop, where, &t, err)) return false;
    }
    tests->push_back(std::move(t));
  }
  return true;
}

void ResolveTestTargets(const std::string& build_dir, const BuildModel& model,
                        std::vector<CTestTest>* tests) {
  // CTest leaves `command` out while the executable does not exist yet (configured, not
  // built); CTestTestfile.cmake has it, with the artifact path CMake will build.
  bool missing = false;
  for (const CTestTest& t : *tests) missing |= t.command.empty();
  std::map<std::string, std::vector<std::string>> from_files;
  if (missing) from_files = ReadCTestTestfiles(build_dir);
  for (auto& t : *tests) {
    if (t.command.empty()) {
      auto it = from_files.find(t.name);
      if (it != from_files.end()) t.command = it->second;
    }
    // gtest_discover_tests lists one `<target>_NOT_BUILT` test per executable until the
    // build has run it: the executable's cases, to be discovered by the build.
    const std::string suffix = "_NOT_BUILT";
    if (t.name.size() > suffix.size() &&
        t.name.compare(t.name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
        (t.command.empty() || t.command[0] == t.name)) {
      const Target* target = model.FindTarget(t.name.substr(0, t.name.size() - suffix.size()));
      if (target && target->type == "EXECUTABLE" && !target->artifacts.empty()) {
        t.placeholder = true;
        t.command = {target->artifacts[0]};
        t.target_name = target->name;
        continue;
      }
    }
    if (t.command.empty()) continue;
    if (const Target* target = model.TargetForArtifact(t.command[0])) t.target_name = target->name;
  }
}

bool LoadCTestTests(const std::string& build_dir, BuildModel* model, std::string* err) {
  std::string ctest = "ctest";
  std::string cache, ignored;
  if (ReadFile(build_dir + "/CMakeCache.txt", &cache, &ignored)) {
    // Use the ctest of the cmake that made this tree (CMAKE_CTEST_COMMAND:INTERNAL=...).
    const std::string key = "\nCMAKE_CTEST_COMMAND:";
    size_t pos = cache.find(key);
    if (pos != std::string::npos) {
      size_t eq = cache.find('=', pos);
      size_t eol = cache.find('\n', pos + 1);
      if (eq != std::string::npos && eq < eol) ctest = cache.substr(eq + 1, eol - eq - 1);
    }
  }
  std::vector<std::string> argv{ctest, "--show-only=json-v1"};
  // Multi-config generators (Ninja Multi-Config, Xcode) need the configuration to list
  // tests; the File API model's build type names it.
  if (cache.find("\nCMAKE_CONFIGURATION_TYPES:") != std::string::npos &&
      !model->build_type.empty()) {
    argv.push_back("-C");
    argv.push_back(model->build_type);
  }
  ProcessResult r;
  if (!RunProcess(argv, build_dir, &r, err)) return false;
  if (r.exit_code != 0) {
    *err = build_dir + ": `" + ctest + " --show-only=json-v1` failed (exit " +
           std::to_string(r.exit_code) + "): " + r.err;
    return false;
  }
  std::vector<CTestTest> tests;
  if (!ParseCTestJson(r.out, &tests, err)) {
    *err = build_dir + ": " + *err;
    return false;
  }
  ResolveTestTargets(build_dir, *model, &tests);
  model->tests = std::move(tests);
  return true;
}

}  // namespace tia
