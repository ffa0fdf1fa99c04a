// An executable whose link closure compiles a source the index does not hold (missing
// from the compile database, or a path that does not match) must not be narrowed: tia
// cannot see all the code it runs, so its tests are selected on any change.
#include <gtest/gtest.h>

#include "../index/index_testing.h"
#include "tia/select/selector.h"
#include "tia/store/db.h"

namespace tia {
namespace {

TEST(UnindexedSource, ExecutableWithUnindexedSourceIsSelectedWhole) {
  testing::ScratchDir dir("select_unindexed");
  std::string build = testing::ConfigureSample(dir.path());
  // callbacks.cc is compiled into `shapes`, which shapes_test links: leave it out.
  ASSERT_EQ(testing::DropCompileCommands(build, "callbacks.cc"), 1);
  testing::CommandResult r = testing::Tia({"index", "-p", build});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  Db db;
  std::string err;
  ASSERT_TRUE(db.Open(build + "/tia.db", false, &err)) << err;
  BuildModel model;
  ASSERT_TRUE(LoadFileApi(build, &model, &err)) << err;
  const Target* exe = model.FindTarget("shapes_test");
  ASSERT_NE(exe, nullptr);
  CTestTest t;
  t.name = "shapes_all";
  t.command = {exe->artifacts.at(0)};
  t.target_name = "shapes_test";
  model.tests.push_back(t);
  CodeGraph graph;
  ASSERT_TRUE(graph.Load(db, &err)) << err;
  TestModel tests;
  tests.Build(model, graph);
  ASSERT_EQ(tests.executables().size(), 1u);
  EXPECT_NE(tests.executables()[0].unindexed_source.find("src/callbacks.cc"), std::string::npos);

  // Any change now selects the test whole, with the reason.
  SelectContext ctx;
  ctx.db = &db;
  ctx.build = &model;
  ctx.graph = &graph;
  ctx.tests = &tests;
  std::vector<ChangedEntity> seeds;
  ASSERT_TRUE(ResolveTarget(ctx, dir.path() + "/src/src/config.cc", &seeds, &err)) << err;
  Selection sel;
  SelectForEntities(ctx, seeds, &sel);
  ASSERT_EQ(sel.tests.size(), 1u);
  EXPECT_TRUE(sel.tests[0].whole);
  ASSERT_FALSE(sel.tests[0].cases.empty());
  EXPECT_NE(sel.tests[0].cases[0].chain.at(0).find("which is not in the index"), std::string::npos)
      << sel.tests[0].cases[0].chain.at(0);
}

}  // namespace
}  // namespace tia
