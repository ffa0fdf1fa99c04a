// `tia deps` and `tia rdeps`: what a file includes, transitively, and who includes it,
// with the include line that first brings each file in (a breadth-first spanning tree).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tia/audit/model.h"

namespace tia {

struct DepsOptions {
  bool reverse = false;  // rdeps: follow includers instead of includes
  int depth = 0;         // 0: no limit
  bool system = false;   // list system headers (else they are only counted)
};

// A file reached from the start, and the include directive that first reached it.
struct DepsEntry {
  uint32_t file = 0;
  int depth = 0;
  int via = -1;  // index into AuditModel::includes(); -1 for the start file
};

struct DepsResult {
  uint32_t start = 0;
  bool reverse = false;
  std::vector<DepsEntry> entries;  // breadth-first: start first, then by depth and line
  size_t system_hidden = 0;        // system headers reached but not listed
};

DepsResult ComputeDeps(const AuditModel& m, uint32_t start, const DepsOptions& o);

// One TU that reads a file, with the targets that compile it.
struct ReadingTu {
  uint32_t main_file = 0;
  std::vector<std::string> targets;  // sorted
};
std::vector<ReadingTu> TusReadingFile(const AuditModel& m, uint32_t f);

// The tests a change to a file selects: at file level (an #include edit, a macro at
// file scope) and for a change to any one of its functions (their union).
struct FileTests {
  Selection file_level;
  Selection function_level;
  size_t functions = 0;  // functions declared or defined in the file
};
FileTests TestsOfFile(const AuditModel& m, uint32_t f);

}  // namespace tia
