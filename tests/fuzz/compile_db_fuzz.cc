// libFuzzer target for compile_commands.json: ParseCompileDb on any bytes (no exception
// but simdjson's own, which LoadCompileDb catches; every entry it accepts is complete), the
// libclang argument rewriting of every entry, and SplitCommandLine, whose words must come
// back unchanged when quoted and split again.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_util.h"
#include "tia/buildmodel/compile_db.h"

namespace {

// `word` quoted for /bin/sh with single quotes.
std::string Quote(const std::string& word) {
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tia;
  using fuzz::Check;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  std::vector<CompileCommand> cmds;
  std::string err;
  bool ok = false;
  try {
    ok = ParseCompileDb("compile_commands.json", input, &cmds, &err);
  } catch (const simdjson::simdjson_error&) {
    return 0;  // LoadCompileDb reports these as malformed JSON
  }
  Check(ok || !err.empty(), "a refused database without an error message");
  if (ok) {
    for (const CompileCommand& c : cmds) {
      Check(!c.arguments.empty(), "an entry without arguments");
      Check(!c.file.empty() && c.file[0] == '/', "a file that is not absolute");
      Check(!c.directory.empty() && c.directory[0] == '/', "a directory that is not absolute");
      AdjustForLibclang(c, LibclangArgsOptions{"/usr/lib/clang"});
    }
  }

  // The input as one shell command line.
  std::vector<std::string> words;
  if (SplitCommandLine(input, &words, &err)) {
    std::string line;
    for (const std::string& w : words) line += (line.empty() ? "" : " ") + Quote(w);
    std::vector<std::string> again;
    Check(SplitCommandLine(line, &again, &err), "quoted words do not split");
    Check(again == words, "quoting and splitting again changed the words");
  } else {
    Check(!err.empty(), "a refused command line without an error message");
  }
  return 0;
}
