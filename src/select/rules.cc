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

// Matches glob components against path components; `**` matches zero or more.
bool MatchParts(const std::vector<std::string_view>& p, size_t pi,
                const std::vector<std::string_view>& s, size_t si) {
  if (pi == p.size()) return si == s.size();
  if (p[pi] == "**") {
    for (size_t k = si; k <= s.size(); ++k)
      if (MatchParts(p, pi + 1, s, k)) return true;
    return false;
  }
  if (si == s.size()) return false;
  return WildcardMatch(p[pi], s[si]) && MatchParts(p, pi + 1, s, si + 1);
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
  return MatchParts(Split(pattern), 0, Split(path), 0);
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
