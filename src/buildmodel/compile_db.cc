// compile_commands.json loading (simdjson on-demand: databases reach 100 MB) and the
// argument adjustments that make a GCC command line parse the same way in libclang.
#include "tia/buildmodel/compile_db.h"

#include <simdjson.h>

#include <map>
#include <string_view>

#include "tia/util/fs.h"
#include "tia/util/strings.h"

namespace tia {

bool SplitCommandLine(std::string_view line, std::vector<std::string>* words, std::string* err) {
  words->clear();
  std::string cur;
  bool in_word = false;
  size_t i = 0, n = line.size();
  while (i < n) {
    char c = line[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) words->push_back(std::move(cur));
      cur.clear();
      in_word = false;
      ++i;
    } else if (c == '\'') {
      size_t end = line.find('\'', i + 1);
      if (end == std::string_view::npos) {
        *err = "unterminated ' quote at column " + std::to_string(i + 1);
        return false;
      }
      cur.append(line.substr(i + 1, end - i - 1));
      in_word = true;
      i = end + 1;
    } else if (c == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        char d = line[i];
        if (d == '"') {
          closed = true;
          ++i;
          break;
        }
        if (d == '\\' && i + 1 < n &&
            (line[i + 1] == '"' || line[i + 1] == '\\' || line[i + 1] == '$' ||
             line[i + 1] == '`' || line[i + 1] == '\n')) {
          if (line[i + 1] != '\n') cur.push_back(line[i + 1]);
          i += 2;
          continue;
        }
        cur.push_back(d);
        ++i;
      }
      if (!closed) {
        *err = "unterminated \" quote";
        return false;
      }
      in_word = true;
    } else if (c == '\\') {
      if (i + 1 < n) {
        if (line[i + 1] != '\n') cur.push_back(line[i + 1]);
        i += 2;
      } else {
        ++i;
      }
      in_word = true;
    } else {
      cur.push_back(c);
      in_word = true;
      ++i;
    }
  }
  if (in_word) words->push_back(std::move(cur));
  return true;
}

namespace {

// The byte offset of the parser's position, for error messages.
std::string OffsetOf(simdjson::ondemand::document& doc, std::string_view json) {
  auto loc = doc.current_location();
  if (loc.error()) return "";
  const char* p = loc.value_unsafe();
  if (p < json.data() || p > json.data() + json.size()) return "";
  return " at byte " + std::to_string(p - json.data());
}

bool FieldString(simdjson::ondemand::object& obj, const char* name, std::string* out, bool* present,
                 std::string* problem) {
  auto v = obj.find_field_unordered(name);
  if (v.error() == simdjson::NO_SUCH_FIELD) {
    *present = false;
    return true;
  }
  std::string_view s;
  if (auto e = v.get_string().get(s)) {
    *problem =
        std::string("field \"") + name + "\" is not a string (" + simdjson::error_message(e) + ")";
    return false;
  }
  *present = true;
  *out = std::string(s);
  return true;
}

}  // namespace

