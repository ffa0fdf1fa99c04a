// `tia audit`: the five sections of an audit of the include graph and of static test
// coverage, each computable alone, and the --fail-on gates over them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tia/audit/model.h"

namespace tia {

// 1. An include cycle: a strongly connected component of the project include graph.
struct IncludeCycle {
  std::vector<uint32_t> files;  // sorted by path
  std::vector<uint32_t> loop;   // include edges of one shortest cycle through files[0], in order
  std::vector<uint32_t> edges;  // every include edge inside the component
};
// Components of two or more files (or a file that includes itself), smallest first.
std::vector<IncludeCycle> FindIncludeCycles(const AuditModel& m);

// 2. A project header and the cost of changing it.
struct HubCost {
  uint32_t file = 0;
  size_t includers = 0;        // files that include it directly
  size_t tus = 0;              // TUs that read it
  size_t file_tests = 0;       // CTest tests a file-level change selects
  double file_seconds = 0;     // their recorded durations
  size_t file_unmeasured = 0;  // of file_tests, those without a recorded duration
  // Function-level changes: the mean over the functions declared or defined in the
  // header of what a change to one of them selects (measured for the top hubs only).
  bool function_measured = false;
  size_t functions = 0;
  double function_tests = 0;
  double function_seconds = 0;
};
struct HubOptions {
  size_t top = 20;  // hubs returned; function-level figures are computed for these only
};
// Project headers (files no TU compiles as its main file) ranked by blast radius: recorded
// test-seconds of a file-level change, then tests, then TUs.
std::vector<HubCost> RankHubs(const AuditModel& m, const HubOptions& o, size_t* headers_total);

// 3. A TU of a production target that includes test code.
struct TestLeak {
  int target = 0;               // index into build().targets (a production target)
  uint32_t tu_file = 0;         // the TU's main file
  uint32_t header = 0;          // the test header
  std::vector<uint32_t> chain;  // include edges from tu_file to header
};
std::vector<TestLeak> FindTestLeaks(const AuditModel& m);

// 4. Static coverage: functions reached over the code graph from some test case.
struct CoveredFunction {
  NodeId node = kNoNode;
  uint32_t file = 0;  // of its definition
  int line = 0;
  bool reached = false;
};
struct CoverageGroup {
  std::string name;  // a directory (relative, "." for the root) or a target name
  size_t functions = 0;
  size_t reached = 0;
  double Percent() const { return functions ? 100.0 * reached / functions : 100.0; }
};
struct StaticCoverage {
  std::vector<CoveredFunction> functions;  // sorted by file and line
  size_t reached = 0;
  // Directories hold the functions of their files only; the report nests them.
  std::vector<CoverageGroup> directories;  // sorted by name
  std::vector<CoverageGroup> targets;      // sorted by name
  double Percent() const { return functions.empty() ? 100.0 : 100.0 * reached / functions.size(); }
};
// Project functions are function definitions in project files that are not test code.
StaticCoverage ComputeStaticCoverage(const AuditModel& m);

// 5. An #include in a source file whose header, and everything it alone brings in,
// declares nothing the source file uses.
struct UnusedInclude {
  uint32_t edge = 0;  // index into AuditModel::includes()
};
std::vector<UnusedInclude> FindUnusedIncludes(const AuditModel& m);

// Which sections an audit runs.
enum class AuditSection { kCycles, kHubs, kTestLeaks, kCoverage, kUnusedIncludes };
const char* AuditSectionName(AuditSection s);  // "cycles", "hubs", "test-leaks", ...

struct AuditReport {
  std::vector<AuditSection> sections;
  std::vector<IncludeCycle> cycles;
  std::vector<HubCost> hubs;
  size_t headers_total = 0;
  std::vector<TestLeak> leaks;
  StaticCoverage coverage;
  std::vector<UnusedInclude> unused;
  bool Has(AuditSection s) const;
};
void RunAudit(const AuditModel& m, const std::vector<AuditSection>& sections,
              const HubOptions& hub_options, AuditReport* out);

// --fail-on: "cycles", "test-leaks", "unused-includes", "coverage<P" (percent).
struct FailOn {
  bool cycles = false;
  bool test_leaks = false;
  bool unused_includes = false;
  double coverage_below = -1;  // < 0: not checked
};
bool ParseFailOn(const std::string& spec, FailOn* out, std::string* err);
// The sections a gate needs (added to those the user asked for).
std::vector<AuditSection> SectionsFor(const FailOn& f);
// One message per condition that holds ("2 include cycles", ...); empty: the gate passes.
std::vector<std::string> FailOnHits(const AuditReport& r, const FailOn& f);

}  // namespace tia
