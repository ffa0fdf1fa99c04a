// Git access through libgit2: resolving revisions, the default base of a change, and the
// diff between two trees (or a tree and the work tree) as files with hunks and blob ids.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

struct git_repository;

namespace tia {

// One hunk of a diff. Lines are 1-based; a count of 0 means a pure insertion (old side)
// or a pure deletion (new side), positioned after line `start` as in unified diffs.
struct Hunk {
  int old_start = 0;
  int old_lines = 0;
  int new_start = 0;
  int new_lines = 0;
};

enum class ChangeStatus { kAdded, kDeleted, kModified, kRenamed, kCopied, kTypeChange };

// One changed file. Paths are relative to the work tree root and both are always set (equal
// unless renamed or copied); ids are git blob ids (40 hex) and empty on the side where the
// file does not exist. Untracked work-tree files are kAdded. For work-tree files the new id is
// computed from the file's current content (what `git hash-object` would print).
struct FileChange {
  ChangeStatus status = ChangeStatus::kModified;
  std::string old_path;
  std::string new_path;
  std::string old_id;
  std::string new_id;
  bool binary = false;
  std::vector<Hunk> hunks;
};

// An open repository. Move-only; owns the git_repository*.
class Repo {
 public:
  Repo();
  ~Repo();
  Repo(Repo&&) noexcept;
  Repo& operator=(Repo&&) noexcept;

  // Opens the repository containing `path` (searching upward). err says what and where
  // ("<path>: not inside a git work tree").
  static std::optional<Repo> Open(const std::string& path, std::string* err);

  // Absolute path of the work tree root, without trailing slash.
  const std::string& workdir() const { return workdir_; }

  // Resolves a revision (sha, branch, tag, HEAD~2, origin/main, ...) to a commit id.
  // err names the revision; for a shallow clone missing history it says so.
  std::optional<std::string> ResolveCommit(const std::string& rev, std::string* err) const;

  // The default base of a change: merge-base of HEAD with its upstream branch; when there is
  // no upstream, with `main`, then `master` (local, then origin/). `explanation` receives a
  // sentence saying which was used ("merge-base of HEAD and origin/main").
  std::optional<std::string> DefaultBase(std::string* explanation, std::string* err) const;

  // merge-base of two commits; err when unrelated or history is missing (shallow clone).
  std::optional<std::string> MergeBase(const std::string& a, const std::string& b,
                                       std::string* err) const;

  // Diff from commit `base` to commit `head`; when `head` is empty, to the work tree
  // (staged, unstaged and untracked-but-not-ignored files). Renames are detected (also from
  // untracked files). Hunks have zero context lines; binary files have none.
  bool Diff(const std::string& base, const std::string& head, std::vector<FileChange>* out,
            std::string* err) const;

  // Content of the blob with id `blob_id`.
  std::optional<std::string> ReadBlob(const std::string& blob_id, std::string* err) const;

  // Stores `content` as a blob in the object database (a version that is in no commit, such
  // as a patched file) and returns its id.
  std::optional<std::string> WriteBlob(const std::string& content, std::string* err) const;

  // True for a shallow clone (history cut off; merge-bases may be missing).
  bool IsShallow() const;

  // The blob id of `relative_path` in commit `commit`. nullopt with an empty err when the
  // path is absent (or not a file); nullopt with err set on failure.
  std::optional<std::string> BlobIdAt(const std::string& commit, const std::string& relative_path,
                                      std::string* err) const;

  git_repository* raw() const { return repo_; }

 private:
  git_repository* repo_ = nullptr;
  std::string workdir_;
};

}  // namespace tia
