// Finds and parses the `// tia:build` line in the comment header of a source file.
#include "tia/constraint/file.h"

#include "tia/util/fs.h"

namespace tia::constraint {
namespace {

constexpr std::string_view kDirective = "tia:build";

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

std::string Where(const std::string& filename, int line, size_t column) {
  return filename + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

// If the `//` comment starting at `line[slash]` is a tia:build directive, returns the
// offset of its expression within `line`.
std::optional<size_t> DirectiveExpr(std::string_view line, size_t slash) {
  size_t p = slash + 2;
  while (p < line.size() && IsSpace(line[p])) ++p;
  if (line.substr(p, kDirective.size()) != kDirective) return std::nullopt;
  p += kDirective.size();
  if (p < line.size() && !IsSpace(line[p])) return std::nullopt;  // e.g. tia:builder
  return p;
}

}  // namespace

bool ScanConstraint(std::string_view content, const std::string& filename,
                    std::optional<FileConstraint>* out, std::string* err) {
  out->reset();
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);  // UTF-8 BOM
  bool in_block = false;
  int line_no = 0;
  size_t start = 0;
  while (start <= content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(start, end - start);
    ++line_no;
    size_t p = 0;
    bool code = false;
    while (p < line.size()) {
      if (in_block) {
        size_t close = line.find("*/", p);
        if (close == std::string_view::npos) {
          p = line.size();
          break;
        }
        in_block = false;
        p = close + 2;
        continue;
      }
      if (IsSpace(line[p])) {
        ++p;
        continue;
      }
      if (line.substr(p, 2) == "/*") {
        in_block = true;
        p += 2;
        continue;
      }
      if (line.substr(p, 2) == "//") {
        // Only a comment that begins the line can be a directive, as in Go.
        bool at_line_start = line.find_first_not_of(" \t\r\f\v") == p;
        std::optional<size_t> expr_at = at_line_start ? DirectiveExpr(line, p) : std::nullopt;
        if (expr_at) {
          if (*out) {
            *err = Where(filename, line_no, p + 1) +
                   "more than one tia:build line (first at line " + std::to_string((*out)->line) +
                   "); combine them with &&";
            out->reset();
            return false;
          }
          std::string_view expr = line.substr(*expr_at);
          ParseError perr;
          std::optional<Expr> parsed = Parse(expr, &perr, static_cast<int>(*expr_at) + 1);
          if (!parsed) {
            *err = Where(filename, line_no, perr.column) + perr.message;
            return false;
          }
          size_t b = expr.find_first_not_of(" \t\r\f\v");
          size_t e = expr.find_last_not_of(" \t\r\f\v");
          *out =
              FileConstraint{std::move(*parsed), std::string(expr.substr(b, e - b + 1)), line_no};
        }
        p = line.size();
        break;
      }
      code = true;
      break;
    }
    if (code) break;
    if (end == content.size()) break;
    start = end + 1;
  }
  return true;
}

bool ReadFileConstraint(const std::string& path, std::optional<FileConstraint>* out,
                        std::string* err) {
  std::string content;
  if (!ReadFile(path, &content, err)) return false;
  return ScanConstraint(content, path, out, err);
}

}  // namespace tia::constraint
