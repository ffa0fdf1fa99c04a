// Git access through libgit2 (see tia/vcs/repo.h): every libgit2 handle is owned by a
// unique_ptr with the matching free function.
#include "tia/vcs/repo.h"

#include <git2.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>

#include "tia/util/handle.h"

namespace tia {
namespace {

template <typename T, void (*Free)(T*)>
using GitPtr = UniqueHandle<T, Free>;

using ObjectPtr = GitPtr<git_object, git_object_free>;
using CommitPtr = GitPtr<git_commit, git_commit_free>;
using TreePtr = GitPtr<git_tree, git_tree_free>;
using TreeEntryPtr = GitPtr<git_tree_entry, git_tree_entry_free>;
using BlobPtr = GitPtr<git_blob, git_blob_free>;
using DiffPtr = GitPtr<git_diff, git_diff_free>;
using PatchPtr = GitPtr<git_patch, git_patch_free>;
using ReferencePtr = GitPtr<git_reference, git_reference_free>;

const char kShallowHint[] = "shallow clone: fetch more history (git fetch --deepen / --unshallow)";

void InitLibgit2() {
  static std::once_flag once;
  std::call_once(once, [] { git_libgit2_init(); });
}

std::string LastGitError() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

void SetErr(std::string* err, std::string msg) {
  if (err) *err = std::move(msg);
}

std::string OidHex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof(buf), &oid);
  return buf;
}

bool IsZero(const git_oid& oid) {
  return git_oid_is_zero(&oid) != 0;
}

bool ParseOid(const std::string& hex, git_oid* oid, std::string* err) {
  if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstr(oid, hex.c_str()) != 0) {
    SetErr(err, "'" + hex + "' is not a 40-digit object id");
    return false;
  }
  return true;
}

ChangeStatus ToStatus(git_delta_t t) {
  switch (t) {
    case GIT_DELTA_ADDED:
    case GIT_DELTA_UNTRACKED:
      return ChangeStatus::kAdded;
    case GIT_DELTA_DELETED:
      return ChangeStatus::kDeleted;
    case GIT_DELTA_RENAMED:
      return ChangeStatus::kRenamed;
    case GIT_DELTA_COPIED:
      return ChangeStatus::kCopied;
    case GIT_DELTA_TYPECHANGE:
      return ChangeStatus::kTypeChange;
    default:
      return ChangeStatus::kModified;
  }
}

}  // namespace

Repo::Repo() = default;

Repo::~Repo() {
  if (repo_) git_repository_free(repo_);
}

Repo::Repo(Repo&& other) noexcept : repo_(other.repo_), workdir_(std::move(other.workdir_)) {
  other.repo_ = nullptr;
}

Repo& Repo::operator=(Repo&& other) noexcept {
  if (this != &other) {
    if (repo_) git_repository_free(repo_);
    repo_ = other.repo_;
    workdir_ = std::move(other.workdir_);
    other.repo_ = nullptr;
  }
  return *this;
}

std::optional<Repo> Repo::Open(const std::string& path, std::string* err) {
  InitLibgit2();
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, path.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) {
    SetErr(err, path + ": not inside a git work tree");
    return std::nullopt;
  }
  if (rc != 0) {
    SetErr(err, path + ": cannot open git repository: " + LastGitError());
    return std::nullopt;
  }
  Repo repo;
  repo.repo_ = raw;
  if (const char* wd = git_repository_workdir(raw)) {
    repo.workdir_ = wd;
    while (repo.workdir_.size() > 1 && repo.workdir_.back() == '/') repo.workdir_.pop_back();
  }
  return repo;
}

bool Repo::IsShallow() const {
  return repo_ && git_repository_is_shallow(repo_) == 1;
}

std::optional<std::string> Repo::ResolveCommit(const std::string& rev, std::string* err) const {
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, repo_, rev.c_str()) != 0) {
    std::string msg = "unknown revision '" + rev + "': " + LastGitError();
    if (IsShallow()) msg += " (" + std::string(kShallowHint) + ")";
    SetErr(err, msg);
    return std::nullopt;
  }
  ObjectPtr obj(raw);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, obj.get(), GIT_OBJECT_COMMIT) != 0) {
    SetErr(err, "revision '" + rev + "' does not name a commit: " + LastGitError());
    return std::nullopt;
  }
  ObjectPtr commit(peeled);
  return OidHex(*git_object_id(commit.get()));
}

