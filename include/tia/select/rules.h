// The project's selection rules from `tia.toml` at the repository root: what a change to
// a file the index cannot analyse (documentation, data, scripts) selects.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tia {

// One [[rule]] of tia.toml. Exactly one of: select = "none" | "all", or tests/labels.
struct PathRule {
  std::vector<std::string> paths;  // globs relative to the repository root
  enum class Action { kNone, kAll, kTests } action = Action::kAll;
  std::vector<std::string> tests;   // CTest test name globs (Action::kTests)
  std::vector<std::string> labels;  // CTest labels (Action::kTests)
  int line = 0;                     // where the rule starts in tia.toml, for reasons
};

struct ProjectConfig {
  std::string path;  // the tia.toml read, empty when there is none
  std::vector<PathRule> rules;
  // The first rule whose globs match `relative_path`, or null.
  const PathRule* Match(std::string_view relative_path) const;
};

// Reads `<repo_root>/tia.toml` when it exists (an absent file is an empty config).
// Errors name the file, line and problem.
bool LoadProjectConfig(const std::string& repo_root, ProjectConfig* config, std::string* err);
// Parses tia.toml text (exposed for tests); `path` is used in messages.
bool ParseProjectConfig(std::string_view text, const std::string& path, ProjectConfig* config,
                        std::string* err);

// Wildcard match of a whole string: `*` any run of characters, `?` one character (the
// matching of GoogleTest filters, and of one path component in GlobMatch).
bool WildcardMatch(std::string_view pattern, std::string_view text);

// Glob match over '/'-separated paths: `*` and `?` stay within one path component, `**`
// spans components ("docs/**" matches everything under docs/, "**/*.md" every .md file).
// A pattern without '/' matches the last component anywhere ("*.md").
bool GlobMatch(std::string_view pattern, std::string_view path);

}  // namespace tia
