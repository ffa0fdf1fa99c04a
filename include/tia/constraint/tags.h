// The set of active tags that build constraints are evaluated against.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tia/constraint/expr.h"

namespace tia::constraint {

// A set of tag names, searchable by string_view.
using TagSet = std::set<std::string, std::less<>>;

// Tags describing the host: the OS (`linux`, `darwin`, `freebsd`, ... from uname's sysname,
// lowercased) plus `unix` on every POSIX system, and the architecture as uname's machine
// name plus its common alias (`x86_64` and `amd64`, `aarch64` and `arm64`, `i686` and
// `i386`/`x86`, ...).
TagSet HostTags();

// The tag for a CMake compiler id (CMAKE_<LANG>_COMPILER_ID / File API toolchain id):
// GNU -> gcc, Clang -> clang, AppleClang -> clang, MSVC -> msvc, Intel -> icc,
// IntelLLVM -> icx; any other id lowercased. Empty id gives "".
std::string CompilerTag(std::string_view compiler_id);

// Splits a `--tags a,b` value into tags. Empty items are ignored; an item that is not a
// valid tag fails with `err` naming it.
bool ParseTagList(std::string_view list, std::vector<std::string>* out, std::string* err);

// Everything that is true for a run: HostTags(), CompilerTag(compiler_id) (when known),
// the build type lowercased (`debug`, `release`, `relwithdebinfo`, `minsizerel`; nothing
// when empty) and `user_tags`.
TagSet ActiveTags(std::string_view compiler_id, std::string_view build_type,
                  const std::vector<std::string>& user_tags);

// `--labels EXPR`: true when `e` holds with exactly the test's CTest `labels` true.
bool MatchLabels(const Expr& e, const std::vector<std::string>& labels);

}  // namespace tia::constraint
