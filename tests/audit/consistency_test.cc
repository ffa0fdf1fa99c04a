// Static coverage is the dual of selection: a function counts as reached exactly when
// `tia tests-for` on it (SelectForEntities) selects a test. Checked for every project
// function of testdata/audit and testdata/sample, in-process, on real indexes.
#include <gtest/gtest.h>

#include <string>

#include "audit_project.h"
#include "sample_build.h"
#include "tia/audit/audit.h"
#include "tia/select/session.h"

namespace tia::testing {
namespace {

void ExpectCoverageMatchesSelection(const std::string& build, size_t min_functions,
                                    bool some_unreached) {
  Session s;
  SessionOptions o;
  o.build_dir = build;
  o.need_repo = false;
  std::string err;
  ASSERT_TRUE(s.Open(o, &err)) << err;
  AuditModel m;
  ASSERT_TRUE(m.Load(s.context(), &err)) << err;
  StaticCoverage c = ComputeStaticCoverage(m);
  EXPECT_GE(c.functions.size(), min_functions);
  size_t reached = 0;
  for (const CoveredFunction& f : c.functions) {
    const GraphSymbol& sym = m.graph().symbol(f.node);
    ChangedEntity seed{f.node, m.graph().files()[f.file], f.line,
                       std::string(SymbolKindName(sym.kind)) + " " + sym.qualified_name};
    Selection sel;
    SelectForEntities(s.context(), {seed}, &sel);
    EXPECT_EQ(!sel.tests.empty(), f.reached)
        << sym.qualified_name << " at " << m.Rel(f.file) << ":" << f.line << " selects "
        << sel.tests.size() << " tests";
    reached += f.reached;
  }
  EXPECT_GT(reached, 0u);
  if (some_unreached) {
    EXPECT_LT(reached, c.functions.size());
  }
}

TEST(CoverageConsistencyTest, AuditProject) {
  std::string dir = SharedAuditProject();
  ExpectCoverageMatchesSelection(dir + "/build", 16, true);
}

TEST(CoverageConsistencyTest, SampleProject) {
  std::string build = SharedSampleBuild();
  CommandResult r = Tia({"index", "-p", build});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  // Every function of the sample is tested.
  ExpectCoverageMatchesSelection(build, 18, false);
}

}  // namespace
}  // namespace tia::testing
