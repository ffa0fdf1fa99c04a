// The index's value types: what one shard (one version of one file) knows, and the
// translation-unit records that say which shards a TU read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tia {

// Stored as integers in the database; never renumber.
enum class SymbolKind : int {
  kOther = 0,
  kFunction = 1,
  kMethod = 2,
  kConstructor = 3,
  kDestructor = 4,
  kClass = 5,
  kStruct = 6,
  kUnion = 7,
  kEnum = 8,
  kEnumConstant = 9,
  kGlobalVariable = 10,
  kField = 11,
  kMacro = 12,
  kTypedef = 13,  // typedef and using-alias
  kNamespace = 14,
  kConversion = 15,  // conversion operator
  kStaticMethod = 16,
};

// Stored as integers in the database; never renumber.
enum class EdgeKind : int {
  kCall = 1,            // src calls dst
  kReference = 2,       // src names dst without calling it (address taken, used as value)
  kOverride = 3,        // src (a method) overrides dst (a base-class method)
  kTypeUse = 4,         // src uses type dst (declarations, casts, sizeof, base class ...)
  kInstantiation = 5,   // src is an implicit instantiation / specialization of template dst
  kMacroExpansion = 6,  // src expands macro dst
  // src (a template) calls a function named by dst through a template parameter:
  // `t.f()`, `p->f()`, `T::f()` (dst "tia:member@f": every member function named f) or
  // `f(t)` left to argument-dependent lookup (dst "tia:name@f": every free function f).
  kDependentName = 7,
};

// The USR of the symbol that stands for every member function (`member`) or every free
// function named `name` (kDependentName edges).
inline std::string DependentNameUsr(const std::string& name, bool member) {
  return (member ? "tia:member@" : "tia:name@") + name;
}

// Functions of every kind: free, member, static member, constructor, destructor, conversion.
constexpr bool IsFunctionKind(SymbolKind k) {
  return k == SymbolKind::kFunction || k == SymbolKind::kMethod || k == SymbolKind::kStaticMethod ||
         k == SymbolKind::kConstructor || k == SymbolKind::kDestructor ||
         k == SymbolKind::kConversion;
}

// Types: classes, structs, unions, enums and aliases (typedef, using).
constexpr bool IsTypeKind(SymbolKind k) {
  return k == SymbolKind::kClass || k == SymbolKind::kStruct || k == SymbolKind::kUnion ||
         k == SymbolKind::kEnum || k == SymbolKind::kTypedef;
}

const char* SymbolKindName(SymbolKind k);
const char* EdgeKindName(EdgeKind k);

// A symbol as seen in one shard: the global entity (USR, names, kind) and where this
// file declares or defines it.
struct SymbolFact {
  std::string usr;
  std::string name;
  std::string qualified_name;
  SymbolKind kind = SymbolKind::kOther;
  bool is_definition = false;
  int line_start = 0;  // 1-based, extent of the declaration/definition
  int col = 0;
  int line_end = 0;
};

// A use of `dst_usr` located in this shard, made from inside `src_usr` (the enclosing
// function, method, variable initializer or class; empty at file scope).
struct EdgeFact {
  EdgeKind kind = EdgeKind::kCall;
  std::string src_usr;
  std::string dst_usr;
  int line = 0;
  int col = 0;
};

// An #include directive located in this shard.
struct IncludeFact {
  int line = 0;
  std::string spelled;      // as written, without quotes/brackets
  std::string target_path;  // absolute resolved path; empty when not found
};

// A test case defined in this shard (GoogleTest TEST/TEST_F/..., Catch2/doctest TEST_CASE).
struct TestCaseFact {
  std::string framework;  // "gtest", "catch2", "doctest"
  std::string macro;      // TEST, TEST_F, TEST_P, TYPED_TEST, TYPED_TEST_P, TEST_CASE ...
  std::string suite;      // gtest suite / fixture name; empty for catch2/doctest
  std::string name;       // gtest test name; catch2/doctest test name
  int line = 0;
  std::string body_usr;     // USR of the function holding the body (TestBody, ...)
  std::string fixture_usr;  // USR of the fixture class (TEST_F, TEST_P, TYPED_TEST*), if any
};

// Everything learned about one version of one file.
struct Shard {
  std::string path;        // absolute, normalized
  std::string content_id;  // git blob id of the content that was parsed
  bool is_system = false;  // outside the project: recorded as an input, no facts kept
  std::vector<SymbolFact> symbols;
  std::vector<EdgeFact> edges;
  std::vector<IncludeFact> includes;
  std::vector<TestCaseFact> tests;
};

// A compiler diagnostic of a TU (errors and fatal errors are kept; warnings are not).
struct Diagnostic {
  int severity = 0;  // CXDiagnosticSeverity: 3 error, 4 fatal
  std::string file;
  int line = 0;
  int col = 0;
  std::string message;
};

enum class TuStatus : int {
  kOk = 0,      // parsed without errors
  kErrors = 1,  // parsed with errors: facts kept, but may be incomplete
  kFailed = 2,  // libclang could not produce a translation unit
};

// The result of indexing one compile command.
struct TuRecord {
  std::string key;                     // identity within the compile database (file + output)
  std::string file;                    // main source file, absolute
  std::string directory;               // working directory of the command
  std::vector<std::string> arguments;  // as given in the compile database
  std::string command_hash;            // Hash128Hex of directory + arguments
  TuStatus status = TuStatus::kOk;
  int64_t parse_us = 0;  // how long the parse took (balances `tia index --shard`)
  std::vector<Diagnostic> diagnostics;
  // (path, content id) of every file the TU read, the main file included.
  std::vector<std::pair<std::string, std::string>> inputs;
};

}  // namespace tia
