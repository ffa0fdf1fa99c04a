// Catch2 v2 and doctest TEST_CASEs in the index: framework, name and the function the
// macro defines as the body, with the body's calls (Debian's catch2 and doctest-dev).
#include <gtest/gtest.h>

#include <filesystem>

#include "index_testing.h"
#include "tia/store/db.h"

namespace tia {
namespace {

using testing::CommandResult;
using testing::Tia;

TEST(IndexCatchDoctest, TestCasesWithNamesAndBodies) {
  if (!std::filesystem::exists("/usr/include/catch2/catch.hpp") ||
      !std::filesystem::exists("/usr/include/doctest/doctest.h"))
    GTEST_SKIP() << "Debian packages catch2 and doctest-dev are not installed";
  testing::ScratchDir dir("index_catch_doctest");
  const std::string src = dir.path() + "/src", build = dir.path() + "/build";
  testing::WriteText(src + "/CMakeLists.txt",
                     "cmake_minimum_required(VERSION 3.20)\n"
                     "project(cases CXX)\n"
                     "set(CMAKE_EXPORT_COMPILE_COMMANDS ON)\n"
                     "add_executable(catch_cases catch_cases.cc)\n"
                     "add_executable(doctest_cases doctest_cases.cc)\n");
  testing::WriteText(src + "/catch_cases.cc",
                     "#define CATCH_CONFIG_MAIN\n"
                     "#include <catch2/catch.hpp>\n"
                     "int Twice(int x) { return 2 * x; }\n"
                     "TEST_CASE(\"twice, [doubled]\", \"[math]\") { REQUIRE(Twice(2) == 4); }\n"
                     "SCENARIO(\"plain scenario\") { CHECK(true); }\n"
                     "struct Fx { int v = 1; };\n"
                     "TEST_CASE_METHOD(Fx, \"with fixture\") { CHECK(Twice(v) == 2); }\n"
                     "TEST_CASE(\"a name in \" \"two literals\") { CHECK(Twice(1) == 2); }\n");
  testing::WriteText(src + "/doctest_cases.cc",
                     "#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN\n"
                     "#include <doctest/doctest.h>\n"
                     "int Thrice(int x) { return 3 * x; }\n"
                     "TEST_CASE(\"thrice\") { CHECK(Thrice(2) == 6); }\n");
  CommandResult r = testing::Run({"cmake", "-S", src, "-B", build, "-G", "Ninja"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  r = Tia({"index", "-p", build, "-j", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;

  Db db;
  std::string err;
  ASSERT_TRUE(db.Open(build + "/tia.db", false, &err)) << err;
  Stmt st;
  ASSERT_TRUE(
      db.Prepare("SELECT t.framework||'|'||t.macro||'|'||t.suite||'|'||t.name||'|'||"
                 "t.line||'|'||b.name FROM test_cases t JOIN symbols b ON "
                 "b.id=t.body_id ORDER BY t.framework, t.line",
                 &st, &err))
      << err;
  std::vector<std::string> cases;
  while (st.Step()) cases.push_back(st.Text(0));
  // Catch2 v2 names its functions ____C_A_T_C_H____T_E_S_T____<counter>, doctest
  // DOCTEST_ANON_FUNC_<counter>; the counters depend on the headers, so compare prefixes.
  ASSERT_EQ(cases.size(), 5u) << ::testing::PrintToString(cases);
  EXPECT_EQ(cases[0].substr(0, cases[0].rfind('|')), "catch2|TEST_CASE||twice, [doubled]|4");
  EXPECT_EQ(cases[1].substr(0, cases[1].rfind('|')), "catch2|SCENARIO||Scenario: plain scenario|5");
  EXPECT_EQ(cases[2].substr(0, cases[2].rfind('|')), "catch2|TEST_CASE_METHOD||with fixture|7");
  // Adjacent literals make one name, as the compiler joins them.
  EXPECT_EQ(cases[3].substr(0, cases[3].rfind('|')), "catch2|TEST_CASE||a name in two literals|8");
  EXPECT_EQ(cases[4].substr(0, cases[4].rfind('|')), "doctest|TEST_CASE||thrice|4");
  EXPECT_NE(cases[0].find("|C_A_T_C_H_T_E_S_T_"), std::string::npos) << cases[0];
  EXPECT_NE(cases[4].find("|DOCTEST_ANON_FUNC_"), std::string::npos) << cases[4];

  // The bodies call the functions under test.
  r = Tia({"callers", "-p", build, "c:@F@Twice#I#"});
  EXPECT_NE(r.out.find("C_A_T_C_H_T_E_S_T_"), std::string::npos) << r.out << r.err;
  r = Tia({"callers", "-p", build, "c:@F@Thrice#I#"});
  EXPECT_NE(r.out.find("DOCTEST_ANON_FUNC_"), std::string::npos) << r.out << r.err;
}

}  // namespace
}  // namespace tia
