// Planning shared prefixes: the leading include chain of a C TU read from its text, with
// include names resolved in the command's directories, and the header each TU shares.
#include "tia/index/shared_prefix.h"

#include <sys/stat.h>

#include <cctype>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "tia/util/fs.h"
#include "tia/util/strings.h"

namespace tia {
namespace {

// The logical lines of `text` that hold something once comments are removed: a comment
// becomes a space (a block comment over several lines too), a backslash-newline joins two lines,
// string and character literals end at the end of their line at the latest.
std::vector<std::string> LogicalLines(std::string_view text) {
  std::vector<std::string> lines;
  std::string cur;
  auto flush = [&] {
    size_t b = cur.find_first_not_of(" \t\r\f\v");
    if (b != std::string::npos) {
      size_t e = cur.find_last_not_of(" \t\r\f\v");
      lines.push_back(cur.substr(b, e - b + 1));
    }
    cur.clear();
  };
  size_t i = 0, n = text.size();
  if (n >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // UTF-8 byte order mark
  auto continuation = [&](size_t k) {                        // a backslash-newline at k?
    if (k >= n || text[k] != '\\') return size_t{0};
    if (k + 1 < n && text[k + 1] == '\n') return size_t{2};
    if (k + 2 < n && text[k + 1] == '\r' && text[k + 2] == '\n') return size_t{3};
    return size_t{0};
  };
  while (i < n) {
    if (size_t c = continuation(i)) {
      i += c;
      continue;
    }
    char ch = text[i];
    if (ch == '\n') {
      flush();
      ++i;
    } else if (ch == '/' && i + 1 < n && text[i + 1] == '/') {
      while (i < n && text[i] != '\n') {
        if (size_t c = continuation(i)) {
          i += c;
          continue;
        }
        ++i;
      }
      cur.push_back(' ');
    } else if (ch == '/' && i + 1 < n && text[i + 1] == '*') {
      size_t e = text.find("*/", i + 2);
      // One space, even across lines: the logical line goes on after the comment.
      cur.push_back(' ');
      i = e == std::string_view::npos ? n : e + 2;
    } else if (ch == '"' || ch == '\'') {
      cur.push_back(ch);
      ++i;
      while (i < n && text[i] != ch && text[i] != '\n') {
        if (text[i] == '\\' && i + 1 < n && text[i + 1] != '\n') cur.push_back(text[i++]);
        cur.push_back(text[i++]);
      }
      if (i < n && text[i] == ch) cur.push_back(text[i++]);
    } else {
      cur.push_back(ch);
      ++i;
    }
  }
  flush();
  return lines;
}

// A preprocessing directive: "#  include <x>" is {"include", "<x>"}.
struct Directive {
  std::string name;
  std::string rest;
};

std::optional<Directive> ParseDirective(const std::string& line) {
  if (line.empty() || line[0] != '#') return std::nullopt;
  size_t i = line.find_first_not_of(" \t", 1);
  if (i == std::string::npos) return Directive{};
  size_t e = i;
  while (e < line.size() && (std::isalnum(static_cast<unsigned char>(line[e])) || line[e] == '_'))
    ++e;
  Directive d{line.substr(i, e - i), ""};
  size_t r = line.find_first_not_of(" \t", e);
  if (r != std::string::npos) d.rest = line.substr(r);
  return d;
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

// The macro `#ifndef G`, `#if !defined(G)` or `#if !defined G` tests, or "".
std::string GuardTested(const Directive& d) {
  if (d.name == "ifndef") return IsIdentifier(d.rest) ? d.rest : "";
  if (d.name != "if" || !StartsWith(d.rest, "!")) return "";
  std::string r = d.rest.substr(1);
  r.erase(0, r.find_first_not_of(" \t"));
  if (!StartsWith(r, "defined")) return "";
  r = r.substr(7);
  r.erase(0, r.find_first_not_of(" \t"));
  if (!r.empty() && r.front() == '(' && r.back() == ')') r = r.substr(1, r.size() - 2);
  size_t b = r.find_first_not_of(" \t"), e = r.find_last_not_of(" \t");
  if (b == std::string::npos) return "";
  r = r.substr(b, e - b + 1);
  return IsIdentifier(r) ? r : "";
}

// The guard a file's lines open with: how many lines it takes (0: none) and its macro
// ("" for #pragma once).
size_t LeadingGuard(const std::vector<std::string>& lines, std::string* guard) {
  guard->clear();
  if (lines.empty()) return 0;
  std::optional<Directive> d0 = ParseDirective(lines[0]);
  if (!d0) return 0;
  if (d0->name == "pragma" && d0->rest == "once") return 1;
  std::string g = GuardTested(*d0);
  if (g.empty() || lines.size() < 2) return 0;
  std::optional<Directive> d1 = ParseDirective(lines[1]);
  if (!d1 || d1->name != "define") return 0;
  std::string defined = d1->rest.substr(0, d1->rest.find_first_of(" \t("));
  if (defined != g) return 0;
  *guard = g;
  return 2;
}

// The header an #include line names: its spelling and whether it is <angled>.
std::optional<std::pair<std::string, bool>> IncludeOf(const std::string& line) {
  std::optional<Directive> d = ParseDirective(line);
  if (!d || d->name != "include" || d->rest.size() < 3) return std::nullopt;
  char open = d->rest.front();
  char close = open == '"' ? '"' : open == '<' ? '>' : 0;
  if (!close) return std::nullopt;  // a macro names the header
  size_t e = d->rest.find(close, 1);
  if (e == std::string::npos || e == 1) return std::nullopt;
  if (d->rest.find_first_not_of(" \t", e + 1) != std::string::npos) return std::nullopt;
  return std::make_pair(d->rest.substr(1, e - 1), open == '<');
}

bool IsRegularFile(const std::string& p) {
  struct stat s;
  return ::stat(p.c_str(), &s) == 0 && S_ISREG(s.st_mode);
}

std::string DirOf(const std::string& p) {
  size_t s = p.rfind('/');
  return s == std::string::npos ? "." : s == 0 ? "/" : p.substr(0, s);
}

// The include directories of a command, by kind; false when it uses a flag that changes
// the search in a way this does not follow (the TU then shares no prefix).
struct SearchDirs {
  std::vector<std::string> quote, angled, system;
};

bool ReadSearchDirs(const CompileCommand& cmd, SearchDirs* out) {
  const auto& a = cmd.arguments;
  auto dir = [&](const std::string& d) { return NormalizePath(d, cmd.directory); };
  for (size_t i = 1; i < a.size(); ++i) {
    const std::string& s = a[i];
    auto take = [&](std::string_view flag, std::vector<std::string>* to) {
      if (s == flag) {
        if (i + 1 >= a.size()) return false;
        to->push_back(dir(a[++i]));
        return true;
      }
      if (StartsWith(s, flag) && s.size() > flag.size()) {
        to->push_back(dir(s.substr(flag.size())));
        return true;
      }
      return false;
    };
    if (s == "-I-" || StartsWith(s, "-iprefix") || StartsWith(s, "-iwithprefix") ||
        StartsWith(s, "-nostdinc") || StartsWith(s, "--include") || StartsWith(s, "-include-pch") ||
        StartsWith(s, "-imacros") || StartsWith(s, "--imacros") || StartsWith(s, "-x") ||
        StartsWith(s, "--language") || StartsWith(s, "-F") || StartsWith(s, "-iframework") ||
        StartsWith(s, "-ivfsoverlay"))
      return false;
    // A forced include comes before the main file in every TU of the configuration and in
    // the prefix's parse, which has the same arguments; a TU loading the prefix does not
    // read it again (clang skips the -include files the precompiled header was made with).
    if (s == "-include") {
      ++i;
      continue;
    }
    if (StartsWith(s, "-include")) continue;
    if (take("-iquote", &out->quote) || take("-isystem", &out->system)) continue;
    if (StartsWith(s, "-I")) take("-I", &out->angled);
  }
  return true;
}

std::optional<std::string> Resolve(const std::string& spelled, bool angled,
                                   const std::string& includer, const SearchDirs& dirs) {
  if (!spelled.empty() && spelled[0] == '/')
    return IsRegularFile(spelled) ? std::optional(NormalizePath(spelled, "/")) : std::nullopt;
  std::vector<const std::string*> order;
  std::string own = DirOf(includer);
  if (!angled) {
    order.push_back(&own);
    for (const auto& d : dirs.quote) order.push_back(&d);
  }
  for (const auto& d : dirs.angled) order.push_back(&d);
  for (const auto& d : dirs.system) order.push_back(&d);
  for (const std::string* d : order) {
    std::string p = NormalizePath(spelled, *d);
    if (IsRegularFile(p)) return p;
  }
  return std::nullopt;  // in the compiler's own directories, or nowhere: not followed
}

// C, as the compiler sees it: a .c source, a C compiler driver, no -x.
bool IsCCommand(const CompileCommand& cmd) {
  if (cmd.arguments.empty() || !IsCSource(cmd.file)) return false;
  const std::string& drv = cmd.arguments[0];
  std::string base = drv.substr(drv.rfind('/') == std::string::npos ? 0 : drv.rfind('/') + 1);
  return base.find("++") == std::string::npos && base != "cl" && base != "clang-cl" &&
         base.find("cl.exe") == std::string::npos;
}

constexpr size_t kMaxChain = 8;

// True when `lines` (LogicalLines) open with a guard that closes at the last line, or with
// #pragma once.
bool WholeFileGuarded(const std::vector<std::string>& lines) {
  std::string g;
  size_t n = LeadingGuard(lines, &g);
  if (n == 1) return true;  // #pragma once
  if (n == 0) return false;
  int depth = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::optional<Directive> d = ParseDirective(lines[i]);
    if (!d) continue;
    if (d->name == "if" || d->name == "ifdef" || d->name == "ifndef") {
      ++depth;
    } else if (d->name == "endif") {
      if (--depth == 0) return i + 1 == lines.size();
    }
  }
  return false;
}

// What the planner needs of one file: read and lexed once however many chains pass it.
struct FileHead {
  bool read = false;
  std::string guard;  // the guard its first lines define ("" for none or #pragma once)
  // The #include of its first line (a main file), and of the first line after its guard
  // (a header on the chain).
  std::optional<std::pair<std::string, bool>> first, after_guard;
  bool whole_guarded = false;
};
using FileHeads = std::unordered_map<std::string, FileHead>;

const FileHead& HeadOf(const std::string& path, FileHeads* heads) {
  auto [it, fresh] = heads->try_emplace(path);
  FileHead& h = it->second;
  if (!fresh) return h;
  std::string text, e;
  if (!ReadFile(path, &text, &e)) return h;
  h.read = true;
  std::vector<std::string> lines = LogicalLines(text);
  size_t n = LeadingGuard(lines, &h.guard);
  if (!lines.empty()) h.first = IncludeOf(lines[0]);
  if (n < lines.size()) h.after_guard = IncludeOf(lines[n]);
  h.whole_guarded = WholeFileGuarded(lines);
  return h;
}

std::vector<ChainLink> ChainOf(const CompileCommand& cmd, FileHeads* heads) {
  if (!IsCCommand(cmd)) return {};
  SearchDirs dirs;
  if (!ReadSearchDirs(cmd, &dirs)) return {};
  std::vector<ChainLink> chain{{cmd.file, ""}};
  while (chain.size() <= kMaxChain) {
    const FileHead& h = HeadOf(chain.back().path, heads);
    if (!h.read) break;
    const bool header = chain.size() > 1;
    if (header) chain.back().guard = h.guard;
    const auto& inc = header ? h.after_guard : h.first;
    if (!inc) break;
    std::optional<std::string> p = Resolve(inc->first, inc->second, chain.back().path, dirs);
    if (!p) break;
    bool cycle = false;
    for (const ChainLink& l : chain) cycle = cycle || l.path == *p;
    if (cycle) break;
    chain.push_back({*p, ""});
  }
  if (chain.size() < 2) return {};
  return chain;
}

}  // namespace

bool IsWholeFileGuarded(const std::string& text) {
  return WholeFileGuarded(LogicalLines(text));
}

std::vector<ChainLink> LeadingIncludeChain(const CompileCommand& cmd) {
  FileHeads heads;
  return ChainOf(cmd, &heads);
}

SharedPrefixPlan PlanSharedPrefixes(const std::vector<const CompileCommand*>& cmds, int min_tus) {
  SharedPrefixPlan plan;
  plan.tus.resize(cmds.size());
  std::vector<std::vector<ChainLink>> chains(cmds.size());
  std::vector<std::string> keys(cmds.size());
  FileHeads heads;  // every header of every chain, read once
  auto is_guarded = [&](const std::string& p) { return HeadOf(p, &heads).whole_guarded; };
  std::map<std::pair<std::string, std::string>, int> count;
  for (size_t i = 0; i < cmds.size(); ++i) {
    chains[i] = ChainOf(*cmds[i], &heads);
    if (chains[i].empty()) continue;
    // TUs share a prefix only under the same directory and arguments (their sources aside).
    std::string key = cmds[i]->directory;
    for (const std::string& a : AdjustForLibclang(*cmds[i], {})) key += '\0' + a;
    keys[i] = std::move(key);
    for (size_t j = 1; j < chains[i].size(); ++j)
      if (is_guarded(chains[i][j].path)) ++count[{keys[i], chains[i][j].path}];
  }
  std::map<std::pair<std::string, std::string>, int> index;
  for (size_t i = 0; i < cmds.size(); ++i) {
    for (size_t j = 1; j < chains[i].size(); ++j) {
      std::pair<std::string, std::string> k{keys[i], chains[i][j].path};
      auto c = count.find(k);
      if (c == count.end() || c->second < min_tus) continue;
      auto [it, fresh] = index.emplace(k, static_cast<int>(plan.headers.size()));
      if (fresh) plan.headers.push_back({chains[i][j].path, i, 0});
      ++plan.headers[it->second].tus;
      plan.tus[i].prefix = it->second;
      plan.tus[i].before.assign(chains[i].begin(), chains[i].begin() + j);
      break;
    }
  }
  return plan;
}

}  // namespace tia
