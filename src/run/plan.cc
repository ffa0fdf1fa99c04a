// Building, sharding and ordering the run plan (see tia/run/plan.h).
#include "tia/run/plan.h"

#include <algorithm>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <tuple>

#include "tia/constraint/expr.h"
#include "tia/constraint/file.h"
#include "tia/util/fs.h"

namespace tia::run {
namespace {

bool StartsWith(const std::string& s, std::string_view p) {
  return s.compare(0, p.size(), p) == 0;
}

// Compiled --run/--skip.
struct NameFilter {
  std::optional<std::regex> run, skip;
  // Whether a test named by any of `names` is kept.
  bool Keep(std::initializer_list<const std::string*> names) const {
    auto any = [&](const std::regex& re) {
      for (const std::string* n : names)
        if (!n->empty() && std::regex_search(*n, re)) return true;
      return false;
    };
    if (run && !any(*run)) return false;
    if (skip && any(*skip)) return false;
    return true;
  }
};

bool CompileRegex(const std::string& flag, const std::string& text, std::optional<std::regex>* out,
                  std::string* err) {
  if (text.empty()) return true;
  try {
    *out = std::regex(text, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    *err = flag + " " + text + ": invalid regular expression: " + e.what();
    return false;
  }
  return true;
}

// Caches each file's `// tia:build` constraint.
class ConstraintCache {
 public:
  explicit ConstraintCache(std::string root) : root_(std::move(root)) {}
  // The constraint of `path`, nullopt-valued when none; false on a malformed line.
  bool Get(const std::string& path, const constraint::FileConstraint** out, std::string* err) {
    auto it = cache_.find(path);
    if (it == cache_.end()) {
      std::optional<constraint::FileConstraint> c;
      // A file that is gone has no header to honor; a malformed header is an error.
      if (StatFile(path) && !constraint::ReadFileConstraint(path, &c, err)) return false;
      it = cache_.emplace(path, std::move(c)).first;
    }
    *out = it->second ? &*it->second : nullptr;
    return true;
  }
  std::string Abs(const std::string& p) const {
    return p.empty() || p[0] == '/' || root_.empty() ? p : root_ + "/" + p;
  }

 private:
  std::string root_;
  std::map<std::string, std::optional<constraint::FileConstraint>> cache_;
};

report::TestResult SkipResult(const CTestTest& t, const PlannedCase* c, std::string reason) {
  report::TestResult r;
  r.ctest_name = t.name;
  r.executable = t.command.empty() ? "" : t.command[0];
  if (c) {
    r.suite = c->suite;
    r.test_case = c->name;
    r.file = c->file;
  }
  r.outcome = report::Outcome::kSkip;
  r.skip_reason = std::move(reason);
  return r;
}

bool IsGtestFilterArg(const std::string& a) {
  return StartsWith(a, "--gtest_filter=");
}

double Median(std::vector<double> v) {
  if (v.empty()) return 1.0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

Job MakeJob(const TestEntry& e, const BuildModel& build) {
  Job j;
  j.ctest = e.ctest;
  j.argv = j.ctest.command;
  j.executable = j.argv.empty() ? "" : j.argv[0];
  j.target = e.ctest.target_name;
  if (j.target.empty() && !j.executable.empty())
    if (const Target* t = build.TargetForArtifact(j.executable)) j.target = t->name;
  j.verbatim = true;  // BuildPlan decides for the tests it plans; helpers run as CTest runs them
  return j;
}

}  // namespace

bool BuildPlan(const PlanInput& in, const RunOptions& o, Plan* plan, std::string* err) {
  const BuildModel& build = *in.build;
  const CodeGraph& graph = *in.graph;
  plan->tags = constraint::ActiveTags(build.cxx_compiler_id, build.build_type, o.tags);

  std::optional<constraint::Expr> labels;
  if (!o.labels.empty()) {
    constraint::ParseError pe;
    labels = constraint::Parse(o.labels, &pe);
    if (!labels) {
      *err = "--labels '" + o.labels + "': column " + std::to_string(pe.column) + ": " + pe.message;
      return false;
    }
  }
  NameFilter names;
  if (!CompileRegex("--run", o.run_regex, &names.run, err)) return false;
  if (!CompileRegex("--skip", o.skip_regex, &names.skip, err)) return false;

  // Candidates: CTest test -> the case indexes to run (nullopt: all it runs).
  std::map<std::string, std::optional<std::set<size_t>>> wanted;
  std::map<std::string, const TestEntry*> by_name;
  for (const TestEntry& e : in.tests->tests()) by_name[e.ctest.name] = &e;
  if (!in.selection) {
    for (const TestEntry& e : in.tests->tests()) wanted[e.ctest.name] = std::nullopt;
  } else {
    for (const SelectedTest& st : in.selection->tests) {
      auto it = by_name.find(st.name);
      if (it == by_name.end()) continue;
      const TestEntry& e = *it->second;
      std::set<std::string> case_names;
      bool whole = st.whole || !e.cases_known;
      for (const SelectedCase& c : st.cases) {
        if (c.name.empty()) whole = true;
        case_names.insert(c.name);
      }
      std::set<size_t> idx;
      for (size_t c : e.cases)
        if (case_names.count(TestModel::CaseName(graph.test_cases()[c]))) idx.insert(c);
      // A selected case tia cannot find in the test: run everything rather than miss it.
      if (idx.empty()) whole = true;
      auto& slot = wanted[st.name];
      if (whole) {
        slot = std::nullopt;
      } else {
        slot = std::move(idx);
      }
    }
  }

  ConstraintCache constraints(in.source_root);
  for (const auto& [name, subset] : wanted) {
    const TestEntry& e = *by_name.at(name);
    if (labels) {
      std::set<std::string, std::less<>> have(e.ctest.labels.begin(), e.ctest.labels.end());
      if (!constraint::Eval(*labels, have)) continue;
    }
    Job job = MakeJob(e, build);
    std::set<std::string> frameworks;
    for (size_t ci : e.cases) frameworks.insert(graph.test_cases()[ci].framework);
    std::string fw = frameworks.size() == 1 ? *frameworks.begin() : "";
    if (fw.empty() && e.cases.empty())
      for (const auto& a : job.argv) fw = IsGtestFilterArg(a) ? "gtest" : fw;
    // The command is the test program itself (no wrapper), which tia may give arguments.
    bool exe_first = !job.argv.empty() && build.TargetForArtifact(job.argv[0]) != nullptr;
    // gtest_discover_tests marks each one-case test SKIP_REGULAR_EXPRESSION "\[  SKIPPED \]":
    // for one case that is what GoogleTest's own report says.
    bool judged = e.ctest.JudgedByOutput();
    if (judged && fw == "gtest" && e.single_case && !e.ctest.will_fail &&
        e.ctest.pass_regex.empty() && e.ctest.fail_regex.empty() &&
        e.ctest.skip_regex == std::vector<std::string>{"\\[  SKIPPED \\]"})
      judged = false;
    job.verbatim = judged || !exe_first || !e.own.plain() ||
                   e.own.kind() == OwnSelection::Kind::kListing ||
                   (fw != "gtest" && fw != "catch2" && fw != "doctest");
    if (!job.verbatim) {
      job.gtest = fw == "gtest";
      if (fw != "gtest") job.framework = fw;
      job.reselect = true;
      job.also_run_disabled = e.own.also_run_disabled();
      for (const auto& a : job.argv)
        if (StartsWith(a, "--gtest_output=")) job.gtest_own_output = true;
    }
    bool narrowable = !job.verbatim && e.own.kind() == OwnSelection::Kind::kDefault;
    bool known = e.cases_known && !e.cases.empty();
    if (!known) {
      if (!names.Keep({&e.ctest.name})) continue;
      if (e.ctest.disabled) {
        plan->skipped.push_back(SkipResult(e.ctest, nullptr, "disabled"));
        continue;
      }
      plan->jobs.push_back(std::move(job));
      continue;
    }
    std::vector<PlannedCase> all;
    for (size_t ci : e.cases) {
      const GraphTestCase& gc = graph.test_cases()[ci];
      PlannedCase pc;
      pc.suite = gc.suite;
      pc.name = gc.name;
      pc.pattern = TestModel::GtestPattern(gc);
      pc.file = constraints.Abs(gc.file < graph.files().size() ? graph.files()[gc.file] : "");
      pc.line = gc.line;
      pc.index = ci;
      // A Catch2 case whose tags tia could not read might be hidden: naming it in a test
      // spec would run what the plain command does not.
      if (gc.framework == "catch2") {
        const CaseSource* src = in.tests->Source(ci);
        if (!src || !src->known) {
          narrowable = false;
          job.reselect = false;
        }
      }
      all.push_back(pc);
    }
    // GoogleTest runs cases in the order they are defined.
    std::sort(all.begin(), all.end(), [](const PlannedCase& a, const PlannedCase& b) {
      return std::tie(a.file, a.line, a.suite, a.name) < std::tie(b.file, b.line, b.suite, b.name);
    });
    // What the process will run: the selected cases when tia may narrow the command,
    // otherwise every case its own command runs. --run/--skip narrow the same way.
    std::vector<PlannedCase> keep, excluded;
    std::vector<report::TestResult> skips;
    bool any_named = false;
    for (const PlannedCase& pc : all) {
      bool selected = !subset || subset->count(pc.index);
      std::string full = pc.FullName();
      bool named = names.Keep({&full, &e.ctest.name});
      any_named |= selected && named;
      if (narrowable && (!selected || !named)) continue;
      bool disabled_case = StartsWith(pc.suite, "DISABLED_") || StartsWith(pc.name, "DISABLED_");
      if (e.ctest.disabled || (disabled_case && !e.own.also_run_disabled())) {
        skips.push_back(SkipResult(e.ctest, &pc, "disabled"));
        continue;
      }
      const constraint::FileConstraint* fc = nullptr;
      if (!pc.file.empty() && !constraints.Get(pc.file, &fc, err)) return false;
      if (fc && !constraint::Eval(fc->expr, plan->tags)) {
        skips.push_back(SkipResult(e.ctest, &pc, "constraint: " + fc->text));
        excluded.push_back(pc);
        continue;
      }
      keep.push_back(pc);
    }
    if (!narrowable && !any_named) continue;
    if (keep.empty()) {
      for (auto& sk : skips) plan->skipped.push_back(std::move(sk));
      continue;
    }
    // A command tia may not narrow, of a framework whose cases it cannot exclude one by
    // one (Catch2, doctest): cases a constraint excludes run with the rest.
    if (!narrowable && !job.gtest && !excluded.empty()) {
      std::erase_if(skips, [](const report::TestResult& r) {
        return r.skip_reason.rfind("constraint: ", 0) == 0;
      });
      keep.insert(keep.end(), excluded.begin(), excluded.end());
      excluded.clear();
    }
    if (job.verbatim) {
      // Run exactly as CTest would: cases a constraint excludes still run, reported as
      // the one result of the test.
      job.cases_known = false;
      plan->jobs.push_back(std::move(job));
      continue;
    }
    for (auto& sk : skips) plan->skipped.push_back(std::move(sk));
    job.cases_known = true;
    job.narrowed = narrowable && keep.size() != all.size();
    job.cases = keep;
    if (job.narrowed && job.gtest) {
      std::string filter;
      for (const PlannedCase& pc : keep) filter += (filter.empty() ? "" : ":") + pc.pattern;
      std::erase_if(job.argv, IsGtestFilterArg);
      job.argv.push_back("--gtest_filter=" + filter);
    } else if (job.narrowed) {
      std::vector<std::string> names;
      for (const PlannedCase& pc : keep) names.push_back(pc.FullName());
      for (std::string& a : CaseSelectArgs(job.framework, names)) job.argv.push_back(std::move(a));
    } else if (!excluded.empty() && job.gtest) {
      // A constraint excludes cases from a command tia does not narrow: add them to the
      // negative part of its own filter, keeping everything else it selects.
      std::string filter = e.own.gtest_filter().empty() ? "*" : e.own.gtest_filter();
      filter += filter.find('-') == std::string::npos ? "-" : ":";
      for (size_t i = 0; i < excluded.size(); ++i) filter += (i ? ":" : "") + excluded[i].pattern;
      std::erase_if(job.argv, IsGtestFilterArg);
      job.argv.push_back("--gtest_filter=" + filter);
    }
    plan->jobs.push_back(std::move(job));
  }

  // Estimates from recorded durations, then shard before fixtures are added so every
  // shard gets the setups its own tests need.
  if (in.durations) {
    for (Job& j : plan->jobs) {
      auto it = in.durations->find(j.ctest.name);
      if (it != in.durations->end()) {
        j.estimate = it->second;
        continue;
      }
      // A narrowed test records its cases: the sum of the known ones.
      double sum = 0;
      bool any = false;
      for (const PlannedCase& c : j.cases) {
        if (auto ct = in.durations->find(c.FullName()); ct != in.durations->end()) {
          sum += ct->second;
          any = true;
        }
      }
      if (any) j.estimate = sum;
    }
  }
  if (o.shard_count > 0) {
    std::set<std::string> anywhere;
    for (const Job& j : plan->jobs) anywhere.insert(j.ctest.name);
    ShardJobs(&plan->jobs, o.shard_index, o.shard_count);
    // Skips go with their test's job; skips of tests without any job go to shard 1.
    std::set<std::string> here;
    for (const Job& j : plan->jobs) here.insert(j.ctest.name);
    std::erase_if(plan->skipped, [&](const report::TestResult& r) {
      if (anywhere.count(r.ctest_name)) return !here.count(r.ctest_name);
      return o.shard_index != 1;
    });
  }

  // Fixtures: setups before and cleanups after the tests that require them.
  std::set<std::string> planned;
  for (const Job& j : plan->jobs) planned.insert(j.ctest.name);
  std::vector<Job> helpers;
  for (size_t i = 0; i < plan->jobs.size(); ++i) {
    for (const std::string& fx : plan->jobs[i].ctest.fixtures_required) {
      for (const TestEntry& e : in.tests->tests()) {
        bool setup = std::count(e.ctest.fixtures_setup.begin(), e.ctest.fixtures_setup.end(), fx);
        bool cleanup =
            std::count(e.ctest.fixtures_cleanup.begin(), e.ctest.fixtures_cleanup.end(), fx);
        if (!setup && !cleanup) continue;
        if (setup) plan->jobs[i].needs_pass.push_back(e.ctest.name);
        if (!planned.count(e.ctest.name) && !e.ctest.disabled) {
          Job h = MakeJob(e, build);
          h.fixture_helper = true;
          helpers.push_back(std::move(h));
          planned.insert(e.ctest.name);
        }
      }
    }
  }
  for (Job& h : helpers) plan->jobs.push_back(std::move(h));
  for (Job& j : plan->jobs) {
    for (const std::string& fx : j.ctest.fixtures_cleanup) {
      for (const Job& other : plan->jobs) {
        if (&other == &j) continue;
        bool uses =
            std::count(other.ctest.fixtures_required.begin(), other.ctest.fixtures_required.end(),
                       fx) ||
            std::count(other.ctest.fixtures_setup.begin(), other.ctest.fixtures_setup.end(), fx);
        if (uses) j.after.push_back(other.ctest.name);
      }
    }
    for (const std::string& s : j.needs_pass) j.after.push_back(s);
  }
  OrderJobs(&plan->jobs, o.shuffle_seed);
  return true;
}

void ShardJobs(std::vector<Job>* jobs, int k, int n) {
  if (n <= 1) return;
  std::vector<double> known;
  for (const Job& j : *jobs)
    if (j.estimate >= 0) known.push_back(j.estimate);
  double unknown = Median(known);
  std::vector<size_t> order(jobs->size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto est = [&](size_t i) { return (*jobs)[i].estimate >= 0 ? (*jobs)[i].estimate : unknown; };
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (est(a) != est(b)) return est(a) > est(b);
    return (*jobs)[a].ctest.name < (*jobs)[b].ctest.name;
  });
  std::vector<double> load(n, 0);
  std::vector<char> mine(jobs->size(), 0);
  for (size_t i : order) {
    int bin = static_cast<int>(std::min_element(load.begin(), load.end()) - load.begin());
    load[bin] += est(i);
    mine[i] = bin == k - 1;
  }
  std::vector<Job> kept;
  for (size_t i = 0; i < jobs->size(); ++i)
    if (mine[i]) kept.push_back(std::move((*jobs)[i]));
  *jobs = std::move(kept);
}

void OrderJobs(std::vector<Job>* jobs, std::optional<uint64_t> seed) {
  // By CTest name; the one-case jobs of --isolate keep their program's order.
  std::stable_sort(jobs->begin(), jobs->end(),
                   [](const Job& a, const Job& b) { return a.ctest.name < b.ctest.name; });
  // Fisher-Yates with an explicitly specified engine, so a seed means the same order on
  // every platform and standard library.
  if (seed) {
    std::mt19937_64 rng(*seed);
    for (size_t i = jobs->size(); i > 1; --i) {
      size_t j = static_cast<size_t>(rng() % i);
      std::swap((*jobs)[i - 1], (*jobs)[j]);
    }
  }
  // Stable topological order: repeatedly take the first job whose predecessors (those in
  // the plan) are all placed. A cycle (a test both before and after another) is broken
  // by taking the first remaining job.
  std::set<std::string> present, placed;
  for (const Job& j : *jobs) present.insert(j.ctest.name);
  std::vector<Job> rest = std::move(*jobs), out;
  jobs->clear();
  while (!rest.empty()) {
    size_t pick = 0;
    for (size_t i = 0; i < rest.size(); ++i) {
      bool ready = true;
      for (const std::string& dep : rest[i].after)
        if (present.count(dep) && !placed.count(dep) && dep != rest[i].ctest.name) ready = false;
      if (ready) {
        pick = i;
        break;
      }
    }
    placed.insert(rest[pick].ctest.name);
    out.push_back(std::move(rest[pick]));
    rest.erase(rest.begin() + static_cast<long>(pick));
  }
  *jobs = std::move(out);
}

std::vector<std::string> ListLines(const Plan& plan) {
  std::vector<std::string> out;
  for (const Job& j : plan.jobs) {
    if (!j.cases_known) {
      out.push_back(j.ctest.name);
      continue;
    }
    for (const PlannedCase& c : j.cases) out.push_back(c.FullName());
  }
  return out;
}

std::vector<std::string> CaseSelectArgs(const std::string& framework,
                                        const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& n : names) {
    if (!joined.empty()) joined += ',';
    for (char c : n) {
      bool special = framework == "catch2"
                         ? std::string_view(",[]\\*\"~").find(c) != std::string_view::npos
                         : c == ',' || c == '\\';
      if (special) joined += '\\';
      joined += c;
    }
  }
  if (framework == "catch2") return {joined};
  if (framework == "doctest") return {"-tc=" + joined};
  return {};
}

std::vector<std::string> JobArgv(const Job& job, const std::string& report,
                                 std::optional<uint64_t> shuffle_seed,
                                 const std::vector<std::string>& only_arg) {
  std::vector<std::string> argv = job.argv;
  if (job.verbatim) return argv;
  const std::vector<std::string>& only = only_arg.empty() ? job.only : only_arg;
  if (job.framework == "catch2" || job.framework == "doctest") {
    if (!only.empty()) {
      argv.resize(1);
      for (std::string& a : CaseSelectArgs(job.framework, only)) argv.push_back(std::move(a));
    }
    if (job.framework == "catch2") {
      if (!report.empty()) argv.insert(argv.end(), {"-r", "xml", "-d", "yes", "-o", report});
      if (shuffle_seed)
        argv.insert(argv.end(), {"--order", "rand", "--rng-seed", CatchSeed(*shuffle_seed)});
    } else {
      if (!report.empty()) argv.insert(argv.end(), {"-r=xml", "-d=true", "--out=" + report});
      if (shuffle_seed)
        argv.insert(argv.end(), {"-ob=rand", "-rs=" + std::to_string(*shuffle_seed)});
    }
    return argv;
  }
  if (!job.gtest) return argv;
  if (!only.empty()) {
    std::string filter;
    for (const auto& n : only) filter += (filter.empty() ? "" : ":") + n;
    std::erase_if(argv, IsGtestFilterArg);
    argv.push_back("--gtest_filter=" + filter);
  }
  if (!job.gtest_own_output && !report.empty()) argv.push_back("--gtest_output=json:" + report);
  if (shuffle_seed) {
    argv.push_back("--gtest_shuffle");
    argv.push_back("--gtest_random_seed=" + std::to_string(GtestSeed(*shuffle_seed)));
  }
  return argv;
}

int GtestSeed(uint64_t seed) {
  // GoogleTest seeds are 1..99999 (0 means "from the clock").
  return static_cast<int>(seed % 99999 + 1);
}

std::string CatchSeed(uint64_t seed) {
  return std::to_string(seed % 4294967295u + 1);
}

}  // namespace tia::run
