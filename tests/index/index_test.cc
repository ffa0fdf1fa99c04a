// `tia index`, `tia callers` and `tia callees` on testdata/indexer: exact facts, then
// incremental re-indexing of an edited copy.
#include <gtest/gtest.h>

#include <algorithm>

#include "index_testing.h"
#include "tia/store/db.h"

namespace tia {
namespace {

using testing::CommandResult;
using testing::Tia;

class IndexSample : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = testing::SharedIndexedSample(&index_out_);
    build_ = root_ + "/build";
  }
  static std::string Query(const std::string& cmd, const std::string& symbol) {
    CommandResult r = Tia({cmd, "-p", build_, symbol});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  // Rows of a SQL query, columns joined by '|', one row per line.
  static std::string Sql(const std::string& sql) {
    Db db;
    std::string err, out;
    EXPECT_TRUE(db.Open(build_ + "/tia.db", false, &err)) << err;
    Stmt st;
    EXPECT_TRUE(db.Prepare(sql, &st, &err)) << err;
    while (st.Step()) {
      for (int i = 0; i < st.Columns(); ++i) out += (i ? "|" : "") + st.Text(i);
      out += "\n";
    }
    EXPECT_FALSE(st.failed()) << st.ErrMsg();
    return out;
  }
  static std::string root_, build_, index_out_;
};
std::string IndexSample::root_, IndexSample::build_, IndexSample::index_out_;

TEST_F(IndexSample, SummaryCountsEveryTu) {
  EXPECT_NE(index_out_.find("indexed 6 TUs (0 up to date, 0 failed, 0 with errors); 9 files, "),
            std::string::npos)
      << index_out_;
}

TEST_F(IndexSample, CallsThroughBaseReachOverridesViaOverrideEdges) {
  EXPECT_EQ(Query("callers", "geo::Shape::Area"),
            "include/shapes.h:17 override geo::Square::Area\n"
            "include/shapes.h:26 override geo::Circle::Area\n"
            "src/shapes.cc:8 override geo::Square::Area\n"
            "src/shapes.cc:12 override geo::Circle::Area\n"
            "src/shapes.cc:18 call geo::TotalArea\n");
  EXPECT_EQ(Query("callers", "Square::Area"),
            "test/shapes_test.cc:9 call ShapesTest_SquareArea_Test::TestBody\n");
}

TEST_F(IndexSample, CallMadeOnlyInsideTemplateInstantiation) {
  // The instantiation's call, and the template's call by name through its parameter.
  EXPECT_EQ(Query("callers", "geo::Box::Size"),
            "include/shapes.h:41 call geo::SizeOf\n"
            "include/shapes.h:41 dependent-call geo::SizeOf\n");
  EXPECT_EQ(Query("callers", "geo::SizeOf"),
            "src/shapes.cc:24 call geo::BoxSize\n"
            "test/shapes_test.cc:36 call TypedBox_HasSize_Test::TestBody\n"
            "test/shapes_test.cc:36 dependent-call TypedBox_HasSize_Test::TestBody\n");
}

TEST_F(IndexSample, FunctionStoredInTableIsReferencedByTheTable) {
  EXPECT_EQ(Query("callers", "OnAdd"),
            "src/callbacks.cc:24 reference kHandlers\n"
            "src/config.cc:6 call ConfigValue\n");
  EXPECT_EQ(Query("callees", "Dispatch"), "src/callbacks.cc:27 reference kHandlers\n");
}

TEST_F(IndexSample, SameFileWithTwoConfigurationsUnionsFacts) {
  // config.cc is compiled with and without CONFIG_FAST: both branches are in its shard.
  // `#ifdef CONFIG_FAST` is a macro use of the function too.
  EXPECT_EQ(Query("callees", "ConfigValue"),
            "src/config.cc:5 macro-expansion CONFIG_FAST\n"
            "src/config.cc:6 call OnAdd\n"
            "src/config.cc:8 call OnSub\n");
}

TEST_F(IndexSample, HeaderBodyIsIndexedForEveryConfiguration) {
  // config_dispatch.h's inline body expands CONFIG_OP to OpFast with CONFIG_FAST and to
  // OpSafe without: both TUs run in one worker, yet both calls are in the header's shard.
  std::string callees = Query("callees", "ConfiguredOp");
  EXPECT_NE(callees.find("include/config_dispatch.h:14 call OpFast\n"), std::string::npos)
      << callees;
  EXPECT_NE(callees.find("include/config_dispatch.h:14 call OpSafe\n"), std::string::npos)
      << callees;
}

TEST_F(IndexSample, LambdaBodyIsReachedFromEnclosingFunction) {
  EXPECT_EQ(Query("callers", "OnTwice"), "src/callbacks.cc:31 call ApplyLambda\n");
}

TEST_F(IndexSample, FunctionAssignedToStdFunctionIsReferenced) {
  EXPECT_EQ(Query("callers", "OnSub"),
            "src/callbacks.cc:24 reference kHandlers\n"
            "src/callbacks.cc:36 reference MakeCallback\n"
            "src/config.cc:8 call ConfigValue\n");
}

TEST_F(IndexSample, OverloadGetsTheCallOfItsSignature) {
  EXPECT_EQ(Query("callers", "c:@N@geo@F@Scale#d#"), "src/shapes.cc:36 call geo::ScaledArea\n");
  EXPECT_EQ(Query("callers", "c:@N@geo@F@Scale#I#"),
            "test/shapes_test.cc:24 call ScaleParam_Positive_Test::TestBody\n");
  CommandResult both = Tia({"callers", "-p", build_, "Scale"});
  EXPECT_NE(both.err.find("'Scale' matches 2 symbols"), std::string::npos) << both.err;
  EXPECT_EQ(both.out,
            "src/shapes.cc:36 call geo::ScaledArea\n"
            "test/shapes_test.cc:24 call ScaleParam_Positive_Test::TestBody\n");
}

TEST_F(IndexSample, MacroExpandedInsideFunction) {
  EXPECT_EQ(Query("callers", "CLAMP"), "src/shapes.cc:36 macro-expansion geo::ScaledArea\n");
  EXPECT_EQ(Sql("SELECT d.line_start, d.line_end FROM decls d JOIN symbols s ON "
                "s.id=d.symbol_id WHERE s.name='CLAMP' AND s.kind=12"),
            "4|4\n");
}

TEST_F(IndexSample, StaticInitializerCallIsMadeByTheVariable) {
  EXPECT_EQ(Query("callers", "InitValue"), "src/callbacks.cc:44 call g_initialized\n");
}

TEST_F(IndexSample, AnonymousNamespaceFunction) {
  EXPECT_EQ(Query("callers", "(anonymous namespace)::Hidden"),
            "src/callbacks.cc:47 call UseHidden\n");
}

// Paths are stored relative to the source root (the git work tree).
TEST_F(IndexSample, IncludesWithLinesAndTargets) {
  EXPECT_EQ(Sql("SELECT i.line, i.spelled, t.path FROM includes i JOIN shards s ON "
                "s.id=i.shard_id JOIN files f ON f.id=s.file_id JOIN files t ON "
                "t.id=i.target_file_id WHERE f.path = 'src/shapes.cc' ORDER BY i.line"),
            "2|shapes.h|include/shapes.h\n4|util.h|src/util.h\n");
  EXPECT_EQ(Sql("SELECT i.line, i.spelled FROM includes i JOIN shards s ON s.id=i.shard_id JOIN "
                "files f ON f.id=s.file_id WHERE f.path = 'test/shapes_test.cc' ORDER BY "
                "i.line"),
            "2|gtest/gtest.h\n4|callbacks.h\n5|shapes.h\n");
}

TEST_F(IndexSample, GoogleTestCasesWithSuiteNameBodyAndFixture) {
  EXPECT_EQ(Sql("SELECT t.macro, t.suite, t.name, t.line, b.qualified_name, "
                "COALESCE(fx.qualified_name,'') FROM test_cases t JOIN symbols b ON "
                "b.id=t.body_id LEFT JOIN symbols fx ON fx.id=t.fixture_id ORDER BY t.line"),
            "TEST|ShapesTest|SquareArea|7|ShapesTest_SquareArea_Test::TestBody|\n"
            "TEST_F|CallbackFixture|Dispatches|17|CallbackFixture_Dispatches_Test::TestBody|"
            "CallbackFixture\n"
            "TEST_P|ScaleParam|Positive|23|ScaleParam_Positive_Test::TestBody|ScaleParam\n"
            "TYPED_TEST|TypedBox|HasSize|34|TypedBox_HasSize_Test::TestBody|TypedBox\n"
            "TEST|CallbacksTest|Lambda|39|CallbacksTest_Lambda_Test::TestBody|\n");
}

// Unnamed types have no name in clang, yet edges lead to them: their symbol rows exist
// with an empty name (a NULL bound for the name once failed every TU that used one).
TEST_F(IndexSample, UnnamedTypesAndTheirMembersAreIndexed) {
  EXPECT_EQ(Query("callees", "UnnamedTypes"),
            "src/unnamed.cc:23 type-use Options\n"
            "src/unnamed.cc:24 reference Options::(anonymous union)::as_int\n"
            "src/unnamed.cc:25 reference (anonymous enum)::kMaxDepth\n"
            "src/unnamed.cc:25 reference (anonymous)::value\n"
            "src/unnamed.cc:25 reference Options::(anonymous union)::as_int\n"
            "src/unnamed.cc:25 reference Options::(anonymous)::width\n"
            "src/unnamed.cc:25 reference Options::size\n"
            "src/unnamed.cc:25 reference kTable\n");
  EXPECT_EQ(Sql("SELECT count(*) FROM symbols WHERE name IS NULL"), "0\n");
  EXPECT_EQ(Sql("SELECT count(*) > 0 FROM symbols WHERE name=''"), "1\n");
}

TEST_F(IndexSample, SystemHeadersAreInputsWithoutFacts) {
  EXPECT_EQ(Sql("SELECT count(*) > 0 FROM shards WHERE is_system=1"), "1\n");
  EXPECT_EQ(Sql("SELECT count(*) FROM decls d JOIN shards s ON s.id=d.shard_id WHERE "
                "s.is_system=1"),
            "0\n");
}

// Incremental: an edited copy re-indexes exactly the TUs that read the edited file.
TEST(IndexIncremental, ReindexesOnlyStaleTusAndDropsRemovedCalls) {
  testing::ScratchDir dir("index_incremental");
  std::string build = testing::ConfigureSample(dir.path());
  std::string src = dir.path() + "/src";
  CommandResult r = Tia({"index", "-p", build});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  r = Tia({"index", "-p", build, "--verbose"});
  EXPECT_EQ(r.out, "tia: index is up to date (6 TUs, 0 changed)\n");

  testing::EditFile(src + "/src/shapes.cc", "sum += s->Area();", "sum += 1;");
  r = Tia({"index", "-p", build, "--verbose"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("indexed src/shapes.cc [ok]"), 0u) << r.out;
  EXPECT_NE(r.out.find("\nindexed 1 TUs (5 up to date, 0 failed, 0 with errors)"),
            std::string::npos)
      << r.out;
  r = Tia({"callers", "-p", build, "geo::Shape::Area"});
  EXPECT_EQ(r.out.find("TotalArea"), std::string::npos) << r.out;

  // A header edit re-indexes its includers only (shapes.cc and the test).
  testing::EditFile(src + "/include/shapes.h", "int Size() const { return 3; }",
                    "int Size() const { return 4; }");
  r = Tia({"index", "-p", build, "--verbose"});
  std::vector<std::string> lines;
  for (size_t p = 0; (p = r.out.find("indexed ", p)) != std::string::npos; ++p)
    lines.push_back(r.out.substr(p, r.out.find(' ', p + 8) - p));
  std::sort(lines.begin(), lines.end());
  EXPECT_EQ(lines, (std::vector<std::string>{"indexed 2", "indexed src/shapes.cc",
                                             "indexed test/shapes_test.cc"}))
      << r.out;
}

// A TU gone from the compile database (a target removed) is dropped from the index with
// its inputs; the shards of files still read by other TUs stay current.
TEST(IndexIncremental, DropsTusGoneFromTheCompileDatabase) {
  testing::ScratchDir dir("index_drop");
  std::string build = testing::ConfigureSample(dir.path());
  CommandResult r = Tia({"index", "-p", build});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(testing::Shell("sqlite3 " + build + "/tia.db 'SELECT count(*) FROM tus'").out, "6\n");
  // Remove the config_fast entry (config.cc with CONFIG_FAST) from the database.
  ASSERT_EQ(testing::DropCompileCommands(build, "CONFIG_FAST"), 1);
  r = Tia({"index", "-p", build});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 removed"), std::string::npos) << r.out;
  EXPECT_EQ(testing::Shell("sqlite3 " + build + "/tia.db 'SELECT count(*) FROM tus'").out, "5\n");
  EXPECT_EQ(testing::Shell("sqlite3 " + build +
                           "/tia.db 'SELECT count(*) FROM tu_inputs WHERE tu_id NOT IN "
                           "(SELECT id FROM tus)'")
                .out,
            "0\n");
  // The plain configuration of config.cc still calls OnSub; OnAdd's call came only from
  // the removed configuration, but shards are unioned per file version, so it stays
  // (conservative); the call is still listed.
  r = Tia({"callers", "-p", build, "OnSub"});
  EXPECT_NE(r.out.find("src/config.cc:8 call ConfigValue"), std::string::npos) << r.out;
  r = Tia({"index", "-p", build});
  EXPECT_EQ(r.out, "tia: index is up to date (5 TUs, 0 changed)\n");
}

}  // namespace
}  // namespace tia
