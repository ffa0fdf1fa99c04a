// CodeGraph over the database of a real index (the tia binary, libclang) of a small
// project: symbols by name and USR, call edges from both ends with their locations,
// class members and declarations.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "testing.h"
#include "tia/graph/code_graph.h"
#include "tia/store/db.h"
#include "tia/util/strings.h"

namespace tia {
namespace {

using testing::CommandResult;

class CodeGraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string& d = dir_.path();
    testing::WriteText(d + "/shapes.h",
                       "#pragma once\n"
                       "int Twice(int x);\n"
                       "struct Shape {\n"
                       "  int Area() const;\n"
                       "  int side = 2;\n"
                       "};\n");
    testing::WriteText(d + "/shapes.cc",
                       "#include \"shapes.h\"\n"
                       "int Twice(int x) { return 2 * x; }\n"
                       "int Shape::Area() const { return Twice(side) * side; }\n"
                       "int Total() { Shape s; return s.Area() + Twice(1); }\n");
    testing::WriteText(
        d + "/compile_commands.json",
        "[{\"directory\":\"" + d +
            "\",\"file\":\"shapes.cc\",\"arguments\":[\"c++\",\"-c\",\"shapes.cc\"]}]");
    CommandResult r = testing::Run({testing::TiaBinary(), "index", "-p", d});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    std::string err;
    ASSERT_TRUE(db_.Open(d + "/tia.db", false, &err)) << err;
    ASSERT_TRUE(graph_.Load(db_, &err)) << err;
  }

  // The one node whose qualified name is `q`.
  NodeId Node(const std::string& q) {
    NodeId found = kNoNode;
    for (NodeId n : graph_.Lookup(q)) {
      if (graph_.symbol(n).qualified_name != q) continue;
      EXPECT_EQ(found, kNoNode) << "two nodes named " << q;
      found = n;
    }
    EXPECT_NE(found, kNoNode) << q;
    return found;
  }

  std::vector<NodeId> Others(std::span<const GraphEdge> edges) {
    std::vector<NodeId> out;
    for (const GraphEdge& e : edges) out.push_back(e.other);
    return out;
  }

  static bool Has(const std::vector<NodeId>& v, NodeId n) {
    return std::find(v.begin(), v.end(), n) != v.end();
  }

  testing::ScratchDir dir_{"code_graph"};
  Db db_;
  CodeGraph graph_;
};

TEST_F(CodeGraphTest, SymbolsByNameAndUsr) {
  NodeId twice = Node("Twice");
  ASSERT_NE(twice, kNoNode);
  EXPECT_EQ(graph_.symbol(twice).name, "Twice");
  EXPECT_EQ(graph_.FindUsr(graph_.symbol(twice).usr), twice);
  EXPECT_EQ(graph_.Lookup(graph_.symbol(twice).usr), std::vector<NodeId>{twice});
  EXPECT_EQ(graph_.FindUsr("c:@F@NoSuchFunction#"), kNoNode);
  EXPECT_TRUE(graph_.Lookup("NoSuchFunction").empty());
}

TEST_F(CodeGraphTest, CallEdgesFromBothEndsWithTheirLocations) {
  NodeId twice = Node("Twice"), area = Node("Shape::Area"), total = Node("Total");
  ASSERT_NE(twice, kNoNode);
  ASSERT_NE(area, kNoNode);
  ASSERT_NE(total, kNoNode);
  std::vector<NodeId> callers = Others(graph_.In(twice));
  EXPECT_TRUE(Has(callers, area));
  EXPECT_TRUE(Has(callers, total));
  EXPECT_FALSE(Has(callers, twice));
  std::vector<NodeId> callees = Others(graph_.Out(total));
  EXPECT_TRUE(Has(callees, twice));
  EXPECT_TRUE(Has(callees, area));
  EXPECT_TRUE(Has(Others(graph_.In(area)), total));
  // The use of Twice in Total is on line 4 of shapes.cc.
  bool located = false;
  for (const GraphEdge& e : graph_.In(twice))
    if (e.other == total) located |= e.line == 4 && EndsWith(graph_.files()[e.file], "shapes.cc");
  EXPECT_TRUE(located);
  // Nothing calls Total.
  for (const GraphEdge& e : graph_.In(total)) EXPECT_NE(e.kind, EdgeKind::kCall);
}

TEST_F(CodeGraphTest, MembersAndDeclarations) {
  NodeId shape = Node("Shape"), area = Node("Shape::Area"), twice = Node("Twice");
  ASSERT_NE(shape, kNoNode);
  EXPECT_TRUE(Has(graph_.Members(shape), area));
  EXPECT_FALSE(Has(graph_.Members(shape), twice));
  bool header_decl = false, definition = false;
  for (const GraphDecl& d : graph_.Decls(twice)) {
    const std::string& f = graph_.files()[d.file];
    header_decl |= !d.is_definition && d.line_start == 2 && EndsWith(f, "shapes.h");
    definition |= d.is_definition && d.line_start == 2 && EndsWith(f, "shapes.cc");
  }
  EXPECT_TRUE(header_decl);
  EXPECT_TRUE(definition);
}

}  // namespace
}  // namespace tia
