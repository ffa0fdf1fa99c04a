// The tia command line on bad input: every mistake is one `tia: error:` line that says what
// is wrong and what is allowed, exit status 2, before any work starts; no value reaches an
// uncaught exception.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_testing.h"

namespace tia::testing {
namespace {

namespace fs = std::filesystem;

TEST(Cli, UnknownCommandIsNamedAndTheCommandsListed) {
  const std::string commands =
      "index, merge, callers, callees, select, why, tests-for, deps, run, rdeps, audit, stats, gc";
  ExpectUsageError(Tia({"frobnicate"}), "unknown command 'frobnicate'; the commands are: " +
                                            commands + " (see tia --help)");
  ExpectUsageError(Tia({}), "no command given; the commands are: " + commands);
  ExpectUsageError(Tia({"--frob", "index"}),
                   "unknown option '--frob' (options go after the command); the commands are: " +
                       commands + " (see tia --help)");
  CommandResult help = Tia({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Subcommands:"), std::string::npos) << help.out;
  CommandResult version = Tia({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, "tia 0.1.0\n");
}

TEST(Cli, OtherParseErrorsKeepThePrefixAndNameTheHelp) {
  ExpectUsageError(Tia({"run", "--bogus"}),
                   "The following argument was not expected: --bogus (see tia run --help)");
  ExpectUsageError(Tia({"tests-for"}), "TARGET is required (see tia tests-for --help)");
}

struct RangeCase {
  std::vector<std::string> args;
  std::string error;
};

const std::string kJobs = "(expected a whole number from 1 to 1024)";
const std::string kCount = "(expected a whole number from 1 to 10000)";
const std::string kRetries = "(expected a whole number from 0 to 100)";
const std::string kSeconds = "(expected a number of seconds greater than 0 and at most 1000000)";

// Every numeric option of every subcommand, with values below, above and beside its range.
// The build directory does not exist: the value must be refused before it is looked at.
TEST(Cli, NumericOptionsSayTheirRangeInWords) {
  const std::vector<RangeCase> cases = {
      {{"index", "-j", "0"}, "--jobs: 0 is out of range " + kJobs},
      {{"index", "-j", "-1"}, "--jobs: -1 is out of range " + kJobs},
      {{"index", "--jobs", "1025"}, "--jobs: 1025 is out of range " + kJobs},
      {{"index", "-j", "2147483648"}, "--jobs: 2147483648 is out of range " + kJobs},
      {{"index", "-j", "two"}, "--jobs: 'two' is not a whole number " + kJobs},
      {{"index", "-j", "2.5"}, "--jobs: '2.5' is not a whole number " + kJobs},
      {{"select", "-j", "0"}, "--jobs: 0 is out of range " + kJobs},
      {{"why", "T", "-j", "0"}, "--jobs: 0 is out of range " + kJobs},
      {{"tests-for", "f.cc", "-j", "-3"}, "--jobs: -3 is out of range " + kJobs},
      {{"run", "-j", "0"}, "--jobs: 0 is out of range " + kJobs},
      {{"run", "--count", "0"}, "--count: 0 is out of range " + kCount},
      {{"run", "--count", "-1"}, "--count: -1 is out of range " + kCount},
      {{"run", "--count", "99999999999"}, "--count: 99999999999 is out of range " + kCount},
      {{"run", "--count", "abc"}, "--count: 'abc' is not a whole number " + kCount},
      {{"run", "--timeout", "0"}, "--timeout: 0 is out of range " + kSeconds},
      {{"run", "--timeout", "-5"}, "--timeout: -5 is out of range " + kSeconds},
      {{"run", "--timeout", "1e9"}, "--timeout: 1e9 is out of range " + kSeconds},
      {{"run", "--timeout", "nan"}, "--timeout: 'nan' is not a number " + kSeconds},
      {{"run", "--timeout", "inf"}, "--timeout: 'inf' is not a number " + kSeconds},
      {{"run", "--timeout", "5s"}, "--timeout: '5s' is not a number " + kSeconds},
      {{"run", "--retry-failed", "-2"}, "--retry-failed: -2 is out of range " + kRetries},
      {{"run", "--retry-failed", "101"}, "--retry-failed: 101 is out of range " + kRetries},
      {{"run", "--shard", "1/99999999999"},
       "--shard 1/99999999999: expected K/N with 1 <= K <= N <= 10000 (e.g. 2/4)"},
      {{"run", "--shard", "4294967297/4294967298"},
       "--shard 4294967297/4294967298: expected K/N with 1 <= K <= N <= 10000 (e.g. 2/4)"},
      {{"run", "--shard", "1/2x"},
       "--shard 1/2x: expected K/N with 1 <= K <= N <= 10000 (e.g. 2/4)"},
      {{"run", "--shuffle", "18446744073709551616"},
       "--shuffle 18446744073709551616: expected on, off or a seed (a whole number from 0 to "
       "18446744073709551615)"},
      {{"run", "--shuffle", "-1"},
       "--shuffle -1: expected on, off or a seed (a whole number from 0 to "
       "18446744073709551615)"},
  };
  testing::ScratchDir dir("cli");
  for (const RangeCase& c : cases) {
    std::vector<std::string> args = c.args;
    args.insert(args.end(), {"-p", dir.path() + "/no-such-build"});
    SCOPED_TRACE(c.args[1] + " " + c.args.back());
    ExpectUsageError(Tia(args), c.error);
  }
}

// The JUnit path used to be tried only after the whole suite ran (and the exit status 2
// then hid whether the tests passed): now it is checked first and nothing runs.
TEST(Cli, JunitPathIsCheckedBeforeAnyTestRuns) {
  testing::ScratchDir dir("cli");
  std::string build = MarkerProject(dir.path());
  std::string marker = build + "/marker";
  ExpectUsageError(
      Tia({"run", "-p", build, "--all", "--junit", dir.path() + "/nope/r.xml"}),
      "--junit: " + dir.path() + "/nope/r.xml: the folder " + dir.path() + "/nope does not exist");
  ExpectUsageError(Tia({"run", "-p", build, "--all", "--junit", dir.path()}),
                   "--junit: " + dir.path() + " is a directory");
  std::string victim = dir.path() + "/victim";
  WriteText(victim, "precious");
  fs::create_symlink(victim, dir.path() + "/link.xml");
  ExpectUsageError(Tia({"run", "-p", build, "--all", "--junit", dir.path() + "/link.xml"}),
                   "--junit: " + dir.path() +
                       "/link.xml is a symbolic link; tia does not follow links for files it "
                       "writes (remove the link or give the real path)");
  EXPECT_EQ(ReadText(victim), "precious");
  EXPECT_FALSE(fs::exists(marker)) << "a test ran before the report path was checked";
  // A good path: the test runs and the report is written.
  CommandResult ok = Tia({"run", "-p", build, "--all", "--junit", dir.path() + "/r.xml"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ReadText(marker), "ran\n");
  EXPECT_NE(ReadText(dir.path() + "/r.xml").find("<testcase classname=\"marks\" name=\"marks\""),
            std::string::npos);
}

// `tia index` and `tia select` take the writer lock: a lock file planted as a link to
// another file used to be truncated and overwritten with a pid.
TEST(Cli, PlantedLinksAtTheLockOrDatabaseAreRefused) {
  testing::ScratchDir dir("cli");
  std::string build = MarkerProject(dir.path());
  std::string victim = dir.path() + "/victim";
  WriteText(victim, "precious");
  const std::string refusal =
      " is a symbolic link; tia does not follow links for files it writes (remove the link or "
      "give the real path)";
  fs::create_symlink(victim, build + "/tia.db.lock");
  ExpectUsageError(Tia({"index", "-p", build}), build + "/tia.db.lock" + refusal);
  ExpectUsageError(Tia({"run", "-p", build, "--all"}), build + "/tia.db.lock" + refusal);
  EXPECT_EQ(ReadText(victim), "precious");
  fs::remove(build + "/tia.db.lock");
  WriteText(victim, "");  // an empty file SQLite would happily make a database of
  fs::create_symlink(victim, build + "/tia.db");
  ExpectUsageError(Tia({"index", "-p", build}), build + "/tia.db" + refusal);
  ExpectUsageError(Tia({"stats", "-p", build}), build + "/tia.db" + refusal);
  EXPECT_EQ(fs::file_size(victim), 0u);
  EXPECT_FALSE(fs::exists(build + "/marker"));
}

}  // namespace
}  // namespace tia::testing
