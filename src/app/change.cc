// From a change to a selection (see tia/app/change.h).
#include "tia/app/change.h"

#include <cstdio>
#include <iostream>
#include <iterator>

#include "tia/util/fs.h"
#include "tia/vcs/patch.h"

#include "tia/app/versions_from_git.h"
#include "tia/select/coverage.h"
#include "tia/select/versions.h"
#include "tia/store/versions.h"

namespace tia::app {

namespace {

// Indexes the file versions of `changes` that no index run saw, from git.
bool IndexVersions(Session& s, const std::vector<FileChange>& changes, const ChangeOptions& o,
                   std::ostream& log, std::string* err) {
  if (changes.empty()) return true;
  std::vector<NeededVersion> needed = VersionsNeeded(s.context(), changes);
  std::vector<FileVersion> wanted, missing_versions;
  for (const NeededVersion& v : needed) wanted.push_back(v.version);
  if (!MissingVersions(s.db(), wanted, &missing_versions, err)) return false;
  std::vector<NeededVersion> missing;
  for (const NeededVersion& v : needed)
    for (const FileVersion& m : missing_versions)
      if (m == v.version) {
        missing.push_back(v);
        break;
      }
  if (missing.empty()) return true;
  VersionsFromGitStats stats;
  if (!IndexVersionsFromGit(s.build().build_dir, s.db().path(), *s.repo(), s.graph(), changes,
                            missing, o.verbose ? &log : nullptr, &stats, err))
    return false;
  if (o.verbose) {
    char secs[32];
    snprintf(secs, sizeof secs, "%.2f", stats.seconds);
    log << "tia: indexed " << stats.indexed << " of " << stats.wanted
        << (stats.wanted == 1 ? " file version" : " file versions") << " from git in "
        << stats.parses << (stats.parses == 1 ? " TU parse" : " TU parses") << " (" << secs
        << " s)\n";
  }
  return stats.indexed == 0 || s.ReloadGraph(err);
}

}  // namespace

bool SelectChange(Session& s, const ChangeOptions& o, Selection* sel, std::ostream& log,
                  std::string* err) {
  std::vector<FileChange> changes;
  if (!o.patch.empty()) {
    if (!o.head.empty()) return *err = "--patch and --head: the patch is the head; pass one", false;
    if (!s.repo()) return *err = "--patch needs the git repository of the sources", false;
    std::string text, name = o.patch == "-" ? "<stdin>" : o.patch;
    if (o.patch == "-") {
      text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else if (!ReadFile(o.patch, &text, err)) {
      *err = "--patch: " + *err;
      return false;
    }
    auto base = s.repo()->ResolveCommit(o.base.empty() ? "HEAD" : o.base, err);
    if (!base) return false;
    sel->base = *base;
    sel->head = "PATCH";
    if (!ChangesFromPatch(*s.repo(), *base, text, name, &changes, err)) return false;
  } else if (!s.Diff(o.base, o.head, sel, &changes, err)) {
    return false;
  }
  // Coverage recorded at an ancestor of the base holds at the base when the commits
  // between changed only bodies of functions it describes: the cases that ran one of those
  // lose their records.
  std::vector<FileChange> between;
  const CoverageIndex& cov = s.coverage();
  bool carry = !cov.empty() && s.repo() && cov.commit != sel->base && !sel->base.empty();
  if (carry) {
    auto mb = s.repo()->MergeBase(cov.commit, sel->base, err);
    if (!mb) {
      err->clear();
      carry = false;
    } else {
      carry = *mb == cov.commit && s.repo()->Diff(cov.commit, sel->base, &between, err);
      if (!carry && !err->empty()) return false;
    }
  }
  if (o.versions_from_git && s.repo()) {
    for (const std::vector<FileChange>* list : {&changes, &between}) {
      if (!IndexVersions(s, *list, o, log, err)) return false;
    }
  }
  if (carry) {
    std::vector<NodeId> changed;
    std::string why;
    if (!CoverageCarriesOver(s.context(), between, &changed, &why, err)) return false;
    if (why.empty()) {
      s.CarryCoverageOver(sel->base, changed);
    } else {
      log << "tia: note: coverage recorded at " << cov.commit.substr(0, 12)
          << " is not used: between it and the base " << sel->base.substr(0, 12) << ", " << why
          << "\n";
    }
  }
  return SelectForChanges(s.context(), changes, sel, err);
}

}  // namespace tia::app