bool ParseCompileDb(const std::string& path, std::string_view json,
                    std::vector<CompileCommand>* out, std::string* err) {
  out->clear();
  simdjson::padded_string padded(json);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  if (auto e = parser.iterate(padded).get(doc)) {
    *err = path + ": malformed JSON: " + simdjson::error_message(e);
    return false;
  }
  simdjson::ondemand::array arr;
  if (auto e = doc.get_array().get(arr)) {
    *err = path + ": expected a JSON array of compile commands" + OffsetOf(doc, json) + " (" +
           simdjson::error_message(e) + ")";
    return false;
  }
  std::map<std::string, int> ordinal;
  size_t index = 0;
  for (auto item : arr) {
    std::string where = path + ": entry " + std::to_string(index);
    simdjson::ondemand::object obj;
    if (auto e = item.get_object().get(obj)) {
      *err = where + ": malformed JSON" + OffsetOf(doc, json) + ": " + simdjson::error_message(e);
      return false;
    }
    CompileCommand cmd;
    std::string file, dir, output, command, problem;
    bool has_file = false, has_dir = false, has_output = false, has_command = false;
    bool has_args = false;
    if (!FieldString(obj, "directory", &dir, &has_dir, &problem) ||
        !FieldString(obj, "file", &file, &has_file, &problem) ||
        !FieldString(obj, "output", &output, &has_output, &problem) ||
        !FieldString(obj, "command", &command, &has_command, &problem)) {
      *err = where + ": " + problem + OffsetOf(doc, json);
      return false;
    }
    auto args = obj.find_field_unordered("arguments");
    if (args.error() != simdjson::NO_SUCH_FIELD) {
      simdjson::ondemand::array a;
      if (auto e = args.get_array().get(a)) {
        *err = where + ": field \"arguments\" is not an array" + OffsetOf(doc, json) + " (" +
               simdjson::error_message(e) + ")";
        return false;
      }
      for (auto w : a) {
        std::string_view s;
        if (auto e = w.get_string().get(s)) {
          *err = where + ": \"arguments\" holds a non-string" + OffsetOf(doc, json) + " (" +
                 simdjson::error_message(e) + ")";
          return false;
        }
        cmd.arguments.emplace_back(s);
      }
      has_args = true;
    }
    if (!has_dir) {
      *err = where + ": missing field \"directory\"";
      return false;
    }
    if (!has_file) {
      *err = where + ": missing field \"file\"";
      return false;
    }
    if (!has_args) {
      if (!has_command) {
        *err = where + ": missing field \"arguments\" or \"command\"";
        return false;
      }
      std::string e;
      if (!SplitCommandLine(command, &cmd.arguments, &e)) {
        *err = where + ": field \"command\": " + e;
        return false;
      }
    }
    if (cmd.arguments.empty()) {
      *err = where + ": empty command";
      return false;
    }
    cmd.directory = NormalizePath(dir, "/");
    cmd.file = NormalizePath(file, cmd.directory);
    if (has_output) cmd.output = NormalizePath(output, cmd.directory);
    int ord = ordinal[cmd.file]++;
    cmd.key = cmd.file + (has_output ? " -> " + cmd.output : "#" + std::to_string(ord));
    out->push_back(std::move(cmd));
    ++index;
  }
  return true;
}

bool LoadCompileDb(const std::string& path, std::vector<CompileCommand>* out, std::string* err) {
  std::string text, e;
  if (!ReadFile(path, &text, &e)) {
    *err = e +
           " (is -p the build directory? CMake writes compile_commands.json with "
           "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON)";
    return false;
  }
  try {
    return ParseCompileDb(path, text, out, err);
  } catch (const simdjson::simdjson_error& ex) {
    *err = path + ": malformed JSON: " + ex.what();
    return false;
  }
}