std::optional<std::string> Repo::MergeBase(const std::string& a, const std::string& b,
                                           std::string* err) const {
  auto ca = ResolveCommit(a, err);
  if (!ca) return std::nullopt;
  auto cb = ResolveCommit(b, err);
  if (!cb) return std::nullopt;
  git_oid oa, ob, base;
  git_oid_fromstr(&oa, ca->c_str());
  git_oid_fromstr(&ob, cb->c_str());
  int rc = git_merge_base(&base, repo_, &oa, &ob);
  if (rc != 0) {
    std::string msg = "no merge-base of " + a + " and " + b;
    if (IsShallow())
      msg += ": " + std::string(kShallowHint);
    else if (rc != GIT_ENOTFOUND)
      msg += ": " + LastGitError();
    else
      msg += " (unrelated histories)";
    SetErr(err, msg);
    return std::nullopt;
  }
  return OidHex(base);
}

std::optional<std::string> Repo::DefaultBase(std::string* explanation, std::string* err) const {
  git_reference* raw_head = nullptr;
  int rc = git_repository_head(&raw_head, repo_);
  if (rc == GIT_EUNBORNBRANCH) {
    SetErr(err, workdir_ + ": HEAD is unborn (no commit yet); commit first or pass --base");
    return std::nullopt;
  }
  if (rc != 0) {
    SetErr(err, workdir_ + ": cannot read HEAD: " + LastGitError());
    return std::nullopt;
  }
  ReferencePtr head(raw_head);

  if (git_reference_is_branch(head.get())) {
    git_reference* raw_up = nullptr;
    if (git_branch_upstream(&raw_up, head.get()) == 0) {
      ReferencePtr up(raw_up);
      std::string up_name = git_reference_shorthand(up.get());
      auto base = MergeBase("HEAD", git_reference_name(up.get()), err);
      if (!base) return std::nullopt;
      if (explanation)
        *explanation = "merge-base of HEAD and " + up_name + " (upstream of " +
                       git_reference_shorthand(head.get()) + ")";
      return base;
    }
  }

  static const char* const kFallbacks[][2] = {{"refs/heads/main", "main"},
                                              {"refs/heads/master", "master"},
                                              {"refs/remotes/origin/main", "origin/main"},
                                              {"refs/remotes/origin/master", "origin/master"}};
  for (const auto& fb : kFallbacks) {
    git_reference* raw_ref = nullptr;
    if (git_reference_lookup(&raw_ref, repo_, fb[0]) != 0) continue;
    ReferencePtr ref(raw_ref);
    auto base = MergeBase("HEAD", fb[0], err);
    if (!base) return std::nullopt;
    if (explanation)
      *explanation =
          std::string("merge-base of HEAD and ") + fb[1] + " (the current branch has no upstream)";
    return base;
  }
  SetErr(err, workdir_ +
                  ": no default base: the current branch has no upstream and none of main, "
                  "master, origin/main, origin/master exists; pass --base REV");
  return std::nullopt;
}

