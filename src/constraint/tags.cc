// Active tags: host OS and architecture from uname(2), compiler, build type, user tags.
#include "tia/constraint/tags.h"

#include <sys/utsname.h>

#include <algorithm>
#include <cctype>

#include "tia/constraint/expr.h"

namespace tia::constraint {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Keeps only tag characters, so that odd uname strings still give usable tags.
std::string Sanitize(std::string_view s) {
  std::string out;
  for (char c : Lower(s))
    if (IsTagChar(c)) out.push_back(c);
  return out;
}

}  // namespace

TagSet HostTags() {
  TagSet tags;
  struct utsname u;
  if (uname(&u) != 0) return tags;
  std::string os = Sanitize(u.sysname);
  if (!os.empty()) tags.insert(os);
  tags.insert("unix");  // this code only builds on POSIX systems
  if (os == "darwin") tags.insert("macos");
  std::string arch = Sanitize(u.machine);
  if (!arch.empty()) tags.insert(arch);
  // The other common name of the same architecture (Debian/Go vs. kernel names).
  static const std::pair<std::string_view, std::string_view> kAliases[] = {
      {"x86_64", "amd64"},  {"amd64", "x86_64"}, {"aarch64", "arm64"}, {"arm64", "aarch64"},
      {"i386", "x86"},      {"i486", "i386"},    {"i586", "i386"},     {"i686", "i386"},
      {"ppc64le", "ppc64"}, {"armv7l", "arm"},   {"armv6l", "arm"},
  };
  for (const auto& [from, to] : kAliases)
    if (arch == from) tags.insert(std::string(to));
  if (arch == "i486" || arch == "i586" || arch == "i686") tags.insert("x86");
  return tags;
}

std::string CompilerTag(std::string_view compiler_id) {
  if (compiler_id == "GNU") return "gcc";
  if (compiler_id == "Clang" || compiler_id == "AppleClang") return "clang";
  if (compiler_id == "MSVC") return "msvc";
  if (compiler_id == "Intel") return "icc";
  if (compiler_id == "IntelLLVM") return "icx";
  return Sanitize(compiler_id);
}

bool ParseTagList(std::string_view list, std::vector<std::string>* out, std::string* err) {
  out->clear();
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view item = list.substr(start, comma - start);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty()) {
      if (!IsValidTag(item)) {
        *err = "invalid tag \"" + std::string(item) + "\": tags are letters, digits, '_' and '.'";
        return false;
      }
      out->emplace_back(item);
    }
    start = comma + 1;
  }
  return true;
}

TagSet ActiveTags(std::string_view compiler_id, std::string_view build_type,
                  const std::vector<std::string>& user_tags) {
  TagSet tags = HostTags();
  std::string compiler = CompilerTag(compiler_id);
  if (!compiler.empty()) tags.insert(compiler);
  std::string type = Sanitize(build_type);
  if (!type.empty()) tags.insert(type);
  for (const std::string& t : user_tags) tags.insert(t);
  return tags;
}

bool MatchLabels(const Expr& e, const std::vector<std::string>& labels) {
  return Eval(e, [&](std::string_view tag) {
    return std::find(labels.begin(), labels.end(), tag) != labels.end();
  });
}

}  // namespace tia::constraint
