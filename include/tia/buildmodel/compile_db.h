// The compile database (compile_commands.json): loading it, splitting shell command
// lines, and turning a project compiler's command into arguments libclang accepts.
#pragma once

#include <string>
#include <vector>

namespace tia {

// One entry of compile_commands.json.
struct CompileCommand {
  std::string directory;               // absolute working directory of the command
  std::string file;                    // main source file, absolute and normalized
  std::string output;                  // "output" field made absolute; may be empty
  std::vector<std::string> arguments;  // argv as given (`arguments`, or `command` split)
  // Identity within the database: file + output, or file + "#<ordinal>" when an entry has
  // no output (a file compiled several times is several TUs).
  std::string key;
};

// Reads and validates the compile database at `path`. On failure err names the path and
// the problem (JSON error with byte offset, or the entry index and the missing field).
bool LoadCompileDb(const std::string& path, std::vector<CompileCommand>* out, std::string* err);

// Parses compile_commands.json text (exposed for tests); `path` is used in messages only.
bool ParseCompileDb(const std::string& path, std::string_view json,
                    std::vector<CompileCommand>* out, std::string* err);

// Splits a shell command line into words the way /bin/sh would for the plain cases that
// compile databases contain: whitespace separates, '...' is literal, "..." allows \" \\ \$
// \`, a backslash outside quotes escapes the next character. False on an unterminated quote.
bool SplitCommandLine(std::string_view line, std::vector<std::string>* words, std::string* err);

// Options of AdjustForLibclang.
struct LibclangArgsOptions {
  std::string resource_dir;  // clang's builtin headers (LLVM_ROOT/lib/clang/<ver>); "" = keep
};

// Turns the compiler argv of `cmd` into libclang arguments: drops argv[0], -c, -o X, the
// source file itself, dependency-file flags (-M*), -Werror*, and flags clang rejects
// (GCC-only options); adds the driver's default -std when none is given (GCC 12:
// gnu++17 / gnu17), -working-directory and -resource-dir; keeps -I/-isystem/-D/-include.
std::vector<std::string> AdjustForLibclang(const CompileCommand& cmd,
                                           const LibclangArgsOptions& opts);

// True for a C source by its name (`.c`).
bool IsCSource(std::string_view file);

// True for flags AdjustForLibclang drops because clang does not know them (exposed for tests).
bool IsGccOnlyFlag(std::string_view arg);

}  // namespace tia
