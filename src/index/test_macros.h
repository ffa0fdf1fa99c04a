// Test-macro recognition: the test cases that GoogleTest, Catch2 and doctest macros define.
#pragma once

#include <clang-c/Index.h>

#include <string>

#include "tu_state.h"

namespace tia::index_internal {

// A macro expansion in a project file.
struct MacroUse {
  CXCursor cursor;
  Shard* shard;
  int line, col;
  std::string macro_usr, macro_name, macro_file;
};

// The framework ("gtest", "catch2", "doctest") of a test-case macro, or null: GoogleTest's
// TEST family, Catch2's and doctest's TEST_CASE (told apart by the header defining it).
const char* TestFramework(const std::string& macro, const std::string& defined_in);

// Adds to m.shard the test case the expansion `m` of a `framework` test macro defines,
// with the function holding its body and (GoogleTest) the fixture class it derives from.
void AddTestCase(CXTranslationUnit tu, TuState* st, const MacroUse& m, const char* framework);

}  // namespace tia::index_internal
