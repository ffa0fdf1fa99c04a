// TuIndexer in-process on testdata/index_retry: flags clang rejects are dropped and the TU
// parsed again, and the parse that follows is what the record says (indexed, not failed).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "testing.h"
#include "tia/index/indexer.h"

namespace tia {
namespace {

CompileCommand RetryCommand(const std::vector<std::string>& defines) {
  CompileCommand cmd;
  cmd.directory = testing::TestdataDir() + "/index_retry";
  cmd.file = cmd.directory + "/retry.cc";
  cmd.key = cmd.file;
  cmd.arguments = {"c++", "-std=c++17"};
  cmd.arguments.insert(cmd.arguments.end(), defines.begin(), defines.end());
  cmd.arguments.insert(cmd.arguments.end(), {"-c", cmd.file, "-o", "retry.o"});
  return cmd;
}

bool HasCall(const IndexedTu& tu, const std::string& from, const std::string& to) {
  for (const Shard& s : tu.shards)
    for (const EdgeFact& e : s.edges)
      if (e.kind == EdgeKind::kCall && e.src_usr == from && e.dst_usr == to) return true;
  return false;
}

TEST(TuIndexerRetry, CleanParseIsIndexedOnce) {
  TuIndexer indexer(IndexerOptions{});
  IndexedTu tu = indexer.Index(RetryCommand({}));
  EXPECT_EQ(tu.record.status, TuStatus::kOk);
  EXPECT_TRUE(tu.dropped_args.empty());
  EXPECT_TRUE(HasCall(tu, "c:@F@Caller#", "c:@F@Answer#"));
}

// Each parse names one more flag: the third parse is clean and the TU is indexed.
TEST(TuIndexerRetry, TuThatParsesOnlyOnARetryIsIndexed) {
  TuIndexer indexer(IndexerOptions{});
  IndexedTu tu = indexer.Index(RetryCommand({"-DTIA_REJECT_1", "-DTIA_REJECT_2"}));
  EXPECT_EQ(tu.record.status, TuStatus::kOk);
  EXPECT_EQ(tu.dropped_args, (std::vector<std::string>{"-DTIA_REJECT_1", "-DTIA_REJECT_2"}));
  EXPECT_TRUE(tu.record.diagnostics.empty());
  EXPECT_TRUE(HasCall(tu, "c:@F@Caller#", "c:@F@Answer#"));
}

// The third parse still names a flag: it stands (a TU with errors and its facts), it is
// neither parsed a fourth time nor thrown away and recorded as failed.
TEST(TuIndexerRetry, LastParseStandsAsIndexedNotFailed) {
  TuIndexer indexer(IndexerOptions{});
  IndexedTu tu =
      indexer.Index(RetryCommand({"-DTIA_REJECT_1", "-DTIA_REJECT_2", "-DTIA_REJECT_3"}));
  EXPECT_EQ(tu.record.status, TuStatus::kErrors);
  EXPECT_EQ(tu.dropped_args, (std::vector<std::string>{"-DTIA_REJECT_1", "-DTIA_REJECT_2"}));
  ASSERT_EQ(tu.record.diagnostics.size(), 1u);
  EXPECT_EQ(tu.record.diagnostics[0].message, "unknown argument: '-DTIA_REJECT_3'");
  EXPECT_TRUE(HasCall(tu, "c:@F@Caller#", "c:@F@Answer#"));
  ASSERT_FALSE(tu.record.inputs.empty());
  EXPECT_EQ(tu.record.inputs[0].first, RetryCommand({}).file);
}

// A flag named as unknown that the command does not hold cannot be dropped: the first parse
// stands.
TEST(TuIndexerRetry, UnknownFlagNotInTheCommandStopsTheRetries) {
  TuIndexer indexer(IndexerOptions{});
  IndexedTu tu = indexer.Index(RetryCommand({"-DTIA_REJECT_1=1"}));
  EXPECT_EQ(tu.record.status, TuStatus::kErrors);
  EXPECT_TRUE(tu.dropped_args.empty());
  EXPECT_TRUE(HasCall(tu, "c:@F@Caller#", "c:@F@Answer#"));
}

}  // namespace
}  // namespace tia