bool Repo::Diff(const std::string& base, const std::string& head, std::vector<FileChange>* out,
                std::string* err) const {
  out->clear();
  auto tree_of = [&](const std::string& rev, TreePtr* tree) {
    auto id = ResolveCommit(rev, err);
    if (!id) return false;
    git_oid oid;
    git_oid_fromstr(&oid, id->c_str());
    git_commit* raw_commit = nullptr;
    if (git_commit_lookup(&raw_commit, repo_, &oid) != 0) {
      SetErr(err, "cannot read commit " + rev + ": " + LastGitError());
      return false;
    }
    CommitPtr commit(raw_commit);
    git_tree* raw_tree = nullptr;
    if (git_commit_tree(&raw_tree, commit.get()) != 0) {
      SetErr(err, "cannot read the tree of " + rev + ": " + LastGitError());
      return false;
    }
    tree->reset(raw_tree);
    return true;
  };

  TreePtr base_tree;
  if (!tree_of(base, &base_tree)) return false;

  const bool to_workdir = head.empty();
  git_diff_options opts;
  git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
  // Zero context lines: every hunk covers exactly the changed lines.
  opts.context_lines = 0;
  opts.interhunk_lines = 0;
  opts.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
  if (to_workdir) {
    // Untracked files are changes too (but ignored files are not); their content is
    // diffed so an untracked file has a hunk covering all its lines.
    opts.flags |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS |
                  GIT_DIFF_SHOW_UNTRACKED_CONTENT;
  }

  git_diff* raw_diff = nullptr;
  if (to_workdir) {
    if (workdir_.empty()) {
      SetErr(err, "bare repository: no work tree to diff against; pass --head REV");
      return false;
    }
    if (git_diff_tree_to_workdir_with_index(&raw_diff, repo_, base_tree.get(), &opts) != 0) {
      SetErr(err, "diff of " + base + " against the work tree failed: " + LastGitError());
      return false;
    }
  } else {
    TreePtr head_tree;
    if (!tree_of(head, &head_tree)) return false;
    if (git_diff_tree_to_tree(&raw_diff, repo_, base_tree.get(), head_tree.get(), &opts) != 0) {
      SetErr(err, "diff of " + base + ".." + head + " failed: " + LastGitError());
      return false;
    }
  }
  DiffPtr diff(raw_diff);

  git_diff_find_options find;
  git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
  find.flags = GIT_DIFF_FIND_RENAMES;
  if (to_workdir) find.flags |= GIT_DIFF_FIND_FOR_UNTRACKED;
  if (git_diff_find_similar(diff.get(), &find) != 0) {
    SetErr(err, "rename detection failed: " + LastGitError());
    return false;
  }

  size_t n = git_diff_num_deltas(diff.get());
  out->reserve(n);
  for (size_t i = 0; i < n; ++i) {
    // An empty work-tree file is not handed to libgit2's patch: libgit2 1.5 frees a static
    // buffer (and aborts) when a filter such as `* text=auto` runs on empty content. Its
    // hunks are written below: every old line removed.
    const git_diff_delta* listed = git_diff_get_delta(diff.get(), i);
    bool empty_new = false;
    if (to_workdir && listed->status != GIT_DELTA_DELETED && listed->new_file.path &&
        listed->new_file.mode != GIT_FILEMODE_LINK) {
      struct stat st;
      std::string full = workdir_ + "/" + listed->new_file.path;
      empty_new = ::lstat(full.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0;
    }
    git_patch* raw_patch = nullptr;
    if (!empty_new && git_patch_from_diff(&raw_patch, diff.get(), i) != 0) {
      SetErr(err, "cannot compute the patch of a changed file: " + LastGitError());
      return false;
    }
    PatchPtr patch(raw_patch);
    // The delta of the patch (not of the diff) carries the binary flag, which is only known
    // once content was loaded.
    const git_diff_delta* delta = patch ? git_patch_get_delta(patch.get()) : listed;
    FileChange fc;
    fc.status = ToStatus(delta->status);
    fc.old_path = delta->old_file.path ? delta->old_file.path : "";
    fc.new_path = delta->new_file.path ? delta->new_file.path : "";
    fc.binary = (delta->flags & GIT_DIFF_FLAG_BINARY) != 0;
    if (fc.status != ChangeStatus::kAdded && !IsZero(delta->old_file.id))
      fc.old_id = OidHex(delta->old_file.id);
    if (fc.status != ChangeStatus::kDeleted) {
      if (!IsZero(delta->new_file.id) &&
          (!to_workdir || (delta->new_file.flags & GIT_DIFF_FLAG_VALID_ID))) {
        fc.new_id = OidHex(delta->new_file.id);
      } else {
        // libgit2 leaves the id of some work-tree files unset: hash the current content
        // (with the repository's filters, as `git hash-object` does).
        git_oid oid;
        std::string full = workdir_ + "/" + fc.new_path;
        int rc;
        if (delta->new_file.mode == GIT_FILEMODE_LINK) {
          std::string target(4096, '\0');
          ssize_t len = ::readlink(full.c_str(), target.data(), target.size());
          rc = len < 0
                   ? -1
                   : git_odb_hash(&oid, target.data(), static_cast<size_t>(len), GIT_OBJECT_BLOB);
        } else {
          rc = git_repository_hashfile(&oid, repo_, full.c_str(), GIT_OBJECT_BLOB,
                                       fc.new_path.c_str());
        }
        if (rc != 0) {
          SetErr(err, full + ": cannot hash work-tree file: " + LastGitError());
          return false;
        }
        fc.new_id = OidHex(oid);
      }
    }
    if (empty_new && !fc.old_id.empty()) {
      // The old version's lines, all removed (a binary old version: no hunks, as libgit2).
      auto old_text = ReadBlob(fc.old_id, err);
      if (!old_text) return false;
      fc.binary = old_text->find('\0', 0) < std::min<size_t>(old_text->size(), 8000);
      int lines = static_cast<int>(std::count(old_text->begin(), old_text->end(), '\n'));
      if (!old_text->empty() && old_text->back() != '\n') ++lines;
      if (!fc.binary && lines > 0) fc.hunks.push_back({1, lines, 0, 0});
    }
    if (patch && !fc.binary) {
      size_t hunks = git_patch_num_hunks(patch.get());
      for (size_t h = 0; h < hunks; ++h) {
        const git_diff_hunk* gh = nullptr;
        size_t lines = 0;
        if (git_patch_get_hunk(&gh, &lines, patch.get(), h) != 0) continue;
        fc.hunks.push_back({gh->old_start, gh->old_lines, gh->new_start, gh->new_lines});
      }
    }
    out->push_back(std::move(fc));
  }
  return true;
}

std::optional<std::string> Repo::ReadBlob(const std::string& blob_id, std::string* err) const {
  git_oid oid;
  if (!ParseOid(blob_id, &oid, err)) return std::nullopt;
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo_, &oid) != 0) {
    SetErr(err, "blob " + blob_id + " not found: " + LastGitError());
    return std::nullopt;
  }
  BlobPtr blob(raw);
  const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(data, static_cast<size_t>(git_blob_rawsize(blob.get())));
}