bool IsGccOnlyFlag(std::string_view a) {
  static const char* const kExact[] = {"-fno-fat-lto-objects",
                                       "-ffat-lto-objects",
                                       "-fuse-linker-plugin",
                                       "-fcoroutines",
                                       "-fconcepts",
                                       "-fno-lifetime-dse",
                                       "-fext-numeric-literals",
                                       "-fno-ext-numeric-literals",
                                       "-fallow-store-data-races",
                                       "-fno-allow-store-data-races",
                                       "-fno-gnu-unique",
                                       "-fimplicit-constexpr",
                                       "-fdevirtualize-at-ltrans",
                                       "-fmodules-ts",
                                       "-fno-keep-inline-dllexport",
                                       "-fno-enforce-eh-specs",
                                       "-fstrict-volatile-bitfields",
                                       "-fno-tree-loop-distribute-patterns",
                                       "-fno-var-tracking",
                                       "-fvar-tracking",
                                       "-fno-printf-return-value",
                                       "-fsched-pressure",
                                       "-fno-code-hoisting",
                                       "-fipa-pta",
                                       "-Wno-psabi",
                                       "-pedantic-errors",
                                       "-Werror"};
  for (const char* e : kExact)
    if (a == e) return true;
  static const char* const kPrefix[] = {"-fconcepts-diagnostics-depth=",
                                        "-fipa-",
                                        "-fno-ipa-",
                                        "-fvar-tracking-",
                                        "-fno-var-tracking-",
                                        "-flto-partition=",
                                        "-fharden-",
                                        "-fmax-errors=",
                                        "-Werror=",
                                        "-fcompare-debug",
                                        "-fno-tree-",
                                        "-ftree-",
                                        "-fsched-",
                                        "-fno-sched-",
                                        "-fgcse",
                                        "-fno-gcse",
                                        "-fabi-version=",
                                        "-fsanitize-address-use-after-scope-",
                                        "-fcf-runtime-"};
  for (const char* p : kPrefix)
    if (a.substr(0, std::string_view(p).size()) == p) return true;
  return false;
}

namespace {

std::string Basename(std::string_view p) {
  size_t s = p.rfind('/');
  return std::string(s == std::string_view::npos ? p : p.substr(s + 1));
}

// The compiler's default -std when the command gives none: GCC 12 (g++, gcc, c++, cc)
// defaults to gnu++17 / gnu17; clang's default equals libclang's, so nothing is added.
std::string DefaultStd(const std::string& compiler, const std::string& file, bool lang_c) {
  std::string base = Basename(compiler);
  if (base.find("clang") != std::string::npos) return "";
  bool gcc = base.find("g++") != std::string::npos || base.find("gcc") != std::string::npos ||
             base == "c++" || base == "cc" || base.find("-c++") != std::string::npos;
  if (!gcc) return "";
  return (lang_c || IsCSource(file)) ? "-std=gnu17" : "-std=gnu++17";
}

}  // namespace

bool IsCSource(std::string_view file) {
  size_t dot = file.rfind('.');
  return dot != std::string_view::npos && file.substr(dot) == ".c";
}

std::vector<std::string> AdjustForLibclang(const CompileCommand& cmd,
                                           const LibclangArgsOptions& opts) {
  std::vector<std::string> out;
  const auto& a = cmd.arguments;
  bool has_std = false, lang_c = false;
  for (size_t i = 1; i < a.size(); ++i) {
    const std::string& s = a[i];
    if (s == "-c" || s == "-S" || s == "-E") continue;
    if (s == "-o" || s == "-MF" || s == "-MT" || s == "-MQ") {
      ++i;  // flag with a separate value
      continue;
    }
    if (StartsWith(s, "-o") && s.size() > 2) continue;  // -ofile
    if (StartsWith(s, "-M")) continue;                  // -MD, -MMD, -MFfile, -MTx ...
    if (IsGccOnlyFlag(s)) continue;
    if (s == "--") continue;
    if (s[0] != '-' && NormalizePath(s, cmd.directory) == cmd.file) continue;  // the source
    if (StartsWith(s, "-std=") || StartsWith(s, "--std=")) has_std = true;
    if ((s == "-x" && i + 1 < a.size() && a[i + 1] == "c") || s == "-xc") lang_c = true;
    out.push_back(s);
  }
  if (!has_std) {
    std::string std = DefaultStd(a[0], cmd.file, lang_c);
    if (!std.empty()) out.push_back(std);
  }
  out.push_back("-working-directory=" + cmd.directory);
  if (!opts.resource_dir.empty()) {
    out.push_back("-resource-dir");
    out.push_back(opts.resource_dir);
  }
  // Warnings do not matter for indexing; unknown GCC warning names must not become noise.
  out.push_back("-Wno-unknown-warning-option");
  out.push_back("-Wno-unused-command-line-argument");
  out.push_back("-ferror-limit=0");
  return out;
}

}  // namespace tia
