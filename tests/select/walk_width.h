// The reverse walk serves up to 64 test executables at once (SelectContext::walk_width):
// for every entity defined in a project's sources, the selection `tia tests-for` makes of
// it must be the same, reasons and all, whether each executable is walked alone (width 1,
// the walk of one executable), two at a time (several batches) or all together.
#pragma once

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "tia/select/session.h"
#include "tia/util/strings.h"

namespace tia::testing {

// Everything a selection says, as text: tests, cases, names, patterns and reason chains.
inline std::string SelectionText(const Selection& s) {
  std::ostringstream out;
  out << "all=" << s.all << " " << s.all_reason << " executables=" << s.selected_executables
      << "\n";
  for (const SelectedTest& t : s.tests) {
    out << t.name << " (" << t.executable << ")" << (t.whole ? " whole" : "") << "\n";
    for (const SelectedCase& c : t.cases)
      out << "  " << c.name << " [" << c.pattern << "] #" << c.test_case << ": "
          << Join(c.chain, " | ") << "\n";
  }
  return out.str();
}

// Returns the number of entities compared (so a caller can check that some were). With
// three executables or more, width 2 walks several batches.
inline size_t ExpectSameSelectionAtEveryWidth(const std::string& build, const std::string& root,
                                              size_t min_executables) {
  Session s;
  SessionOptions o;
  o.build_dir = build;
  std::string err;
  EXPECT_TRUE(s.Open(o, &err)) << err;
  if (!err.empty()) return 0;
  const CodeGraph& g = s.graph();
  EXPECT_GE(s.tests().executables().size(), min_executables);
  TestRoots roots = FindTestRoots(g);
  size_t compared = 0, selecting = 0;
  for (NodeId n = 0; n < g.size(); ++n) {
    const GraphDecl* def = nullptr;
    for (const GraphDecl& d : g.Decls(n))
      if (d.is_definition && StartsWith(g.files()[d.file], root + "/")) def = &d;
    if (!def) continue;
    const GraphSymbol& sym = g.symbol(n);
    ChangedEntity seed{n, g.files()[def->file].substr(root.size() + 1), def->line_start,
                       std::string(SymbolKindName(sym.kind)) + " " + sym.qualified_name};
    std::string at_width[3];
    size_t widths[3] = {64, 2, 1};
    for (int w = 0; w < 3; ++w) {
      SelectContext ctx = s.context();
      ctx.roots = &roots;
      ctx.walk_width = widths[w];
      Selection sel;
      SelectForEntities(ctx, {seed}, &sel);
      at_width[w] = SelectionText(sel);
      if (w == 0 && !sel.tests.empty()) ++selecting;
    }
    EXPECT_EQ(at_width[0], at_width[2]) << sym.qualified_name << ": all together vs one by one";
    EXPECT_EQ(at_width[1], at_width[2]) << sym.qualified_name << ": two at a time vs one by one";
    ++compared;
  }
  EXPECT_GT(selecting, 0u);
  return compared;
}

}  // namespace tia::testing
