// Per-case coverage (testdata/covered): `tia run --record-coverage` on a real GoogleTest
// program built with gcc's --coverage, read back by real gcov, stored in the database; then
// `tia select`, `why` and `run` on real git edits of the copy. A change inside a function's
// body selects the cases that ran it (and those nothing was recorded for); a signature or a
// constexpr function select by the code graph as before; a later base keeps the records
// its changes since (function bodies) leave valid.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared_project.h"
#include "testing.h"
#include "tia/store/coverage.h"

namespace tia::testing {
namespace {

namespace fs = std::filesystem;

const std::string kGit = "git -c user.name=t -c user.email=t@t -c init.defaultBranch=main ";

// testdata/covered as a git repository of one commit, configured with `flags`.
std::string Checkout(const ScratchDir& dir, const std::string& flags) {
  std::string src = dir.path() + "/src";
  CopyTree(TestdataDir() + "/covered", src);
  CommandResult g =
      Shell(kGit + "init -q && " + kGit + "add -A && " + kGit + "commit -qm base", src);
  EXPECT_EQ(g.exit_code, 0) << g.out << g.err;
  CommandResult c = Run({"cmake", "-S", src, "-B", src + "/build", "-G", "Ninja",
                         "-DCMAKE_BUILD_TYPE=Debug", "-DCMAKE_CXX_FLAGS=" + flags});
  EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
  return src;
}

// The selected case names of `tia select --format json` output, "test" for a whole test.
std::set<std::string> Cases(const std::string& json_text) {
  std::set<std::string> out;
  auto j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded()) return {"<not JSON>"};
  for (const auto& t : j["tests"]) {
    if (t.value("whole", false) || !t.contains("cases") || t["cases"].empty()) {
      out.insert(t["name"].get<std::string>());
      continue;
    }
    for (const auto& c : t["cases"]) out.insert(c.get<std::string>());
  }
  return out;
}

class CoverageTest : public ::testing::Test {
 protected:
  CoverageTest() : dir_("coverage") {}
  CommandResult Tia(std::vector<std::string> args, const std::string& env = "") {
    std::vector<std::string> argv = {"env"};
    if (!env.empty()) argv.push_back(env);
    argv.push_back(TiaBinary());
    argv.insert(argv.end(), args.begin(), args.end());
    return ::tia::testing::Run(argv, src_);
  }
  CommandResult Select(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"select", "-p", "build", "--base", "HEAD", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Tia(args);
  }
  void Reset() { ASSERT_EQ(Shell("git checkout -q -- .", src_).exit_code, 0); }

