// Selection through template idioms (testdata/templates): each scenario changes one
// function that a test reaches only through a template, runs `tia select --format json`
// and checks the exact cases selected. One configured, built and indexed repository is
// shared by every case; cases take a file lock for their whole run.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "testing.h"
#include "walk_width.h"

namespace tia::testing {
namespace {

namespace fs = std::filesystem;

const std::string kRepo = std::string(TIA_TEST_SCRATCH_DIR) + "/select-templates";
const std::string kBuild = kRepo + "/build";

CommandResult Git(const std::vector<std::string>& args) {
  return GitIn(kRepo, args);
}

// The shared fixture, locked across the parallel processes of ctest.
struct RepoLock : FileLock {
  RepoLock() : FileLock(kRepo + ".lock") {}
};

// Copy, commit, configure, build and index, once per testdata content and tia binary.
void EnsureRepo() {
  const std::string stamp = FixtureStamp(TestdataDir() + "/templates");
  if (ReadText(kRepo + ".ready") == stamp) return;
  fs::remove_all(kRepo);
  CopyTree(TestdataDir() + "/templates", kRepo);
  ASSERT_EQ(Git({"init", "-q", "-b", "main"}).exit_code, 0);
  ASSERT_EQ(Git({"add", "-A"}).exit_code, 0);
  ASSERT_EQ(Git({"commit", "-qm", "base"}).exit_code, 0);
  CommandResult c =
      Run({"cmake", "-S", kRepo, "-B", kBuild, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug"});
  ASSERT_EQ(c.exit_code, 0) << c.out << c.err;
  CommandResult b = Run({"cmake", "--build", kBuild, "-j2"});
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  // One worker: every TU shares it, so a header template's instantiations in later TUs
  // must still be indexed.
  CommandResult i = Run({TiaBinary(), "index", "-p", kBuild, "-j", "1"});
  ASSERT_EQ(i.exit_code, 0) << i.out << i.err;
  WriteText(kRepo + ".ready", stamp);
}

void Restore() {
  ASSERT_EQ(Git({"reset", "-q", "--hard", "HEAD"}).exit_code, 0);
  ASSERT_EQ(Git({"clean", "-fdq", "-e", "build"}).exit_code, 0);
}

// "Suite.Case" for each selected test (gtest_discover_tests: one case per test).
std::vector<std::string> Selected(const nlohmann::json& j) {
  std::vector<std::string> out;
  for (const auto& t : j.at("tests")) out.push_back(t.at("name").get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}

struct Scenario {
  std::string name;
  std::string file, from, to;     // the edit
  std::vector<std::string> want;  // selected CTest tests
};

void PrintTo(const Scenario& s, std::ostream* os) {
  *os << s.name;
}

std::vector<Scenario> Scenarios() {
  return {
      // The case: format() is called by Formatter<Ctx>::operator(), which an
      // instantiated member template calls.
      {"NestedClassOfClassTemplate",
       "include/idioms/nested.h",
       "c.n += 1;",
       "c.n += 2;",
       {"Nested.VisitFormatsOnce"}},
      {"DependentCallable",
       "src/dependent.cc",
       "return x + 1;",
       "return 1 + x;",
       {"Dependent.Callable"}},
      // CallMember is one function for all its instantiations: both users are selected.
      {"DependentMember",
       "src/dependent.cc",
       "return 41;",
       "return 40 + 1;",
       {"Dependent.Member", "Dependent.MemberInAnotherTu"}},
      {"DependentMemberInstantiatedInALaterTu",
       "src/dependent_other.cc",
       "return 9;",
       "return 8 + 1;",
       {"Dependent.Member", "Dependent.MemberInAnotherTu"}},
      {"DependentStatic", "src/dependent.cc", "return 21;", "return 20 + 1;", {"Dependent.Static"}},
      {"ArgumentDependentLookup",
       "src/adl.cc",
       "return c.r * 2;",
       "return 2 * c.r;",
       {"Adl.DescribeCircle"}},
      {"Crtp", "src/crtp.cc", "return 6;", "return 5 + 1;", {"Crtp.RunCallsDerivedStep"}},
      {"MemberTemplate",
       "src/member_template.cc",
       "return 7;",
       "return 6 + 1;",
       {"MemberTemplate.AddsWeights"}},
      {"ForwardedFunction",
       "src/forwarding.cc",
       "return a + b + c;",
       "return c + b + a;",
       {"Forwarding.Function"}},
      // Invoke is one function for every F: both of its users are selected.
      {"ForwardedFunctionObject",
       "src/forwarding.cc",
       "return v * factor;",
       "return factor * v;",
       {"Forwarding.Function", "Forwarding.FunctionObject"}},
      // Both branches belong to Route, one function for both instantiations.
      {"ConstexprIfBranch",
       "src/constexpr_if.cc",
       "return x + 100;",
       "return 100 + x;",
       {"ConstexprIf.FloatingBranch", "ConstexprIf.IntegralBranch"}},
      {"GenericLambda",
       "src/generic_lambda.cc",
       "return v * 3;",
       "return 3 * v;",
       {"GenericLambda.Applies"}},
      {"AutoReturnType",
       "src/auto_return.cc",
       "return 4;",
       "return 3 + 1;",
       {"AutoReturn.Deduced"}},
      {"InstantiatedOnlyInATest",
       "src/only_in_tests.cc",
       "return 8;",
       "return 7 + 1;",
       {"OnlyInTests.WeighsParcel"}},
      {"TemplateInsideTemplate",
       "src/nested_templates.cc",
       "return 12;",
       "return 11 + 1;",
       {"NestedTemplates.OuterReachesInner"}},
      {"DefaultTemplateArgument",
       "src/default_args.cc",
       "return v - 1;",
       "return -1 + v;",
       {"DefaultArgs.PolicyApplies"}},
      {"AliasAndUsingMember",
       "src/aliases.cc",
       "return 3;",
       "return 2 + 1;",
       {"Aliases.StartsMotor"}},
      // TagOf is one function for every T: its three users are selected.
      {"ExplicitSpecialization",
       "src/specializations.cc",
       "return 2;",
       "return 1 + 1;",
       {"Specializations.Explicit", "Specializations.Partial", "Specializations.Primary"}},
      {"PartialSpecialization",
       "include/idioms/specializations.h",
       "return Traits<T>::Tag() + PointerBonus();",
       "return PointerBonus() + Traits<T>::Tag();",
       {"Specializations.Explicit", "Specializations.Partial", "Specializations.Primary"}},
      {"PrimaryTemplate",
       "src/specializations.cc",
       "return 1;\n}\n\nint PointerBonus",
       "return 0 + 1;\n}\n\nint PointerBonus",
       {"Specializations.Explicit", "Specializations.Partial", "Specializations.Primary"}},
      {"ExternTemplate",
       "src/extern_template.cc",
       "return v * 2;",
       "return 2 * v;",
       {"ExternTemplate.Accumulates"}},
      {"ConceptConstrained",
       "src/concepts.cc",
       "return 6;",
       "return 5 + 1;",
       {"Concepts.ConstrainedCall"}},
      // ~Keeper<Widget>() is instantiated only inside std::unique_ptr's deleter, whose body
      // libclang skips: the dependent call `T::Release` is found by its name.
      {"InstantiatedOnlyByTheStandardLibrary",
       "src/std_instantiated.cc",
       "count += 1;",
       "count += 2;",
       {"StdInstantiated.DestructorRunsInUniquePtr"}},
  };
}

CommandResult Tia(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {TiaBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("-p");
  argv.push_back(kBuild);
  return Run(argv, kRepo);
}

class TemplateScenario : public ::testing::TestWithParam<Scenario> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(EnsureRepo());
    ASSERT_NO_FATAL_FAILURE(Restore());
  }
  void TearDown() override { Restore(); }
  RepoLock lock_;
};

TEST_P(TemplateScenario, ExactSelection) {
  const Scenario& s = GetParam();
  ASSERT_NO_FATAL_FAILURE(EditFile(kRepo + "/" + s.file, s.from, s.to));
  CommandResult r = Tia({"select", "--base", "HEAD", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  std::vector<std::string> want = s.want;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(Selected(j), want) << r.out;
  EXPECT_FALSE(j.at("all").get<bool>()) << j.at("all_reason");
}

// The cold variant: only the head indexed (the shared database after `tia gc`); the base
// version of the changed file is indexed from git with one TU parse.
TEST_P(TemplateScenario, ColdStartSelectsTheSame) {
  const Scenario& s = GetParam();
  ASSERT_NO_FATAL_FAILURE(EditFile(kRepo + "/" + s.file, s.from, s.to));
  CommandResult index = Tia({"index"});
  ASSERT_EQ(index.exit_code, 0) << index.err;
  const std::string cold = kRepo + ".cold.db";
  fs::remove(cold);
  CommandResult copy = testing::Run({"sqlite3", kBuild + "/tia.db", "VACUUM INTO '" + cold + "'"});
  ASSERT_EQ(copy.exit_code, 0) << copy.err;
  ASSERT_EQ(Tia({"gc", "--db", cold}).exit_code, 0);
  CommandResult r = Tia({"select", "--base", "HEAD", "--format", "json", "--db", cold, "-v"});
  fs::remove(cold);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  std::vector<std::string> want = s.want;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(Selected(j), want) << r.out << r.err;
  EXPECT_FALSE(j.at("all").get<bool>()) << j.at("all_reason");
  EXPECT_NE(r.err.find("tia: indexed 1 of 1 file version from git in 1 TU parse"),
            std::string::npos)
      << r.err;
}

INSTANTIATE_TEST_SUITE_P(Idioms, TemplateScenario, ::testing::ValuesIn(Scenarios()),
                         [](const auto& info) { return info.param.name; });

// The reason chain of the reproducer names both halves of the call.
TEST(TemplateChains, NestedClassChainNamesThePatterns) {
  RepoLock lock;
  ASSERT_NO_FATAL_FAILURE(EnsureRepo());
  ASSERT_NO_FATAL_FAILURE(Restore());
  ASSERT_NO_FATAL_FAILURE(EditFile(kRepo + "/include/idioms/nested.h", "c.n += 1;", "c.n += 2;"));
  CommandResult r = Tia({"why", "Nested.VisitFormatsOnce", "--base", "HEAD"});
  Restore();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Nested.VisitFormatsOnce is selected:\n"
            "  changed method idioms::Arg::Handle::format (include/idioms/nested.h:14)\n"
            "  → called by idioms::Formatter::operator() (include/idioms/nested.h:25)\n"
            "  → called by idioms::Arg::visit (include/idioms/nested.h:18)\n"
            "  → called by idioms::RunVisit (src/nested.cc:7)\n"
            "  → called by (anonymous namespace)::Nested_VisitFormatsOnce_Test::TestBody "
            "(tests/idioms_test.cc:24)\n"
            "  → Nested.VisitFormatsOnce\n");
}

// One walk for all executables selects what one walk per executable selects, through
// dependent names, class-of hops and every other idiom of the project.
TEST(TemplateChains, OneWalkForAllExecutablesSelectsAsOneWalkEach) {
  RepoLock lock;
  ASSERT_NO_FATAL_FAILURE(EnsureRepo());
  ASSERT_NO_FATAL_FAILURE(Restore());
  EXPECT_GT(ExpectSameSelectionAtEveryWidth(kBuild, kRepo, 1u), 20u);
}

// A specialization's own USR and a name spelled with template arguments find the symbol
// its facts are recorded under.
TEST(TemplateChains, CallersAnswerForEitherSpelling) {
  RepoLock lock;
  ASSERT_NO_FATAL_FAILURE(EnsureRepo());
  const std::string want = "include/idioms/nested.h:18 call idioms::Arg::visit\n";
  EXPECT_EQ(Tia({"callers", "idioms::Formatter::operator()"}).out, want);
  EXPECT_EQ(Tia({"callers", "idioms::Formatter<idioms::Ctx>::operator()"}).out, want);
  CommandResult usr = testing::Run({"sqlite3", kBuild + "/tia.db",
                                    "SELECT usr FROM symbol_aliases WHERE usr LIKE "
                                    "'c:@N@idioms@S@Formatter>#$@N@idioms@S@Ctx@F@operator()%'"});
  ASSERT_EQ(usr.exit_code, 0) << usr.err;
  ASSERT_FALSE(usr.out.empty());
  EXPECT_EQ(Tia({"callers", usr.out.substr(0, usr.out.find('\n'))}).out, want);
}

// Calls an instantiation makes through its template argument are recorded for every TU,
// also when one worker indexes a later TU after the header was parsed for an earlier one.
TEST(TemplateChains, InstantiationsOfEveryTuAreIndexed) {
  RepoLock lock;
  ASSERT_NO_FATAL_FAILURE(EnsureRepo());
  // The call of each instantiation, and the pattern's call by name.
  const std::string want =
      "include/idioms/dependent.h:14 call idioms::CallMember\n"
      "include/idioms/dependent.h:14 dependent-call idioms::CallMember\n";
  EXPECT_EQ(Tia({"callers", "idioms::Meter::Value"}).out, want);
  EXPECT_EQ(Tia({"callers", "idioms::Holder::Value"}).out, want);
}

}  // namespace
}  // namespace tia::testing
