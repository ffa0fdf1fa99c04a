// Build-constraint expressions with Go's //go:build grammar: parsing, evaluation, printing.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tia::constraint {

// One node of a parsed expression. Trees are immutable and shared, so Expr copies are cheap.
struct Node {
  enum class Kind { kTag, kNot, kAnd, kOr };
  Kind kind = Kind::kTag;
  std::string tag;                   // kTag only
  std::shared_ptr<const Node> x, y;  // kNot: x; kAnd/kOr: x op y (left-associative)
};

// A parsed constraint such as `linux && (gcc || clang) && !asan`.
class Expr {
 public:
  Expr() = default;
  explicit Expr(std::shared_ptr<const Node> root) : root_(std::move(root)) {}
  // The root node; never null for an Expr returned by Parse.
  const Node& root() const { return *root_; }
  bool valid() const { return root_ != nullptr; }

 private:
  std::shared_ptr<const Node> root_;
};

// Where and why parsing failed. `column` counts from Parse's `first_column`.
struct ParseError {
  int column = 0;
  std::string message;
};

// Parses `text` with the grammar
//   or  := and {"||" and}      and := not {"&&" not}
//   not := "!" atom | atom     atom := tag | "(" or ")"
// where a tag is a run of ASCII letters, digits, `_` and `.`. Spaces and tabs separate
// tokens. `!!x` is an error (as in Go); `!(!x)` is allowed. Returns nullopt and fills
// `err` on a syntax error. Columns in errors (also those inside messages) count from
// `first_column` for the first character of `text`, so callers can report positions in
// the line that holds the expression.
std::optional<Expr> Parse(std::string_view text, ParseError* err, int first_column = 1);

// True when `c` may appear in a tag.
bool IsTagChar(char c);
// True when `s` is a non-empty run of tag characters.
bool IsValidTag(std::string_view s);

// Evaluates `e`; `has_tag(name)` says whether a tag is true.
bool Eval(const Expr& e, const std::function<bool(std::string_view)>& has_tag);
// Evaluates `e` with exactly the tags in `tags` true.
bool Eval(const Expr& e, const std::set<std::string, std::less<>>& tags);

// Canonical text of `e` (Go's printing rules): operators separated by single spaces,
// parentheses only where needed or where `&&` nests inside `||` (and vice versa), and
// `!(...)` around non-tags. Parse(ToString(e)) evaluates like `e`.
std::string ToString(const Expr& e);

// Every distinct tag mentioned in `e`, sorted.
std::vector<std::string> Tags(const Expr& e);

}  // namespace tia::constraint
