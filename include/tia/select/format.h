// Output formats of `tia select`: text, names, json and gtest-filter.
#pragma once

#include <ostream>
#include <string>

#include "tia/select/selector.h"

namespace tia {

// One line per selected test with its first reason, then the summary line
// "selected 12 of 340 tests (7 executables); changed: 3 functions in 2 files".
void PrintSelectionText(const Selection& s, std::ostream& out);
// CTest names, one per line, sorted.
void PrintSelectionNames(const Selection& s, std::ostream& out);
// The whole selection as one JSON document (schema in docs/selection.md).
void PrintSelectionJson(const Selection& s, std::ostream& out);
// Per executable: "<target> <--gtest_filter value>" ("*" when every case runs).
void PrintSelectionGtestFilter(const Selection& s, std::ostream& out);
// The summary line alone.
// The names of a test's selected cases as its program accepts them (NameSelectedCases; the
// source names before it ran), without repeats; `patterns` (may be null) gets those that
// are --gtest_filter patterns because the program is not built.
std::vector<std::string> CaseNames(const SelectedTest& t, std::vector<std::string>* patterns);

std::string SelectionSummary(const Selection& s);

}  // namespace tia
