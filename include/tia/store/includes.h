// The read side of the include graph: the #include directives and the files of the
// current index (shards some TU read), as plain rows for the audit.
#pragma once

#include <string>
#include <vector>

namespace tia {

class Db;

// One #include directive of a current file version.
struct IncludeRow {
  std::string includer;  // absolute path of the file holding the directive
  int line = 0;
  std::string spelled;  // as written, without quotes or brackets
  std::string target;   // absolute path of the resolved file; empty when not found
};

// A file of the current index.
struct CurrentFileRow {
  std::string path;  // absolute
  bool is_system = false;
};

// Every #include of the current shards, deduplicated (several configurations of a file
// share its rows) and ordered by includer, line and spelling.
[[nodiscard]] bool LoadCurrentIncludes(Db& db, std::vector<IncludeRow>* out, std::string* err);

// Every file of the current index, ordered by path.
[[nodiscard]] bool LoadCurrentFiles(Db& db, std::vector<CurrentFileRow>* out, std::string* err);

}  // namespace tia