  ScratchDir dir_;
  std::string src_;
};

TEST_F(CoverageTest, BodyChangesSelectTheCasesThatRanThem) {
  src_ = Checkout(dir_, "--coverage");
  CommandResult b = ::tia::testing::Run({"cmake", "--build", src_ + "/build"});
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  // Reader.Aborts dies before gcov writes its data: it stays without a record.
  CommandResult rec = Tia({"run", "-p", "build", "--all", "--record-coverage"}, "READER_ABORTS=1");
  EXPECT_EQ(rec.exit_code, 1) << rec.out << rec.err;
  std::string head = GitIn(src_, {"rev-parse", "HEAD"}).out.substr(0, 12);
  EXPECT_NE(rec.out.find("coverage: reader_test Reader.Aborts: not recorded: the process was "
                         "killed or timed out"),
            std::string::npos)
      << rec.out;
  // The CTest command, run whole beside the cases, aborts too.
  EXPECT_NE(rec.out.find("coverage: reader_test (its CTest command): not recorded: the process "
                         "was killed or timed out"),
            std::string::npos)
      << rec.out;
  EXPECT_NE(rec.out.find("coverage: 16 cases and 3 commands whole recorded at " + head),
            std::string::npos)
      << rec.out;
  EXPECT_NE(rec.out.find(", 3 not recorded"), std::string::npos) << rec.out;
  CommandResult stats = Tia({"stats", "-p", "build"});
  EXPECT_NE(stats.out.find("\ncoverage: 16 cases and 3 commands whole recorded at " + head + " ("),
            std::string::npos)
      << stats.out;

  // tests-for --ran: the cases that ran ReadNumber, and those without a record that reach
  // it; not every case that reaches it.
  CommandResult reach = Tia({"tests-for", "-p", "build", "ReadNumber"});
  EXPECT_NE(reach.out.find("reader_test [Texts/ReadParam.Reads/0, Texts/ReadParam.Reads/1, "
                           "Reader.Aborts, Reader.Number, Reader.Word]\n1 of 4 tests reach "
                           "ReadNumber\n"),
            std::string::npos)
      << reach.out;
  CommandResult ran = Tia({"tests-for", "-p", "build", "ReadNumber", "--ran"});
  EXPECT_NE(ran.out.find("reader_test [Texts/ReadParam.Reads/0, Texts/ReadParam.Reads/1, "
                         "Reader.Aborts, Reader.Number]\n1 of 4 tests ran ReadNumber when "
                         "coverage was recorded at " +
                         head + " (or have no record and reach it)\n"),
            std::string::npos)
      << ran.out;
  EXPECT_EQ(
      Cases(Tia({"tests-for", "-p", "build", "src/banner.cc", "--ran", "--format", "json"}).out),
      (std::set<std::string>{"Banner.Prints", "Anonymous test case 1", "unnamed_test"}));

  // What the database holds: Width.Narrow ran WidthNarrow, not WidthWide, though both are
  // the same lines of twice.inc.
  {
    Db db;
    std::string err;
    ASSERT_TRUE(db.Open(src_ + "/build/tia.db", false, &err)) << err;
    StoredCoverage cov;
    ASSERT_TRUE(LoadCoverage(db, &cov, &err)) << err;
    EXPECT_EQ(cov.commit.substr(0, 12), head);
    std::set<std::string> narrow;
    for (const CoverageCase& c : cov.cases)
      if (c.test == "reader_test" && c.name == "Width.Narrow") narrow = c.usrs;
    auto ran = [&](const std::string& fn) {
      for (const std::string& u : narrow)
        if (u.find("@F@" + fn + "#") != std::string::npos) return true;
      return false;
    };
    EXPECT_TRUE(ran("WidthNarrow"));
    EXPECT_TRUE(ran("Width"));
    EXPECT_FALSE(ran("WidthWide"));
    EXPECT_FALSE(ran("ReadNumber"));
  }

  // Read calls ReadNumber or ReadWord by its text: the code graph reaches both from every
  // case that calls Read; Reader.Word never ran ReadNumber.
  EditFile(src_ + "/src/reader.cc", "std::isdigit(static_cast<unsigned char>(c))) ++n;",
           "std::isdigit(static_cast<unsigned char>(c))) n += 1;");
  CommandResult s = Select();
  ASSERT_EQ(s.exit_code, 0) << s.err;
  const std::set<std::string> reads = {"Texts/ReadParam.Reads/0", "Texts/ReadParam.Reads/1"};
  auto with_reads = [&](std::set<std::string> cases) {
    cases.insert(reads.begin(), reads.end());
    return cases;
  };
  EXPECT_EQ(Cases(s.out), with_reads({"Reader.Number", "Reader.Aborts"})) << s.out;
  auto j = nlohmann::json::parse(s.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["summary"]["coverage"]["left_out"], 1) << s.out;
  CommandResult graph_only = Select({"--no-coverage"});
  EXPECT_EQ(Cases(graph_only.out), with_reads({"Reader.Number", "Reader.Word", "Reader.Aborts"}))
      << graph_only.out;
  CommandResult why = Tia({"why", "-p", "build", "--base", "HEAD", "Reader.Word"});
  EXPECT_NE(why.out.find("Reader.Word is not selected: it ran none of the changed functions when "
                         "coverage was recorded at " +
                         head),
            std::string::npos)
      << why.out;
  CommandResult why_number = Tia({"why", "-p", "build", "--base", "HEAD", "Reader.Number"});
  EXPECT_NE(why_number.out.find("→ ran ReadNumber when coverage was recorded at " + head),
            std::string::npos)
      << why_number.out;
  CommandResult run = Tia({"run", "-p", "build", "--base", "HEAD"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("PASS Reader.Number"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("Reader.Word"), std::string::npos) << run.out;
  Reset();

  // ReadWord's body (its `auto` is before a trailing return type, so nothing is deduced):
  // Texts/ReadParam.Reads/0 has a record without it, but its sibling /1, which reads a
  // word, has none: the case stays.
  EditFile(src_ + "/src/reader.cc", "std::isalpha(static_cast<unsigned char>(c))) ++n;",
           "std::isalpha(static_cast<unsigned char>(c))) n += 1;");
  EXPECT_EQ(Cases(Select().out), with_reads({"Reader.Word", "Reader.Aborts"}));
  Reset();

  // The line that names the function (its signature) changed: the code graph decides.
  EditFile(src_ + "/src/reader.cc", "auto ReadWord(const std::string& text) -> int {",
           "auto ReadWord(const std::string& word) -> int {\n  const std::string& text = word;");
  EXPECT_EQ(Cases(Select().out), with_reads({"Reader.Number", "Reader.Word", "Reader.Aborts"}));
  Reset();

  // A constexpr function's value is used at compile time, where no coverage sees it:
  // Reader.Word ran Scale, Reader.Scaled only compiled it in.
  EditFile(src_ + "/src/reader.h", "  return 2;", "  return 1 + 1;");
  EXPECT_EQ(Cases(Select().out), (std::set<std::string>{"Reader.Scaled", "Reader.Word"}));
  Reset();

  // One text compiled twice under two names: gcov's names tell the two functions apart,
  // so each is known; Width.Empty reaches both in the code graph and ran neither.
  EditFile(src_ + "/src/twice.inc", "int n = static_cast<int>(std::strlen(text));",
           "int n = static_cast<int>(std::strlen(text)) + 0;");
  EXPECT_EQ(Cases(Select().out), (std::set<std::string>{"Width.Narrow", "Width.Wide"}));
  EXPECT_EQ(Cases(Select({"--no-coverage"}).out),
            (std::set<std::string>{"Width.Narrow", "Width.Wide", "Width.Empty"}));
  Reset();

  // A constructor's body: the cases that ran it, not every user of its class.
  EditFile(src_ + "/src/counter.cc", "  n = 0;", "  n = 0 + 0;");
  EXPECT_EQ(Cases(Select().out), (std::set<std::string>{"Counter.Counts"}));
  EXPECT_EQ(Cases(Select({"--no-coverage"}).out),
            (std::set<std::string>{"Counter.Counts", "Counter.PeeksAtNothing"}));
  Reset();

  // An empty body that gets a statement: `{}` and `{ (void)0; }` have the same tokens up to
  // the brace. The destructor is not widened to every user of its class either.
  EditFile(src_ + "/src/counter.h", "  ~Counter() {}", "  ~Counter() { (void)0; }");
  EXPECT_EQ(Cases(Select().out), (std::set<std::string>{"Counter.Counts"}));
  EXPECT_EQ(Cases(Select({"--no-coverage"}).out),
            (std::set<std::string>{"Counter.Counts", "Counter.PeeksAtNothing"}));
  Reset();

  // banner_test's main runs Banner in every process tia starts (it asks for a report file),
  // in Banner.Prints only as the CTest command runs: the processes of no case, with tia's
  // flags and without, tell the two apart.
  EditFile(src_ + "/src/banner.cc", "  return \"covered 1.0\";", "  return \"covered 1.\" \"0\";");
  // anon_test's only TEST_CASE() without a name ran it too: the program calls it "Anonymous
  // test case 1", and the run finds it by that name. unnamed_test also registers a
  // function without a name, which the program numbers first: its TEST_CASE() is one of
  // two nameless cases, and a run that names it runs the whole program. (With coverage,
  // the case the program calls "Anonymous test case 2" ran Banner, which no case of the
  // code graph's is: the command's record selects the test whole.)
  EXPECT_EQ(Cases(Select().out),
            (std::set<std::string>{"Banner.Prints", "Anonymous test case 1", "unnamed_test"}));
  CommandResult banner_graph = Select({"--no-coverage"});
  EXPECT_EQ(Cases(banner_graph.out), (std::set<std::string>{"banner_test", "Anonymous test case 1",
                                                            "Anonymous test case 2"}))
      << banner_graph.out;
  CommandResult banner_run = Tia({"run", "-p", "build", "--base", "HEAD"});
  EXPECT_EQ(banner_run.exit_code, 0) << banner_run.out << banner_run.err;
  EXPECT_NE(banner_run.out.find("PASS Banner.Prints"), std::string::npos) << banner_run.out;
  EXPECT_EQ(banner_run.out.find("PASS Banner.Adds"), std::string::npos) << banner_run.out;
  EXPECT_NE(banner_run.out.find("PASS doubles"), std::string::npos) << banner_run.out;
  EXPECT_NE(banner_run.out.find("5 passed, 0 failed"), std::string::npos) << banner_run.out;
  CommandResult graph_run = Tia({"run", "-p", "build", "--base", "HEAD", "--no-coverage"});
  EXPECT_EQ(graph_run.exit_code, 0) << graph_run.out << graph_run.err;
  EXPECT_NE(graph_run.err.find("tia: unnamed_test runs whole: the program has more than one "
                               "case without a name"),
            std::string::npos)
      << graph_run.err;
  EXPECT_NE(graph_run.out.find("PASS Anonymous test case 2"), std::string::npos) << graph_run.out;
  EXPECT_NE(graph_run.out.find("6 passed, 0 failed"), std::string::npos) << graph_run.out;
  Reset();

  // A static initializer in a library object no test links: the code graph selects every
  // case; no recorded process had the object, so only the case without a record is left.
  EditFile(src_ + "/src/unused.cc", "  return 42;", "  return 43;");
  EXPECT_EQ(Cases(Select().out), with_reads({"Reader.Aborts"}));
  EXPECT_EQ(Cases(Select({"--no-coverage"}).out),
            (std::set<std::string>{"reader_test", "banner_test", "anon_test", "unnamed_test"}));
  Reset();

  // A later base whose commits since the recorded one changed only bodies of functions:
  // the records hold there, but for the cases that ran a changed function. WidthNarrow and
  // WidthWide changed, which no case that reads ran.
  auto commit = [&](const std::string& what) {
    CommandResult c = Shell(kGit + "commit -qam '" + what + "'", src_);
    ASSERT_EQ(c.exit_code, 0) << c.out << c.err;
  };
  auto change_read_number = [&] {
    EditFile(src_ + "/src/reader.cc", "std::isdigit(static_cast<unsigned char>(c))) ++n;",
             "std::isdigit(static_cast<unsigned char>(c))) n += 1;");
  };
  EditFile(src_ + "/src/twice.inc", "int n = static_cast<int>(std::strlen(text));",
           "int n = static_cast<int>(std::strlen(text)) + 0;");
  ASSERT_NO_FATAL_FAILURE(commit("width"));
  change_read_number();
  CommandResult later = Select();
  EXPECT_EQ(Cases(later.out), with_reads({"Reader.Number", "Reader.Aborts"})) << later.out;
  EXPECT_NE(later.out.find("\"coverage\""), std::string::npos) << later.out;
  Reset();

  // ReadWord's body changed too: Reader.Word ran it, so its record does not hold at the
  // base, and the code graph decides it.
  EditFile(src_ + "/src/reader.cc", "std::isalpha(static_cast<unsigned char>(c))) ++n;",
           "std::isalpha(static_cast<unsigned char>(c))) n += 1;");
  ASSERT_NO_FATAL_FAILURE(commit("word"));
  change_read_number();
  EXPECT_EQ(Cases(Select().out), with_reads({"Reader.Number", "Reader.Word", "Reader.Aborts"}));
  Reset();

  // A declaration added since: the coverage is not used (the code graph alone), and
  // stderr says why.
  ASSERT_EQ(Shell("echo 'int Other(int);' >> src/reader.h", src_).exit_code, 0);
  ASSERT_NO_FATAL_FAILURE(commit("more"));
  change_read_number();
  CommandResult other = Select();
  EXPECT_EQ(Cases(other.out), with_reads({"Reader.Number", "Reader.Word", "Reader.Aborts"}))
      << other.out;
  EXPECT_EQ(other.out.find("\"coverage\""), std::string::npos) << other.out;
  EXPECT_NE(other.err.find("tia: note: coverage recorded at " + head +
                           " is not used: between it and the base "),
            std::string::npos)
      << other.err;
  EXPECT_NE(other.err.find("function Other (src/reader.h:"), std::string::npos) << other.err;
}

// GoogleTest and doctest built from source inside the project (testdata/fromsource): a
// change to the framework's own code is not followed through the code graph but taken at
// the file level (every test that compiles the file); coverage narrows that to the cases
// that ran the changed function; the CTest command's own record drops what it never ran,
// and a doctest test (whose cases ran without the command's console reporter) keeps the
// file level for what the command ran. calc_gtest and calc_doctest are built and recorded;
// journal_gtest compiles gtest.cc too and has no record, so it keeps the file level.
TEST_F(CoverageTest, FrameworkChangesNarrowToTheCasesThatRanThem) {
  src_ = dir_.path() + "/src";
  CopyFromsourceProject(src_);
  CommandResult g =
      Shell(kGit + "init -q && " + kGit + "add -A && " + kGit + "commit -qm base", src_);
  ASSERT_EQ(g.exit_code, 0) << g.out << g.err;
  CommandResult c =
      ::tia::testing::Run({"cmake", "-S", src_, "-B", src_ + "/build", "-G", "Ninja",
                           "-DCMAKE_BUILD_TYPE=Debug", "-DCMAKE_CXX_FLAGS=--coverage"});
  ASSERT_EQ(c.exit_code, 0) << c.out << c.err;
  CommandResult b = ::tia::testing::Run(
      {"cmake", "--build", src_ + "/build", "--target", "calc_gtest", "calc_doctest", "-j2"});
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  // Each case alone, and each test's CTest command whole beside its cases.
  CommandResult rec = Tia({"run", "-p", "build", "--all", "--run", "^calc_(gtest|doctest)$",
                           "--record-coverage", "-j2"});
  ASSERT_EQ(rec.exit_code, 0) << rec.out << rec.err;
  EXPECT_NE(rec.out.find("coverage: 23 cases and 2 commands whole recorded at "), std::string::npos)
      << rec.out;
  EXPECT_NE(Tia({"stats", "-p", "build"})
                .out.find("\ncoverage: 23 cases and 2 commands whole "
                          "recorded at "),
            std::string::npos);

  // EXPECT_NEAR's check: only CalcTest.Neg ran it. journal_gtest has no record.
  const std::string gtest_cc = src_ + "/third_party/googletest/googletest/src/gtest.cc";
  EditFile(gtest_cc, "  const double diff = fabs(val1 - val2);",
           "  const double diff = fabs(val1 - val2) + 0;");
  EXPECT_EQ(Cases(Select().out), (std::set<std::string>{"CalcTest.Neg", "journal_gtest"}));
  EXPECT_EQ(Cases(Select({"--no-coverage"}).out),
            (std::set<std::string>{"calc_gtest", "journal_gtest"}));
  Reset();

  // Only `--gtest_list_tests` runs this: no case ran it, and neither did calc_gtest's
  // CTest command.
  EditFile(gtest_cc, "void UnitTestImpl::ListTestsMatchingFilter() {",
           "void UnitTestImpl::ListTestsMatchingFilter() {\n  (void)0;");
  EXPECT_EQ(Cases(Select().out), (std::set<std::string>{"journal_gtest"}));
  EXPECT_EQ(Cases(Select({"--no-coverage"}).out),
            (std::set<std::string>{"calc_gtest", "journal_gtest"}));
  Reset();

  // GoogleTest's JSON printer: every case ran it, under the report flag tia adds; the CTest
  // command, recorded whole, did not run it, so nothing it runs can change.
  EditFile(gtest_cc,
           "  FILE* jsonout = OpenFileForWriting(output_file_);\n  std::stringstream stream;",
           "  FILE* jsonout = OpenFileForWriting(output_file_);\n  std::stringstream stream;\n"
           "  (void)0;");
  EXPECT_EQ(Cases(Select().out), (std::set<std::string>{"journal_gtest"}));
  CommandResult json_why = Tia({"why", "-p", "build", "--base", "HEAD", "calc_gtest"});
  EXPECT_NE(json_why.out.find("calc_gtest is not selected: its CTest command ran none of the "
                              "changed functions when coverage was recorded at "),
            std::string::npos)
      << json_why.out;
  Reset();

  // doctest's Contains: only the case "mul" ran it, but tia ran each case with doctest's
  // XML reporter, which replaces the console reporter the CTest command uses, and the
  // command ran it: framework code it ran may run under that reporter in any case.
  const std::string doctest_h = src_ + "/third_party/doctest/doctest.h";
  EditFile(doctest_h, "    return strstr(other.c_str(), string.c_str()) != nullptr;",
           "    return strstr(other.c_str(), string.c_str()) != nullptr && true;");
  EXPECT_EQ(Cases(Select().out), (std::set<std::string>{"calc_doctest"}));
  CommandResult why = Tia({"why", "-p", "build", "--base", "HEAD", "calc_doctest"});
  EXPECT_NE(why.out.find("its CTest command ran it when coverage was recorded at "),
            std::string::npos)
      << why.out;
  EXPECT_NE(why.out.find(", and its cases ran without the reporter that command uses"),
            std::string::npos)
      << why.out;
  Reset();

  // doctest's JUnit reporter: neither a case nor the CTest command ran it.
  EditFile(doctest_h,
           "        void test_run_end(const TestRunStats& p) override {\n"
           "            // remove .exe extension",
           "        void test_run_end(const TestRunStats& p) override {\n"
           "            (void)0;\n"
           "            // remove .exe extension");
  EXPECT_EQ(Cases(Select().out), (std::set<std::string>{}));
  EXPECT_EQ(Cases(Select({"--no-coverage"}).out), (std::set<std::string>{"calc_doctest"}));
}

// A build with -ffile-prefix-map=SRC/= (Catch2 makes its own so): gcov gives paths relative
// to the source tree, not to the build directory it names. They are the source tree's.
TEST_F(CoverageTest, PrefixMappedPathsAreTheSourceTree) {
  src_ = Checkout(dir_, "--coverage -ffile-prefix-map=" + dir_.path() + "/src/=");
  CommandResult b = ::tia::testing::Run({"cmake", "--build", src_ + "/build"});
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  CommandResult rec = Tia({"run", "-p", "build", "--all", "--record-coverage"});
  ASSERT_EQ(rec.exit_code, 0) << rec.out << rec.err;
  {
    Db db;
    std::string err;
    ASSERT_TRUE(db.Open(src_ + "/build/tia.db", false, &err)) << err;
    StoredCoverage cov;
    ASSERT_TRUE(LoadCoverage(db, &cov, &err)) << err;
    bool known = false;
    for (const std::string& u : cov.known) known |= u.find("@F@ReadNumber#") != std::string::npos;
    EXPECT_TRUE(known) << "gcov's src/reader.cc is the source tree's";
  }
  EditFile(src_ + "/src/reader.cc", "std::isdigit(static_cast<unsigned char>(c))) ++n;",
           "std::isdigit(static_cast<unsigned char>(c))) n += 1;");
  std::set<std::string> got = Cases(Select().out);
  EXPECT_TRUE(got.count("Reader.Number")) << ::testing::PrintToString(got);
  EXPECT_FALSE(got.count("Reader.Word")) << ::testing::PrintToString(got);
  EXPECT_TRUE(Cases(Select({"--no-coverage"}).out).count("Reader.Word"));
}

TEST_F(CoverageTest, RecordingNeedsACommitAndACoverageBuild) {
  src_ = Checkout(dir_, "-O0");
  ASSERT_EQ(Tia({"index", "-p", "build"}).exit_code, 0);
  EXPECT_NE(Tia({"stats", "-p", "build"}).out.find("\ncoverage: none recorded\n"),
            std::string::npos);
  CommandResult ran = Tia({"tests-for", "-p", "build", "ReadNumber", "--ran", "--no-index"});
  EXPECT_EQ(ran.exit_code, 2) << ran.out << ran.err;
  EXPECT_NE(ran.err.find("tia: error: --ran: no coverage is recorded in "), std::string::npos)
      << ran.err;
  CommandResult unbuilt = Tia({"run", "-p", "build", "--all", "--record-coverage", "--no-index"});
  EXPECT_EQ(unbuilt.exit_code, 2) << unbuilt.out << unbuilt.err;
  EXPECT_NE(unbuilt.err.find("--record-coverage: none of the 10 TUs of the compile database is "
                             "built; build the project first"),
            std::string::npos)
      << unbuilt.err;
  CommandResult b = ::tia::testing::Run({"cmake", "--build", src_ + "/build"});
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  CommandResult plain = Tia({"run", "-p", "build", "--all", "--record-coverage", "--no-index"});
  EXPECT_EQ(plain.exit_code, 2) << plain.out << plain.err;
  EXPECT_NE(plain.err.find("--record-coverage needs every TU compiled with --coverage (gcc): 10 of "
                           "the 10 built have no notes file (.gcno)"),
            std::string::npos)
      << plain.err;
  EXPECT_EQ(plain.out.find("PASS"), std::string::npos) << "nothing may run: " << plain.out;
  EditFile(src_ + "/src/reader.cc", "return ReadWord(text);", "return ReadWord(text) + 0;");
  CommandResult dirty = Tia({"run", "-p", "build", "--all", "--record-coverage", "--no-index"});
  EXPECT_EQ(dirty.exit_code, 2) << dirty.out << dirty.err;
  EXPECT_NE(dirty.err.find("--record-coverage: src/reader.cc differs from HEAD; coverage belongs "
                           "to a commit, so commit or stash first"),
            std::string::npos)
      << dirty.err;
}

}  // namespace
}  // namespace tia::testing
