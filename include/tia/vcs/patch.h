// A unified diff that is not a commit (a review tool's or a mailing list's patch) as the
// changed files of a diff against a base commit, without touching the work tree: each
// file's hunks are applied to its version in the base, the patched version is stored as a
// blob, and the hunks become zero-context hunks like Repo::Diff's.
#pragma once

#include <string>
#include <vector>

#include "tia/vcs/repo.h"

namespace tia {

// Parses `text` (git diff, git format-patch or `diff -u` output; leading text such as mail
// headers is skipped) and applies it to commit `base`. `name` names the patch in errors:
// "NAME:LINE: <what>" for a malformed line, "NAME:LINE: hunk N of PATH (@@ ... @@) does not
// apply to BASE: ..." for a hunk whose lines are not in the base version.
bool ChangesFromPatch(const Repo& repo, const std::string& base, const std::string& text,
                      const std::string& name, std::vector<FileChange>* out, std::string* err);

}  // namespace tia
