// `tia run --record-coverage`: checking that a build can record per-case coverage, and
// turning what its test processes wrote into the coverage table of the database.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tia/run/coverage.h"
#include "tia/select/session.h"

namespace tia::app {

// What recording checked before the run and uses after it.
struct CoverageBuild {
  std::string commit;
  // Each TU of the compile database: its main file and the notes file of its object.
  std::vector<std::pair<std::string, std::string>> notes;
};

// Before the run: the commit the coverage belongs to (HEAD, whose indexed files the work
// tree must not change) and a notes file (.gcno) next to every built object of the compile
// database (the whole build compiled with --coverage).
[[nodiscard]] bool PrepareCoverage(const Session& s, CoverageBuild* out, std::string* err);

struct CoverageSummary {
  CoverageCounts counts;           // what was stored (unrecorded cases: selected as before)
  size_t functions = 0;            // functions the notes describe that the index knows
  std::vector<std::string> notes;  // one line per case left unrecorded, with the reason
};

// After the run: reads every process's data with gcov (`jobs` at a time), maps each function to the
// index's definitions (the innermost one containing its first line) and replaces the stored
// coverage with it.
[[nodiscard]] bool RecordCoverage(Session& s, const CoverageBuild& build,
                                  const std::vector<run::CoverageProcess>& procs, int jobs,
                                  CoverageSummary* out, std::string* err);

}  // namespace tia::app
