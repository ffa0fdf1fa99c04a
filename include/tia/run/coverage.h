// Per-case coverage from gcc's gcov (`tia run --record-coverage`): each test process
// writes its coverage data files under its own GCOV_PREFIX directory; gcov reads them
// against the notes files the build left next to the objects.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace tia::run {

// --record-coverage: a process of a test that runs no case, with tia's flags (kFlags) or
// as its CTest command (kCommand). What the first runs more often than the second is what
// tia's report flags run in every process, not what a case runs.
enum class CoverageBaseline { kNone, kFlags, kCommand };

// One test process of a run that records coverage.
struct CoverageProcess {
  std::string dir;                 // its GCOV_PREFIX
  std::string test;                // CTest name
  std::vector<std::string> cases;  // the cases it was asked to run; empty: the whole test
  bool clean = false;              // it ended by itself (not killed, not timed out)
  bool started = true;             // its report shows a case started (a whole test: true)
  bool reporter_replaced = false;  // tia's report flags replaced the command's reporter
  CoverageBaseline baseline = CoverageBaseline::kNone;  // Job::baseline
};

// The GCOV_PREFIX directory under `root` of the process whose log is `log`.
std::string CoverageDirFor(const std::string& root, const std::string& log);

// A function gcov describes: where it starts and how often the process ran it.
struct CoveredFunction {
  std::string file;      // absolute, normalized (a relative path taken from gcov's directory)
  std::string relative;  // the path as gcov gave it when relative (-ffile-prefix-map=DIR/=)
  int line = 0;
  std::string name;  // as gcov prints it ("uriParseA", "ns::Foo<int>::Bar(int) const")
  bool ran = false;
  int64_t count = 0;  // times it was entered
};

// What gcov said of one data file: its functions. Shared between the processes whose
// data file had the same content, as most objects' have (code no case runs, start-up code).
using CoveredDoc = std::shared_ptr<const std::vector<CoveredFunction>>;

// What gcov said of data files already read, by notes file and data content.
class CoverageCache {
 public:
  CoveredDoc Find(const std::string& key);
  void Put(const std::string& key, CoveredDoc doc);

 private:
  std::mutex mu_;
  std::map<std::string, CoveredDoc> docs_;
};

// Runs `gcov` over every data file (.gcda) under `dir` (written with GCOV_PREFIX=dir and
// GCOV_PREFIX_STRIP=0, so a data file's path under dir is its object's path) that `cache`
// does not know, and appends one document per data file to `out`. `notes` receives the
// notes files (.gcno) of the data files found: the objects the process had linked; empty
// when it wrote no data. False (err set) when gcov cannot run or says something that
// cannot be read.
bool ReadCoverage(const std::string& dir, CoverageCache* cache, std::vector<CoveredDoc>* out,
                  std::vector<std::string>* notes, std::string* err);

}  // namespace tia::run
