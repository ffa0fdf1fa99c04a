// tia.toml rules and path globs (see tia/select/rules.h).
#include "tia/select/rules.h"

#include <toml++/toml.h>

#include "tia/util/fs.h"

namespace tia {

bool WildcardMatch(std::string_view p, std::string_view s) {
  size_t pi = 0, si = 0, star = std::string_view::npos, mark = 0;
  while (si < s.size()) {
    if (pi < p.size() && (p[pi] == '?' || p[pi] == s[si])) {
      ++pi, ++si;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = si;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

namespace {

std::vector<std::string_view> Split(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t slash = s.find('/', start);
    if (slash == std::string_view::npos) slash = s.size();
    if (slash > start) out.push_back(s.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

// Matches glob components against path components; `**` matches zero or more. Dynamic
// programming over (pattern, path) suffixes, one row per pattern component: a rule with
// many `**` must not make matching exponential (backtracking took minutes for 16 `**`
// against a 40-component path).
bool MatchParts(const std::vector<std::string_view>& p, const std::vector<std::string_view>& s) {
  const size_t n = s.size();
  // next[j]: p[i+1..] matches s[j..]; starts as "the empty pattern matches the empty path".
  std::vector<char> next(n + 1, 0), row(n + 1, 0);
  next[n] = 1;
  for (size_t i = p.size(); i-- > 0;) {
    if (p[i] == "**") {
      row[n] = next[n];
      for (size_t j = n; j-- > 0;) row[j] = next[j] || row[j + 1];
    } else {
      row[n] = 0;
      for (size_t j = 0; j < n; ++j) row[j] = next[j + 1] && WildcardMatch(p[i], s[j]);
    }
    std::swap(next, row);
  }
  return next[0] != 0;
}

bool ReadStrings(const toml::node* node, const std::string& where, std::vector<std::string>* out,
                 std::string* err) {
  if (!node) return true;
  if (auto s = node->value<std::string>()) {
    out->push_back(*s);
    return true;
  }
  const toml::array* arr = node->as_array();
  if (!arr) {
    *err = where + " must be a string or an array of strings";
    return false;
  }
  for (const auto& el : *arr) {
    auto s = el.value<std::string>();
    if (!s) {
      *err = where + " must contain only strings";
      return false;
    }
    out->push_back(*s);
  }
  return true;
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view path) {
  if (pattern.find('/') == std::string_view::npos) {
    size_t slash = path.rfind('/');
    return WildcardMatch(pattern, slash == std::string_view::npos ? path : path.substr(slash + 1));
  }
  return MatchParts(Split(pattern), Split(path));
}

const PathRule* ProjectConfig::Match(std::string_view relative_path) const {
  for (const PathRule& r : rules)
    for (const std::string& g : r.paths)
      if (GlobMatch(g, relative_path)) return &r;
  return nullptr;
}

bool ParseProjectConfig(std::string_view text, const std::string& path, ProjectConfig* config,
                        std::string* err) {
  config->path = path;
  config->rules.clear();
  toml::table doc;
  try {
    doc = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    *err = path + ":" + std::to_string(e.source().begin.line) + ":" +
           std::to_string(e.source().begin.column) + ": " + std::string(e.description());
    return false;
  }
  for (auto& [key, node] : doc) {
    if (key.str() != "rule") {
      *err = path + ":" + std::to_string(node.source().begin.line) + ": unknown key '" +
             std::string(key.str()) + "' (expected [[rule]] tables)";
      return false;
    }
  }
  const toml::node* rules = doc.get("rule");
  if (!rules) return true;
  const toml::array* arr = rules->as_array();
  if (!arr) {
    *err = path + ":" + std::to_string(rules->source().begin.line) +
           ": 'rule' must be an array of tables: write [[rule]]";
    return false;
  }
  for (const auto& el : *arr) {
    const toml::table* t = el.as_table();
    std::string where = path + ":" + std::to_string(el.source().begin.line);
    if (!t) {
      *err = where + ": each rule must be a table";
      return false;
    }
    PathRule r;
    r.line = static_cast<int>(el.source().begin.line);
    for (auto& [k, v] : *t) {
      std::string_view ks = k.str();
      if (ks != "paths" && ks != "select" && ks != "tests" && ks != "labels") {
        *err = where + ": unknown rule key '" + std::string(ks) +
               "' (expected paths, select, tests, labels)";
        return false;
      }
    }
    if (!ReadStrings(t->get("paths"), where + ": paths", &r.paths, err) ||
        !ReadStrings(t->get("tests"), where + ": tests", &r.tests, err) ||
        !ReadStrings(t->get("labels"), where + ": labels", &r.labels, err))
      return false;
    if (r.paths.empty()) {
      *err = where + ": rule has no paths";
      return false;
    }
    auto select = t->get("select") ? t->get("select")->value<std::string>() : std::nullopt;
    if (t->get("select") && !select) {
      *err = where + ": select must be \"none\" or \"all\"";
      return false;
    }
    if (select) {
      if (!r.tests.empty() || !r.labels.empty()) {
        *err = where + ": a rule has either select or tests/labels, not both";
        return false;
      }
      if (*select == "none") {
        r.action = PathRule::Action::kNone;
      } else if (*select == "all") {
        r.action = PathRule::Action::kAll;
      } else {
        *err = where + ": select must be \"none\" or \"all\", not \"" + *select + "\"";
        return false;
      }
    } else if (!r.tests.empty() || !r.labels.empty()) {
      r.action = PathRule::Action::kTests;
    } else {
      *err = where + ": rule needs select = \"none\"/\"all\" or tests/labels";
      return false;
    }
    config->rules.push_back(std::move(r));
  }
  return true;
}

bool LoadProjectConfig(const std::string& repo_root, ProjectConfig* config, std::string* err) {
  std::string path = repo_root + "/tia.toml";
  config->rules.clear();
  config->path.clear();
  if (!StatFile(path)) return true;
  std::string text;
  if (!ReadFile(path, &text, err)) return false;
  return ParseProjectConfig(text, path, config, err);
}

}  // namespace tia
