// The names test programs accept for the selected cases. tia indexes a case by its
// source name (`OpsTest.Apply` of a TEST_P, `StatsTest.Mean` of a TYPED_TEST); the program
// prints and accepts `AllOps/OpsTest.Apply/0` and `StatsTest/0.Mean`. A built GoogleTest
// program is asked once per content (`--gtest_list_tests`), the answer cached in the
// database; a case of a program not built yet keeps its --gtest_filter pattern, marked as
// a pattern. Catch2's nameless cases are named the same way ("Anonymous test case N").
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tia/select/selector.h"

namespace tia {

// Lists built programs' cases, remembering the answers by content in the database.
class ProgramCases {
 public:
  ProgramCases(Db* db, std::string build_dir) : db_(db), build_dir_(std::move(build_dir)) {}
  // The full names `program` lists (GoogleTest), or null when it does not exist or cannot
  // list them (why in `note`, once per program).
  const std::vector<std::string>* ListGtest(const std::string& program, std::string* note);
  // The names a Catch2 (v2 or v3) `program` lists, or null likewise.
  const std::vector<std::string>* ListCatch2(const std::string& program, std::string* note);

 private:
  const std::vector<std::string>* List(const std::string& program, const std::string& framework,
                                       std::string* note);
  Db* db_;
  std::string build_dir_;
  std::map<std::string, std::vector<std::string>> listed_;  // program path -> names
  std::map<std::string, std::string> failed_;               // program path -> why
};

// Fills SelectedCase::names of every selected case: the exact names the test's program
// accepts, or the case's pattern (names_are_pattern) when they cannot be known. Notes
// (a program that could not list its cases) go to `notes`.
void NameSelectedCases(const SelectContext& ctx, ProgramCases* programs, Selection* sel,
                       std::vector<std::string>* notes);

}  // namespace tia
