// Finding the `// tia:build` line in a file header, and its error positions.
#include "tia/constraint/file.h"

#include <gtest/gtest.h>

#include "testing.h"

namespace tia::constraint {
namespace {

std::optional<FileConstraint> Scan(std::string_view content) {
  std::optional<FileConstraint> out;
  std::string err;
  EXPECT_TRUE(ScanConstraint(content, "t.cc", &out, &err)) << err;
  return out;
}

std::string ScanError(std::string_view content) {
  std::optional<FileConstraint> out;
  std::string err;
  EXPECT_FALSE(ScanConstraint(content, "tests/foo_test.cc", &out, &err)) << content;
  EXPECT_FALSE(out);
  return err;
}

TEST(ConstraintFile, FirstLine) {
  auto c = Scan("// tia:build linux && !asan\n#include <x>\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->line, 1);
  EXPECT_EQ(c->text, "linux && !asan");
  EXPECT_EQ(ToString(c->expr), "linux && !asan");
}

TEST(ConstraintFile, NoConstraint) {
  EXPECT_FALSE(Scan(""));
  EXPECT_FALSE(Scan("#include <gtest/gtest.h>\n"));
  EXPECT_FALSE(Scan("// just a comment\n\nint x;\n"));
}

TEST(ConstraintFile, AfterCommentsAndBlankLines) {
  auto c =
      Scan("// Copyright 2024\n\n   \n// tests for math\n// tia:build integration\n\nint x;\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->line, 5);
  EXPECT_EQ(c->text, "integration");
}

TEST(ConstraintFile, AfterBlockComments) {
  auto c =
      Scan("/* License\n * text // tia:build ignored\n */\n/* one-line */\n// tia:build a || b\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->line, 5);
  EXPECT_EQ(c->text, "a || b");
}

TEST(ConstraintFile, InsideBlockCommentIgnored) {
  EXPECT_FALSE(Scan("/*\n// tia:build linux\n*/\nint x;\n"));
}

TEST(ConstraintFile, AfterCodeIgnored) {
  EXPECT_FALSE(Scan("#pragma once\n// tia:build linux\n"));
  EXPECT_FALSE(Scan("int x; // tia:build linux\n"));
  EXPECT_FALSE(Scan("/* c */ int x;\n// tia:build linux\n"));
  // A later constraint after code is not a second constraint either.
  auto c = Scan("// tia:build a\nint x;\n// tia:build b\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->text, "a");
}

TEST(ConstraintFile, Spellings) {
  ASSERT_TRUE(Scan("//tia:build a\n"));
  ASSERT_TRUE(Scan("  \t// tia:build a\r\n"));
  EXPECT_EQ(Scan("  \t// tia:build a\r\n")->text, "a");
  ASSERT_TRUE(Scan("\xEF\xBB\xBF// tia:build a"));  // BOM, no final newline
  EXPECT_FALSE(Scan("// tia:builder a\n"));
  EXPECT_FALSE(Scan("// tia: build a\n"));
  EXPECT_FALSE(Scan("/* tia:build a */\n"));
  EXPECT_FALSE(Scan("/* x */ // tia:build a\n"));  // not at the start of the line
}

TEST(ConstraintFile, ErrorNamesFileLineColumn) {
  EXPECT_EQ(ScanError("// tia:build a && && b\n"),
            "tests/foo_test.cc:1:19: unexpected \"&&\": expected a tag, \"!\" or \"(\"");
  EXPECT_EQ(ScanError("// x\n\n  // tia:build !!x\n"),
            "tests/foo_test.cc:3:17: \"!!\" is not allowed (double negation)");
  EXPECT_EQ(ScanError("//tia:build (a\n"),
            "tests/foo_test.cc:1:15: missing \")\" to close \"(\" at column 13 (found end of "
            "expression)");
  EXPECT_EQ(ScanError("// tia:build\n"), "tests/foo_test.cc:1:13: empty expression");
  EXPECT_EQ(ScanError("// tia:build   \n"), "tests/foo_test.cc:1:16: empty expression");
}

TEST(ConstraintFile, TwoLinesIsAnError) {
  EXPECT_EQ(ScanError("// tia:build a\n// other\n// tia:build b\nint x;\n"),
            "tests/foo_test.cc:3:1: more than one tia:build line (first at line 1); combine "
            "them with &&");
}

TEST(ConstraintFile, ReadsFromDisk) {
  testing::ScratchDir dir("constraint_file");
  std::string path = dir.path() + "/x_test.cc";
  testing::WriteText(path, "// tia:build integration\n#include <gtest/gtest.h>\n");
  std::optional<FileConstraint> out;
  std::string err;
  ASSERT_TRUE(ReadFileConstraint(path, &out, &err)) << err;
  ASSERT_TRUE(out);
  EXPECT_EQ(out->text, "integration");

  testing::WriteText(path, "// tia:build a &\n");
  EXPECT_FALSE(ReadFileConstraint(path, &out, &err));
  EXPECT_EQ(err, path + ":1:16: \"&\" must be \"&&\"");

  EXPECT_FALSE(ReadFileConstraint(dir.path() + "/missing.cc", &out, &err));
  EXPECT_NE(err.find("missing.cc"), std::string::npos);
}

}  // namespace
}  // namespace tia::constraint
