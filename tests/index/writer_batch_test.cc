// The index writer's side that `tia index` drives: a batch of TUs is one transaction
// (rolled back when abandoned, the next batch still opens), and a TU's arguments are
// stored as the JSON array of the compile database, whatever characters they hold.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "testing.h"
#include "tia/store/index_store.h"

namespace tia {
namespace {

TuRecord Tu(const std::string& dir, const std::string& name) {
  TuRecord tu;
  tu.key = tu.file = dir + "/" + name;
  tu.directory = dir;
  tu.command_hash = "h";
  tu.arguments = {"c++", "-c", tu.file};
  return tu;
}

int64_t CountTus(IndexWriter& w) {
  Stmt st;
  std::string err;
  EXPECT_TRUE(w.db().Prepare("SELECT count(*) FROM tus", &st, &err)) << err;
  EXPECT_TRUE(st.Step());
  return st.Int(0);
}

TEST(IndexWriterBatch, AbandonedBatchIsRolledBackAndTheNextOneCommits) {
  testing::ScratchDir dir("writer_batch");
  IndexWriter w;
  std::string err;
  ASSERT_TRUE(w.Open(dir.path() + "/t.db", &err)) << err;
  ASSERT_TRUE(w.Begin(&err)) << err;
  ASSERT_TRUE(w.WriteTu(Tu(dir.path(), "a.cc"), {}, {}, &err)) << err;
  w.Abandon();
  EXPECT_EQ(CountTus(w), 0);
  ASSERT_TRUE(w.Begin(&err)) << err;
  ASSERT_TRUE(w.WriteTu(Tu(dir.path(), "b.cc"), {}, {}, &err)) << err;
  ASSERT_TRUE(w.Commit(&err)) << err;
  EXPECT_EQ(CountTus(w), 1);
  // Committed: abandoning afterwards changes nothing, and a commit without a batch is an error.
  w.Abandon();
  EXPECT_EQ(CountTus(w), 1);
  EXPECT_FALSE(w.Commit(&err));
  EXPECT_EQ(err, "no batch transaction is open");
}

TEST(IndexWriterBatch, ArgumentsAreAJsonArrayOfTheExactStrings) {
  testing::ScratchDir dir("writer_args");
  IndexWriter w;
  std::string err;
  ASSERT_TRUE(w.Open(dir.path() + "/t.db", &err)) << err;
  TuRecord tu = Tu(dir.path(), "a.cc");
  tu.arguments = {"c++",
                  "-DMSG=\"a \\\"quoted\\\" word\"",
                  "-DPATH=C:\\dir\\",
                  "-DTAB=\t",
                  "-DNL=\n\x01",
                  "-DUTF8=caf\xc3\xa9",
                  "-c",
                  tu.file};
  ASSERT_TRUE(w.Begin(&err)) << err;
  ASSERT_TRUE(w.WriteTu(tu, {}, {}, &err)) << err;
  ASSERT_TRUE(w.Commit(&err)) << err;
  Stmt st;
  ASSERT_TRUE(w.db().Prepare("SELECT arguments FROM tus", &st, &err)) << err;
  ASSERT_TRUE(st.Step());
  nlohmann::json stored = nlohmann::json::parse(st.Text(0));
  EXPECT_EQ(stored.get<std::vector<std::string>>(), tu.arguments);
}

}  // namespace
}  // namespace tia