std::optional<std::string> Repo::WriteBlob(const std::string& content, std::string* err) const {
  git_oid oid;
  if (git_blob_create_from_buffer(&oid, repo_, content.data(), content.size()) != 0) {
    SetErr(err, "cannot store a blob in " + workdir_ + ": " + LastGitError());
    return std::nullopt;
  }
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return std::string(hex);
}

std::optional<std::string> Repo::BlobIdAt(const std::string& commit,
                                          const std::string& relative_path,
                                          std::string* err) const {
  auto id = ResolveCommit(commit, err);
  if (!id) return std::nullopt;
  git_oid oid;
  git_oid_fromstr(&oid, id->c_str());
  git_commit* raw_commit = nullptr;
  if (git_commit_lookup(&raw_commit, repo_, &oid) != 0) {
    SetErr(err, "cannot read commit " + commit + ": " + LastGitError());
    return std::nullopt;
  }
  CommitPtr c(raw_commit);
  git_tree* raw_tree = nullptr;
  if (git_commit_tree(&raw_tree, c.get()) != 0) {
    SetErr(err, "cannot read the tree of " + commit + ": " + LastGitError());
    return std::nullopt;
  }
  TreePtr tree(raw_tree);
  git_tree_entry* raw_entry = nullptr;
  int rc = git_tree_entry_bypath(&raw_entry, tree.get(), relative_path.c_str());
  if (rc == GIT_ENOTFOUND) {
    SetErr(err, "");
    return std::nullopt;
  }
  if (rc != 0) {
    SetErr(err, relative_path + " in " + commit + ": " + LastGitError());
    return std::nullopt;
  }
  TreeEntryPtr entry(raw_entry);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
    SetErr(err, "");
    return std::nullopt;
  }
  return OidHex(*git_tree_entry_id(entry.get()));
}

}  // namespace tia
