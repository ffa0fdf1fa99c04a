// Test selection (see tia/select/selector.h): assembles the selection of CTest tests from
// the classified changes (classify.h) and the walk of each test executable (walk.h).
#include "tia/select/selector.h"

#include <algorithm>
#include <map>
#include <set>

#include "classify.h"
#include "tia/select/coverage.h"
#include "tia/util/fs.h"
#include "tia/util/strings.h"
#include "walk.h"

namespace tia {
namespace {

// The selection of a whole test, with the reason.
SelectedCase WholeCase(std::string reason) {
  SelectedCase c;
  c.chain.push_back(std::move(reason));
  return c;
}

// Turns per-executable results into the selection of CTest tests.
void Assemble(const SelectContext& ctx, const std::vector<ChangedEntity>& seeds,
              const std::vector<std::pair<uint32_t, std::string>>& file_level,
              const std::vector<std::pair<const PathRule*, std::string>>& rule_hits,
              const std::vector<std::pair<std::string, std::string>>& registrations,
              Selection* out) {
  const CodeGraph& g = *ctx.graph;
  const TestModel& model = *ctx.tests;
  out->total_tests = model.tests().size();
  out->total_executables = model.executables().size();
  std::vector<Walker::ExeResult> results;
  if (!out->all) {
    Walker walker(ctx, seeds);
    results = walker.WalkAll(model.executables(), file_level, ctx.walk_width);
  }
  bool anything = out->all || !seeds.empty() || !file_level.empty() || !rule_hits.empty();
  std::set<int> exes;
  for (const TestEntry& t : model.tests()) {
    SelectedTest st;
    st.name = t.ctest.name;
    st.labels = t.ctest.labels;
    if (t.exe >= 0) st.executable = model.executables()[t.exe].target;
    if (out->all) {
      st.whole = true;
      st.cases.push_back(WholeCase(out->all_reason));
    } else {
      for (const auto& [rule, reason] : rule_hits) {
        bool hit = false;
        for (const auto& glob : rule->tests) hit |= GlobMatch(glob, t.ctest.name);
        for (const auto& l : rule->labels)
          hit |= std::find(t.ctest.labels.begin(), t.ctest.labels.end(), l) != t.ctest.labels.end();
        if (hit) {
          st.whole = true;
          st.cases = {WholeCase(reason)};
          break;
        }
      }
      // Fixture set-up/clean-up tests run because selected tests require them (ctest and
      // tia run add them), not because of the change itself.
      bool fixture_only = !t.ctest.fixtures_setup.empty() || !t.ctest.fixtures_cleanup.empty();
      if (!st.whole && t.exe < 0 && anything && !fixture_only) {
        st.whole = true;
        st.cases.push_back(
            WholeCase("runs a command tia cannot analyse (" +
                      (t.ctest.command.empty() ? std::string("none") : t.ctest.command[0]) + ")"));
      }
      if (!st.whole && t.exe >= 0 && anything &&
          !model.executables()[t.exe].unindexed_source.empty()) {
        const TestExecutable& e = model.executables()[t.exe];
        st.whole = true;
        st.cases.push_back(
            WholeCase(e.target + " compiles " +
                      RelativeTo(e.unindexed_source, ctx.repo ? ctx.repo->workdir() : "") +
                      (e.unindexed_failed ? ", which failed to index (tia stats lists why)"
                                          : ", which is not in the index")));
      }
      if (!st.whole && t.exe >= 0) {
        const Walker::ExeResult& r = results[t.exe];
        if (!r.all_reason.empty() && r.touched) {
          st.whole = true;
          st.cases.push_back(WholeCase(r.all_reason));
        } else if (t.own.kind() == OwnSelection::Kind::kListing && t.cases_known) {
          // A listing prints the registered cases, not what their bodies do.
          for (const auto& [path, reason] : registrations) {
            int f = g.FileIndex(path);
            if (f >= 0 && !model.executables()[t.exe].HasFile(static_cast<uint32_t>(f))) continue;
            st.whole = true;
            st.cases.push_back(
                WholeCase(reason + " → " + t.ctest.name + " lists them (" + t.own.text() + ")"));
            break;
          }
        } else if (!t.cases_known && r.touched) {
          st.whole = true;
          st.cases.push_back(WholeCase(Join(r.first_chain, " → ") + " → linked into " +
                                       model.executables()[t.exe].target));
        } else {
          for (size_t c : t.cases) {
            auto it = r.cases.find(c);
            if (it == r.cases.end()) continue;
            const GraphTestCase& tc = g.test_cases()[c];
            std::string anonymous;
            if (tc.name.empty() && tc.framework != "gtest") {
              // Catch2 and doctest name an anonymous TEST_CASE by a counter over the whole
              // program ("Anonymous test case 3"): known only for Catch2's only one.
              anonymous = TestModel::AnonymousName(g, t, c);
              if (anonymous.empty()) {
                st.whole = true;
                st.cases = {WholeCase(Join(it->second, " → ") + "an anonymous " + tc.macro +
                                      " (the program names it by its registration order)")};
                break;
              }
            }
            SelectedCase sc;
            sc.name = anonymous.empty() ? TestModel::CaseName(tc) : anonymous;
            sc.pattern = TestModel::GtestPattern(tc);
            sc.chain = it->second;
            if (!anonymous.empty() && !sc.chain.empty() && sc.chain.back().empty())
              sc.chain.back() = anonymous;
            sc.test_case = static_cast<int>(c);
            st.cases.push_back(std::move(sc));
          }
          if (!st.cases.empty() && st.cases.size() == t.cases.size() && !t.single_case)
            st.whole = true;
        }
      }
    }
    if (st.cases.empty()) continue;
    if (t.exe >= 0) exes.insert(t.exe);
    out->tests.push_back(std::move(st));
  }
  out->selected_executables = exes.size();
  for (const auto& s : seeds)
    if (s.node != kNoNode && IsFunctionKind(g.symbol(s.node).kind)) ++out->changed_functions;
}

// Whether the recorded case `recorded` (a name the program printed) is the selected case
// `sc` of `tc`.
bool RecordedIs(const std::string& recorded, const SelectedCase& sc, const GraphTestCase* tc) {
  if (recorded == sc.name) return true;
  if (!tc || tc->framework != "gtest") return false;
  size_t start = 0;
  for (;;) {
    size_t colon = sc.pattern.find(':', start);
    std::string_view p =
        std::string_view(sc.pattern)
            .substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (!p.empty() && WildcardMatch(p, recorded)) return true;
    if (colon == std::string::npos) return false;
    start = colon + 1;
  }
}

// The cases of CTest test `test`, each with `chain` (the reason its whole test was
// selected) and its name; empty when they cannot each be named and run alone (a command
// tia cannot see, a listing, cases tia does not know, an anonymous doctest case or more than
// one anonymous Catch2 case, an executable with code outside the index).
std::vector<SelectedCase> EachCase(const SelectContext& ctx, const std::string& test,
                                   const std::vector<std::string>& chain) {
  const TestModel& model = *ctx.tests;
  const CodeGraph& g = *ctx.graph;
  for (const TestEntry& t : model.tests()) {
    if (t.ctest.name != test) continue;
    if (t.exe < 0 || !t.cases_known || t.single_case || t.cases.empty() ||
        t.own.kind() == OwnSelection::Kind::kListing ||
        !model.executables()[t.exe].unindexed_source.empty())
      return {};
    std::vector<SelectedCase> out;
    for (size_t c : t.cases) {
      const GraphTestCase& tc = g.test_cases()[c];
      SelectedCase sc;
      sc.name = TestModel::CaseName(tc);
      if (tc.name.empty() && tc.framework != "gtest") {
        sc.name = TestModel::AnonymousName(g, t, c);
        if (sc.name.empty()) return {};
      }
      sc.pattern = TestModel::GtestPattern(tc);
      sc.test_case = static_cast<int>(c);
      sc.chain = chain;
      sc.chain.push_back(sc.name);
      out.push_back(std::move(sc));
    }
    return out;
  }
  return {};
}

// Adds to `st` the cases of its recorded test `rec` that ran a changed function and that
// `st` does not hold yet (with `unrecorded`, also its cases without a record): by name when
// each case of the test can be named and run alone (EachCase), else `st` becomes whole.
template <typename RanFn, typename TextFn>
void AddRan(const SelectContext& ctx,
            const std::pair<const std::string, std::vector<CoverageIndex::Case>>& rec,
            const RanFn& ran_changed, const TextFn& ran_text, bool unrecorded, SelectedTest* st) {
  const CodeGraph& g = *ctx.graph;
  auto case_of = [&](const SelectedCase& sc) {
    return sc.test_case >= 0 ? &g.test_cases()[static_cast<size_t>(sc.test_case)] : nullptr;
  };
  NodeId first = kNoNode;
  std::string first_case;
  for (const auto& c : rec.second) {
    NodeId ran = ran_changed(c);
    if (ran == kNoNode) continue;
    first = ran;
    first_case = c.command ? st->name + "'s CTest command" : c.name.empty() ? st->name : c.name;
    break;
  }
  if (first == kNoNode) return;
  for (const auto& c : rec.second)
    if (c.command && c.recorded && ran_changed(c) == kNoNode) return;
  std::vector<SelectedCase> add;
  std::vector<SelectedCase> each = EachCase(ctx, st->name, {});
  for (SelectedCase& sc : each) {
    bool have = false;
    for (const SelectedCase& o : st->cases) have |= o.name == sc.name;
    if (have) continue;
    bool recorded = false;
    NodeId ran = kNoNode;
    for (const auto& c : rec.second) {
      if (c.name.empty() || !c.recorded || !RecordedIs(c.name, sc, case_of(sc))) continue;
      recorded = true;
      if (ran == kNoNode) ran = ran_changed(c);
    }
    if (ran == kNoNode && !(unrecorded && !recorded)) continue;
    std::string why = ran != kNoNode
                          ? "changed " + g.symbol(ran).qualified_name + " → " + ran_text(ran) +
                                ", through code the code graph has no path for"
                          : "changed functions the code graph does not follow here; "
                            "nothing was recorded for this case";
    sc.chain = {why, sc.name};
    add.push_back(std::move(sc));
  }
  if (!each.empty()) {
    // Every recorded case that ran one must be among st's cases and `add`. The CTest
    // command's own record is placed by the cases that ran one; when none did, the command
    // ran it where tia's single-case runs did not (the framework's reporter, code between
    // cases): the test runs whole.
    bool case_ran = false;
    for (const auto& c : rec.second) case_ran |= !c.command && ran_changed(c) != kNoNode;
    bool all_placed = true;
    for (const auto& c : rec.second) {
      if (ran_changed(c) == kNoNode || (c.command && case_ran)) continue;
      bool placed = false;
      for (const auto* list : {&st->cases, &add})
        for (const SelectedCase& sc : *list)
          placed |= sc.name.empty() || RecordedIs(c.name, sc, case_of(sc));
      all_placed &= placed;
    }
    if (all_placed) {
      for (SelectedCase& sc : add) st->cases.push_back(std::move(sc));
      return;
    }
  }
  st->whole = true;
  st->cases = {WholeCase("changed " + g.symbol(first).qualified_name + " → " + first_case + " " +
                         ran_text(first) + ", through code the code graph has no path for")};
}

// Keeps, of the code graph's selection `sel` for `covered` (functions changed inside their
// bodies, all described by the coverage), the cases that ran one of them when the coverage
// was recorded, and those nothing was recorded for; a test whose recorded case ran one and
// that the code graph did not select is selected whole. With `framework` (the changed
// functions are the test framework's own), a test recorded case by case none of whose
// cases ran one keeps the code graph's selection: tia ran each case with a case filter and
// its own report flags (Catch2's and doctest's replace the reporter CTest's command uses),
// so framework code no case ran may still run under CTest's command. A test recorded whole
// ran CTest's command itself.
void NarrowByCoverage(const SelectContext& ctx, const std::vector<ChangedEntity>& covered,
                      bool framework, Selection* sel) {
  const CoverageIndex& cov = *ctx.coverage;
  const CodeGraph& g = *ctx.graph;
  std::vector<NodeId> changed;
  for (const auto& e : covered) changed.push_back(e.node);
  std::sort(changed.begin(), changed.end());
  // The first changed function the case ran, or kNoNode.
  auto ran_changed = [&](const CoverageIndex::Case& c) -> NodeId {
    for (NodeId n : changed)
      if (std::binary_search(c.ran.begin(), c.ran.end(), n)) return n;
    return kNoNode;
  };
  std::string commit = cov.commit.substr(0, 12);
  auto ran_text = [&](NodeId n) {
    return "ran " + g.symbol(n).qualified_name + " when coverage was recorded at " + commit;
  };
  sel->coverage_commit = cov.commit;
  std::set<std::string> seen_tests;
  for (auto it = sel->tests.begin(); it != sel->tests.end();) {
    SelectedTest& st = *it;
    seen_tests.insert(st.name);
    auto rec = cov.tests.find(st.name);
    // Nothing recorded for the test, or it runs code outside the compile database (built
    // without the coverage notes recording checked): the code graph decides.
    const TestEntry* entry = nullptr;
    for (const TestEntry& t : ctx.tests->tests())
      if (t.ctest.name == st.name) entry = &t;
    if (rec == cov.tests.end() || !entry || entry->exe < 0 ||
        !ctx.tests->executables()[entry->exe].unindexed_source.empty()) {
      ++it;
      continue;
    }
    const CoverageIndex::Case* whole = nullptr;
    bool any_ran = false;
    for (const auto& c : rec->second) {
      if (c.name.empty()) whole = &c;
      any_ran |= ran_changed(c) != kNoNode;
    }
    // The CTest command, run whole when coverage was recorded, ran none of the changed
    // functions: it runs the same at the new version, whatever tia's runs of single cases
    // ran (tia's own report flags, a case alone doing set-up the whole run does once).
    if (whole && whole->command && whole->recorded && ran_changed(*whole) == kNoNode) {
      for (SelectedCase& sc : st.cases) {
        if (!sc.chain.empty()) sc.chain.insert(sc.chain.end() - 1, kCommandRanNone);
        ++sel->coverage_left_out;
        sel->left_out.push_back({st.name, std::move(sc)});
      }
      it = sel->tests.erase(it);
      continue;
    }
    // Without a record of the CTest command itself, framework code no case ran is not
    // known not to run under it; and when the cases ran without the command's reporter
    // (doctest, Catch2 2), framework code the command ran may run under that reporter in
    // any case.
    bool reporter_ran = framework && whole && whole->command && whole->recorded &&
                        cov.reporter_replaced.count(st.name) && ran_changed(*whole) != kNoNode;
    if (reporter_ran) {
      for (SelectedCase& sc : st.cases)
        if (!sc.chain.empty())
          sc.chain.insert(sc.chain.end() - 1,
                          "its CTest command ran it when coverage was recorded at " + commit +
                              ", and its cases ran without the reporter that command uses");
      ++it;
      continue;
    }
    if (framework && !whole && !any_ran) {
      for (SelectedCase& sc : st.cases)
        if (!sc.chain.empty())
          sc.chain.insert(sc.chain.end() - 1,
                          "no case ran it when coverage was recorded at " + commit +
                              ", but CTest's command may: it differs from tia's runs of single "
                              "cases in the framework's own code");
      ++it;
      continue;
    }
    // A test the code graph selects whole (every case reaches the change: through main, a
    // static initializer, ...) is looked at case by case when each is named.
    if ((!whole || whole->command) && st.cases.size() == 1 && st.cases[0].name.empty()) {
      if (std::vector<SelectedCase> each = EachCase(ctx, st.name, st.cases[0].chain); !each.empty())
        st.cases = std::move(each);
    }
    std::vector<SelectedCase> kept;
    for (SelectedCase& sc : st.cases) {
      if (sc.name.empty()) {
        // The test as a whole: left out only when it ran as one recorded process.
        if (whole && whole->recorded && ran_changed(*whole) == kNoNode) {
          ++sel->coverage_left_out;
          sel->left_out.push_back({st.name, std::move(sc)});
          continue;
        }
        kept.push_back(std::move(sc));
        continue;
      }
      const GraphTestCase* tc =
          sc.test_case >= 0 ? &g.test_cases()[static_cast<size_t>(sc.test_case)] : nullptr;
      // Left out only when every record of it (each instance of a parameterized case) has
      // data and none ran a changed function.
      bool recorded = false, unrecorded = false;
      NodeId ran = kNoNode;
      for (const auto& c : rec->second) {
        if (c.name.empty() || !RecordedIs(c.name, sc, tc)) continue;
        (c.recorded ? recorded : unrecorded) = true;
        if (ran == kNoNode) ran = ran_changed(c);
      }
      if (!recorded && !unrecorded && whole) {
        (whole->recorded ? recorded : unrecorded) = true;
        ran = ran_changed(*whole);
      }
      if (recorded && !unrecorded && ran == kNoNode) {
        ++sel->coverage_left_out;
        sel->left_out.push_back({st.name, std::move(sc)});
        continue;
      }
      if (ran != kNoNode && !sc.chain.empty()) sc.chain.insert(sc.chain.end() - 1, ran_text(ran));
      kept.push_back(std::move(sc));
    }
    if (kept.size() < st.cases.size()) st.whole = false;
    st.cases = std::move(kept);
    // A recorded case that ran a changed function the code graph did not reach: added by
    // name when the test's cases can run alone, else the test runs whole.
    if (!st.whole) AddRan(ctx, *rec, ran_changed, ran_text, /*unrecorded=*/false, &st);
    if (st.cases.empty()) {
      it = sel->tests.erase(it);
    } else {
      ++it;
    }
  }
  // Tests the code graph did not select at all, whose recorded cases ran a changed function
  // (with the cases nothing was recorded for: the code graph's walk did not decide them).
  for (const TestEntry& t : ctx.tests->tests()) {
    if (seen_tests.count(t.ctest.name)) continue;
    auto rec = cov.tests.find(t.ctest.name);
    if (rec == cov.tests.end()) continue;
    SelectedTest st;
    st.name = t.ctest.name;
    st.labels = t.ctest.labels;
    if (t.exe >= 0) st.executable = ctx.tests->executables()[t.exe].target;
    AddRan(ctx, *rec, ran_changed, ran_text, /*unrecorded=*/true, &st);
    if (!st.cases.empty()) sel->tests.push_back(std::move(st));
  }
}

// Adds the tests and cases of `extra` to `out` (a test whole in either is whole).
void MergeSelection(Selection extra, Selection* out) {
  out->coverage_commit = extra.coverage_commit;
  out->coverage_left_out += extra.coverage_left_out;
  for (auto& l : extra.left_out) out->left_out.push_back(std::move(l));
  for (SelectedTest& st : extra.tests) {
    auto it = std::find_if(out->tests.begin(), out->tests.end(),
                           [&](const SelectedTest& o) { return o.name == st.name; });
    if (it == out->tests.end()) {
      out->tests.push_back(std::move(st));
      continue;
    }
    if (it->whole && it->cases.size() == 1 && it->cases[0].name.empty()) continue;
    if (st.whole && st.cases.size() == 1 && st.cases[0].name.empty()) {
      it->whole = true;
      it->cases = std::move(st.cases);
      continue;
    }
    for (SelectedCase& sc : st.cases) {
      bool have = false;
      for (const SelectedCase& o : it->cases) have |= o.name == sc.name;
      if (!have) it->cases.push_back(std::move(sc));
    }
    it->whole = it->whole || st.whole;
  }
  std::sort(out->tests.begin(), out->tests.end(),
            [](const SelectedTest& a, const SelectedTest& b) { return a.name < b.name; });
  std::set<std::string> exes;
  for (const SelectedTest& st : out->tests)
    if (!st.executable.empty()) exes.insert(st.executable);
  out->selected_executables = std::max(out->selected_executables, exes.size());
}

}  // namespace

namespace {

// Whether recorded coverage describes `n`: a function the build's coverage notes know.
bool Describes(const CoverageIndex* cov, const CodeGraph& g, NodeId n) {
  return cov && !cov->empty() && n != kNoNode && IsFunctionKind(g.symbol(n).kind) &&
         n < cov->known.size() && cov->known[n];
}

// Functions recorded coverage describes: the cases that ran them. The test framework's own
// functions are not walked through by the code graph, so their file-level selection (every
// test that compiles the file) is what coverage narrows.
void SelectCovered(const SelectContext& ctx, const std::vector<ChangedEntity>& covered,
                   Selection* out) {
  std::vector<ChangedEntity> framework, project;
  std::vector<std::pair<uint32_t, std::string>> framework_files;
  for (const ChangedEntity& e : covered) {
    int f = ctx.graph->FileIndex(ctx.repo ? ctx.repo->workdir() + "/" + e.file : e.file);
    const std::string& fw =
        f >= 0 && ctx.roots ? ctx.roots->FrameworkOfFile(static_cast<uint32_t>(f)) : std::string();
    if (fw.empty()) {
      project.push_back(e);
      continue;
    }
    bool have = false;
    for (const auto& [file, reason] : framework_files) have |= file == static_cast<uint32_t>(f);
    if (!have)
      framework_files.push_back(
          {static_cast<uint32_t>(f),
           "file-level: " + e.file + " is part of the test framework (" + fw + ")"});
    framework.push_back(e);
  }
  if (!project.empty()) {
    Selection extra;
    extra.base = out->base;
    Assemble(ctx, project, {}, {}, {}, &extra);
    NarrowByCoverage(ctx, project, /*framework=*/false, &extra);
    MergeSelection(std::move(extra), out);
  }
  if (!framework.empty()) {
    Selection extra;
    extra.base = out->base;
    Assemble(ctx, {}, framework_files, {}, {}, &extra);
    NarrowByCoverage(ctx, framework, /*framework=*/true, &extra);
    MergeSelection(std::move(extra), out);
  }
}

// `ctx` with its roots: the given ones, or `local` computed from the graph.
SelectContext WithRoots(const SelectContext& ctx, TestRoots* local) {
  SelectContext c = ctx;
  if (!c.roots) {
    *local = FindTestRoots(*ctx.graph);
    c.roots = local;
  }
  return c;
}

}  // namespace

bool SelectForChanges(const SelectContext& given, const std::vector<FileChange>& changes,
                      Selection* out, std::string* err) {
  TestRoots local_roots;
  const SelectContext ctx = WithRoots(given, &local_roots);
  Analyzer analyzer(ctx);
  analyzer.set_coverage_applies(ctx.coverage && !ctx.coverage->empty() &&
                                ctx.coverage->holds_at == out->base);
  std::vector<ChangedEntity> seeds;
  std::vector<std::pair<uint32_t, std::string>> file_level;
  std::vector<std::pair<const PathRule*, std::string>> rule_hits;
  std::vector<std::pair<std::string, std::string>> registrations;  // file, reason
  out->changed_files = changes;
  for (const FileChange& fc : changes) {
    FileVerdict v;
    if (!analyzer.Classify(fc, &seeds, &v, err)) return false;
    const std::string& rel = fc.new_path.empty() ? fc.old_path : fc.new_path;
    if (v.registrations)
      registrations.push_back(
          {ctx.repo->workdir() + "/" + rel, "test cases added, removed or renamed in " + rel});
    switch (v.kind) {
      case FileVerdict::kIgnore:
      case FileVerdict::kEntities:
        break;
      case FileVerdict::kAll:
        if (!out->all) {
          out->all = true;
          out->all_reason = v.reason;
        }
        out->changed.push_back({kNoNode, rel, 0, "file-level: " + v.reason, true});
        break;
      case FileVerdict::kRuleTests:
        rule_hits.push_back({v.rule, v.reason});
        out->changed.push_back({kNoNode, rel, 0, "rule: " + v.reason, true});
        break;
      case FileVerdict::kFileLevel: {
        bool placed = false;
        for (const std::string* p : {&fc.new_path, &fc.old_path}) {
          if (p->empty()) continue;
          int f = ctx.graph->FileIndex(ctx.repo->workdir() + "/" + *p);
          if (f >= 0) {
            file_level.push_back({static_cast<uint32_t>(f), "file-level: " + v.reason});
            placed = true;
          }
        }
        if (!placed && !out->all) {
          // No executable compiles the file now (it was deleted or renamed away):
          // nothing can be narrowed, select everything.
          out->all = true;
          out->all_reason = v.reason + " (and no current TU reads it)";
        }
        out->changed.push_back({kNoNode, rel, 0, "file-level: " + v.reason, true});
        break;
      }
    }
  }
  // Deduplicate seeds by node, keeping the first place each was seen; a function is
  // changed inside its body only when every change to it is.
  std::map<NodeId, bool> body_only;
  for (const auto& s : seeds) {
    auto [it, fresh] = body_only.try_emplace(s.node, s.body_only);
    if (!fresh) it->second = it->second && s.body_only;
  }
  std::vector<ChangedEntity> unique;
  std::set<NodeId> seen;
  for (auto& s : seeds)
    if (seen.insert(s.node).second) {
      s.body_only = body_only[s.node];
      unique.push_back(std::move(s));
    }
  // Recorded coverage of the base commit narrows the functions changed inside their body.
  // They are not expanded to their class either: the rule that does so stands for calls
  // the code graph cannot see (from library templates), which coverage sees.
  const CoverageIndex* cov = ctx.coverage;
  std::vector<ChangedEntity> graph_seeds, covered;
  for (auto& s : unique) {
    bool narrow = cov && cov->holds_at == out->base && !out->all && s.body_only &&
                  Describes(cov, *ctx.graph, s.node);
    (narrow ? covered : graph_seeds).push_back(s);
  }
  ExpandSeeds(*ctx.graph, &graph_seeds);
  for (const auto& s : graph_seeds) out->changed.push_back(s);
  for (const auto& s : covered) out->changed.push_back(s);
  Assemble(ctx, graph_seeds, file_level, rule_hits, registrations, out);
  size_t functions = out->changed_functions;
  SelectCovered(ctx, covered, out);
  out->changed_functions = functions + covered.size();
  return true;
}

bool CoverageCarriesOver(const SelectContext& given, const std::vector<FileChange>& between,
                         std::vector<NodeId>* changed, std::string* why, std::string* err) {
  TestRoots local_roots;
  const SelectContext ctx = WithRoots(given, &local_roots);
  Analyzer analyzer(ctx);
  analyzer.set_coverage_applies(true);
  const CoverageIndex* cov = ctx.coverage;
  for (const FileChange& fc : between) {
    const std::string& rel = fc.new_path.empty() ? fc.old_path : fc.new_path;
    std::vector<ChangedEntity> seeds;
    FileVerdict v;
    if (!analyzer.Classify(fc, &seeds, &v, err)) return false;
    if (v.kind != FileVerdict::kIgnore && v.kind != FileVerdict::kEntities) {
      *why = rel + " changed (" + v.reason + ")";
      return true;
    }
    if (v.registrations) {
      *why = rel + " changed (test cases added, removed or renamed)";
      return true;
    }
    for (const ChangedEntity& s : seeds) {
      if (!s.body_only || !Describes(cov, *ctx.graph, s.node)) {
        *why = s.description + " (" + s.file + ":" + std::to_string(s.line) +
               ") changed, not only inside the body of a function the coverage describes";
        return true;
      }
      changed->push_back(s.node);
    }
  }
  why->clear();
  return true;
}

void SelectForEntities(const SelectContext& given, const std::vector<ChangedEntity>& seeds,
                       Selection* out) {
  TestRoots local_roots;
  const SelectContext ctx = WithRoots(given, &local_roots);
  std::vector<ChangedEntity> expanded;
  std::vector<std::pair<uint32_t, std::string>> file_level;
  // The framework's own code reaches every test that compiles it.
  for (const ChangedEntity& e : seeds) {
    if (e.node == kNoNode || !ctx.roots->IsFrameworkNode(e.node)) {
      expanded.push_back(e);
      continue;
    }
    for (const GraphDecl& d : ctx.graph->Decls(e.node))
      file_level.push_back({d.file, "file-level: " + e.file + " is part of the test framework (" +
                                        ctx.roots->FrameworkOfFile(d.file) + ")"});
  }
  ExpandSeeds(*ctx.graph, &expanded);
  out->changed = expanded;
  Assemble(ctx, expanded, file_level, {}, {}, out);
}

void SelectRanEntities(const SelectContext& given, const std::vector<ChangedEntity>& seeds,
                       Selection* out) {
  TestRoots local_roots;
  const SelectContext ctx = WithRoots(given, &local_roots);
  const CoverageIndex* cov = ctx.coverage;
  std::vector<ChangedEntity> graph_seeds, covered;
  for (const ChangedEntity& e : seeds) {
    (Describes(cov, *ctx.graph, e.node) ? covered : graph_seeds).push_back(e);
  }
  SelectForEntities(ctx, graph_seeds, out);
  SelectCovered(ctx, covered, out);
  for (const ChangedEntity& e : covered) out->changed.push_back(e);
}

void SelectForFiles(const SelectContext& given,
                    const std::vector<std::pair<uint32_t, std::string>>& files, Selection* out) {
  TestRoots local_roots;
  const SelectContext ctx = WithRoots(given, &local_roots);
  for (const auto& [f, reason] : files)
    out->changed.push_back({kNoNode, ctx.graph->files()[f], 0, reason, true});
  Assemble(ctx, {}, files, {}, {}, out);
}

}  // namespace tia
