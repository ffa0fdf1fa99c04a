// Reading the `// tia:build EXPR` constraint line at the top of a test source file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tia/constraint/expr.h"

namespace tia::constraint {

// The constraint found in a file's header.
struct FileConstraint {
  Expr expr;         // the parsed expression
  std::string text;  // the expression as written (trimmed)
  int line = 0;      // 1-based line of the `// tia:build` comment
};

// Scans the header of a source file (its text in `content`, its name in `filename`, used
// in messages) for a `// tia:build EXPR` line. Like Go's //go:build, only lines before the
// first line holding code count: blank lines, `//` comments and `/* */` comments may come
// first; a `// tia:build` after code is an ordinary comment. `//tia:build` (no space) is
// accepted too. On success returns true and sets `*out` (nullopt when the file has no
// constraint). Errors (bad expression, empty expression, a second constraint line) return
// false with `err` set to "<filename>:<line>:<column>: <message>".
bool ScanConstraint(std::string_view content, const std::string& filename,
                    std::optional<FileConstraint>* out, std::string* err);

// Reads `path` and scans it with ScanConstraint (`path` names the file in messages).
bool ReadFileConstraint(const std::string& path, std::optional<FileConstraint>* out,
                        std::string* err);

}  // namespace tia::constraint
