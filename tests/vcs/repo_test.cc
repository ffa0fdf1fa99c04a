// Tests of tia/vcs/repo.h on real git repositories made with the git command line.
#include "tia/vcs/repo.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>

#include "testing.h"

namespace tia {
namespace {

using ::tia::testing::ScratchDir;
using ::tia::testing::Shell;
using ::tia::testing::WriteText;

// Runs git in `dir` with a fixed identity; returns stdout without the trailing newline.
std::string Git(const std::string& dir, const std::string& args) {
  auto r = Shell(
      "git -c user.name=Tia -c user.email=tia@example.com -c init.defaultBranch=main "
      "-c commit.gpgsign=false " +
          args,
      dir);
  EXPECT_EQ(r.exit_code, 0) << "git " << args << " in " << dir << ": " << r.err;
  while (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();
  return r.out;
}

// Stages everything and commits; returns the new commit id.
std::string Commit(const std::string& dir, const std::string& message) {
  Git(dir, "add -A");
  Git(dir, "commit -q -m '" + message + "'");
  return Git(dir, "rev-parse HEAD");
}

// "line1\n...lineN\n"
std::string Lines(int n, const std::string& prefix = "line") {
  std::string s;
  for (int i = 1; i <= n; ++i) s += prefix + std::to_string(i) + "\n";
  return s;
}

std::string InitRepo(const ScratchDir& scratch, const std::string& name = "repo") {
  std::string dir = scratch.path() + "/" + name;
  std::filesystem::create_directories(dir);
  Git(dir, "init -q");
  return dir;
}

Repo OpenOrDie(const std::string& dir) {
  std::string err;
  auto repo = Repo::Open(dir, &err);
  EXPECT_TRUE(repo) << err;
  return repo ? std::move(*repo) : Repo();
}

const FileChange* Find(const std::vector<FileChange>& changes, const std::string& new_path) {
  for (const auto& c : changes)
    if (c.new_path == new_path) return &c;
  return nullptr;
}

bool SameHunk(const Hunk& a, const Hunk& b) {
  return a.old_start == b.old_start && a.old_lines == b.old_lines && a.new_start == b.new_start &&
         a.new_lines == b.new_lines;
}

::testing::AssertionResult HunksAre(const FileChange& fc, const std::vector<Hunk>& want) {
  bool same = fc.hunks.size() == want.size() &&
              std::equal(fc.hunks.begin(), fc.hunks.end(), want.begin(), SameHunk);
  if (same) return ::testing::AssertionSuccess();
  auto show = [](const std::vector<Hunk>& hs) {
    std::string s;
    for (const auto& h : hs)
      s += "@@ -" + std::to_string(h.old_start) + "," + std::to_string(h.old_lines) + " +" +
           std::to_string(h.new_start) + "," + std::to_string(h.new_lines) + " @@ ";
    return s;
  };
  return ::testing::AssertionFailure()
         << fc.new_path << ": got " << show(fc.hunks) << "want " << show(want);
}

TEST(RepoTest, ModifiedFileHunksAreExact) {
  ScratchDir scratch("vcs");
  std::string dir = InitRepo(scratch);
  WriteText(dir + "/f.txt", Lines(10));
  std::string c1 = Commit(dir, "one");
  // Edit line 3, insert two lines after line 6, delete line 9.
  WriteText(dir + "/f.txt",
            "line1\nline2\nEDITED\nline4\nline5\nline6\nnew1\nnew2\nline7\nline8\nline10\n");
  std::string c2 = Commit(dir, "two");

  Repo repo = OpenOrDie(dir);
  std::vector<FileChange> changes;
  std::string err;
  ASSERT_TRUE(repo.Diff(c1, c2, &changes, &err)) << err;
  ASSERT_EQ(changes.size(), 1u);
  const FileChange& fc = changes[0];
  EXPECT_EQ(fc.status, ChangeStatus::kModified);
  EXPECT_EQ(fc.old_path, "f.txt");
  EXPECT_EQ(fc.new_path, "f.txt");
  EXPECT_FALSE(fc.binary);
  EXPECT_EQ(fc.old_id, Git(dir, "rev-parse " + c1 + ":f.txt"));
  EXPECT_EQ(fc.new_id, Git(dir, "rev-parse " + c2 + ":f.txt"));
  EXPECT_TRUE(HunksAre(fc, {{3, 1, 3, 1}, {6, 0, 7, 2}, {9, 1, 10, 0}}));
  // The same hunks as git's own zero-context diff.
  EXPECT_EQ(
      Git(dir, "diff -U0 " + c1 + " " + c2 + " | grep '^@@' | cut -d' ' -f2,3 | tr '\\n' ' '"),
      "-3 +3 -6,0 +7,2 -9 +10,0 ");
}

TEST(RepoTest, AddedDeletedAndRenamedFilesAcrossCommits) {
  ScratchDir scratch("vcs");
  std::string dir = InitRepo(scratch);
  WriteText(dir + "/keep.txt", Lines(3));
  WriteText(dir + "/gone.txt", Lines(4));
  WriteText(dir + "/old_name.cc", Lines(20, "int f"));
  std::string c1 = Commit(dir, "one");
  WriteText(dir + "/keep.txt", Lines(3) + "more\n");
  std::string c2 = Commit(dir, "two");
  Git(dir, "rm -q gone.txt");
  Git(dir, "mv old_name.cc new_name.cc");
  testing::EditFile(dir + "/new_name.cc", "int f7\n", "int seven\n");
  WriteText(dir + "/added.txt", Lines(2, "a"));
  std::string c3 = Commit(dir, "three");

  Repo repo = OpenOrDie(dir);
  std::vector<FileChange> changes;
  std::string err;
  ASSERT_TRUE(repo.Diff(c1, "HEAD", &changes, &err)) << err;
  ASSERT_EQ(changes.size(), 4u);

  const FileChange* added = Find(changes, "added.txt");
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, ChangeStatus::kAdded);
  EXPECT_EQ(added->old_id, "");
  EXPECT_EQ(added->new_id, Git(dir, "rev-parse HEAD:added.txt"));
  EXPECT_TRUE(HunksAre(*added, {{0, 0, 1, 2}}));

  const FileChange* gone = Find(changes, "gone.txt");
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, ChangeStatus::kDeleted);
  EXPECT_EQ(gone->old_id, Git(dir, "rev-parse " + c1 + ":gone.txt"));
  EXPECT_EQ(gone->new_id, "");
  EXPECT_TRUE(HunksAre(*gone, {{1, 4, 0, 0}}));

  const FileChange* renamed = Find(changes, "new_name.cc");
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->status, ChangeStatus::kRenamed);
  EXPECT_EQ(renamed->old_path, "old_name.cc");
  EXPECT_EQ(renamed->old_id, Git(dir, "rev-parse " + c1 + ":old_name.cc"));
  EXPECT_EQ(renamed->new_id, Git(dir, "rev-parse HEAD:new_name.cc"));
  EXPECT_TRUE(HunksAre(*renamed, {{7, 1, 7, 1}}));

  const FileChange* keep = Find(changes, "keep.txt");
  ASSERT_TRUE(keep);
  EXPECT_EQ(keep->status, ChangeStatus::kModified);
  EXPECT_TRUE(HunksAre(*keep, {{3, 0, 4, 1}}));

  // Only the second commit: one modified file.
  ASSERT_TRUE(repo.Diff(c1, c2, &changes, &err)) << err;
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].new_path, "keep.txt");
  (void)c3;
}

TEST(RepoTest, WorkTreeDiffHasStagedUnstagedAndUntrackedButNotIgnored) {
  ScratchDir scratch("vcs");
  std::string dir = InitRepo(scratch);
  WriteText(dir + "/.gitignore", "*.log\nbuild/\n");
  WriteText(dir + "/staged.txt", Lines(3));
  WriteText(dir + "/unstaged.txt", Lines(3));
  WriteText(dir + "/both.txt", Lines(3));
  WriteText(dir + "/moved.cc", Lines(12, "code"));
  Commit(dir, "base");

  testing::EditFile(dir + "/staged.txt", "line2\n", "staged2\n");
  Git(dir, "add staged.txt");
  testing::EditFile(dir + "/unstaged.txt", "line1\n", "unstaged1\n");
  testing::EditFile(dir + "/both.txt", "line1\n", "first1\n");
  Git(dir, "add both.txt");
  testing::EditFile(dir + "/both.txt", "line3\n", "then3\n");
  std::filesystem::create_directories(dir + "/newdir/sub");
  WriteText(dir + "/newdir/sub/untracked.txt", "u1\nu2\n");
  WriteText(dir + "/debug.log", "ignored\n");
  std::filesystem::create_directories(dir + "/build");
  WriteText(dir + "/build/out.o", "ignored\n");
  // Renamed in the work tree only: a tracked file deleted, an untracked file with its content.
  std::filesystem::rename(dir + "/moved.cc", dir + "/moved_to.cc");
  testing::EditFile(dir + "/moved_to.cc", "code5\n", "changed5\n");

  Repo repo = OpenOrDie(dir);
  std::vector<FileChange> changes;
  std::string err;
  ASSERT_TRUE(repo.Diff("HEAD", "", &changes, &err)) << err;
  std::vector<std::string> paths;
  for (const auto& c : changes) paths.push_back(c.new_path);
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, (std::vector<std::string>{"both.txt", "moved_to.cc", "newdir/sub/untracked.txt",
                                             "staged.txt", "unstaged.txt"}));

  for (const char* path :
       {"both.txt", "staged.txt", "unstaged.txt", "newdir/sub/untracked.txt", "moved_to.cc"}) {
    const FileChange* fc = Find(changes, path);
    ASSERT_TRUE(fc) << path;
    EXPECT_EQ(fc->new_id, Git(dir, std::string("hash-object ") + path)) << path;
  }
  EXPECT_TRUE(HunksAre(*Find(changes, "staged.txt"), {{2, 1, 2, 1}}));
  EXPECT_TRUE(HunksAre(*Find(changes, "unstaged.txt"), {{1, 1, 1, 1}}));
  EXPECT_TRUE(HunksAre(*Find(changes, "both.txt"), {{1, 1, 1, 1}, {3, 1, 3, 1}}));
  const FileChange* untracked = Find(changes, "newdir/sub/untracked.txt");
  EXPECT_EQ(untracked->status, ChangeStatus::kAdded);
  EXPECT_EQ(untracked->old_id, "");
  EXPECT_TRUE(HunksAre(*untracked, {{0, 0, 1, 2}}));
  const FileChange* moved = Find(changes, "moved_to.cc");
  EXPECT_EQ(moved->status, ChangeStatus::kRenamed);
  EXPECT_EQ(moved->old_path, "moved.cc");
  EXPECT_EQ(moved->old_id, Git(dir, "rev-parse HEAD:moved.cc"));
  EXPECT_TRUE(HunksAre(*moved, {{5, 1, 5, 1}}));
}

// libgit2 1.5 aborts ("free(): invalid pointer") making the patch of an empty work-tree file
// when a filter applies (`* text=auto`, as many projects set): tia writes those hunks itself.
TEST(RepoTest, EmptyWorkTreeFilesUnderTextAutoAreDiffed) {
  ScratchDir scratch("vcs");
  std::string dir = InitRepo(scratch);
  WriteText(dir + "/.gitattributes", "* text=auto\n");
  WriteText(dir + "/emptied.txt", Lines(3));
  WriteText(dir + "/unterminated.txt", "a\nb");
  WriteText(dir + "/was_empty.txt", "");
  Commit(dir, "base");
  WriteText(dir + "/emptied.txt", "");
  WriteText(dir + "/unterminated.txt", "");
  std::filesystem::create_directories(dir + "/build/.cmake/api/v1/query/client-tia");
  WriteText(dir + "/build/.cmake/api/v1/query/client-tia/codemodel-v2", "");
  std::filesystem::rename(dir + "/was_empty.txt", dir + "/now_empty.txt");

  Repo repo = OpenOrDie(dir);
  std::vector<FileChange> changes;
  std::string err;
  ASSERT_TRUE(repo.Diff("HEAD", "", &changes, &err)) << err;
  const std::string empty_blob = Git(dir, "hash-object /dev/null");
  const FileChange* emptied = Find(changes, "emptied.txt");
  ASSERT_TRUE(emptied);
  EXPECT_EQ(emptied->status, ChangeStatus::kModified);
  EXPECT_EQ(emptied->new_id, empty_blob);
  EXPECT_TRUE(HunksAre(*emptied, {{1, 3, 0, 0}}));
  const FileChange* unterminated = Find(changes, "unterminated.txt");
  ASSERT_TRUE(unterminated);
  EXPECT_TRUE(HunksAre(*unterminated, {{1, 2, 0, 0}}));
  const FileChange* query = Find(changes, "build/.cmake/api/v1/query/client-tia/codemodel-v2");
  ASSERT_TRUE(query);
  // Added, or the rename of was_empty.txt (libgit2 pairs equal empty blobs as it likes).
  EXPECT_TRUE(query->status == ChangeStatus::kAdded || query->status == ChangeStatus::kRenamed);
  EXPECT_EQ(query->new_id, empty_blob);
  EXPECT_TRUE(query->hunks.empty());
  // The empty file's rename matches an empty file exactly (same blob): no hunks.
  bool renamed = false;
  for (const FileChange& c : changes)
    if (c.old_path == "was_empty.txt" && !c.new_path.empty() && c.new_path != "was_empty.txt") {
      renamed = true;
      EXPECT_TRUE(c.hunks.empty()) << c.new_path;
    }
  EXPECT_TRUE(renamed);
}

TEST(RepoTest, BinaryFilesAreFlaggedWithoutHunks) {
  ScratchDir scratch("vcs");
  std::string dir = InitRepo(scratch);
  WriteText(dir + "/data.bin", std::string("a\0b\0c", 5));
  std::string c1 = Commit(dir, "one");
  WriteText(dir + "/data.bin", std::string("a\0B\0c\0d", 7));
  Repo repo = OpenOrDie(dir);
  std::vector<FileChange> changes;
  std::string err;
  ASSERT_TRUE(repo.Diff(c1, "", &changes, &err)) << err;
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_TRUE(changes[0].binary);
  EXPECT_TRUE(changes[0].hunks.empty());
  EXPECT_EQ(changes[0].new_id, Git(dir, "hash-object data.bin"));
}

TEST(RepoTest, BlobIdAtAndReadBlob) {
  ScratchDir scratch("vcs");
  std::string dir = InitRepo(scratch);
  std::filesystem::create_directories(dir + "/src");
  WriteText(dir + "/src/a.cc", "int a() { return 1; }\n");
  Commit(dir, "one");
  Repo repo = OpenOrDie(dir);
  std::string err;
  auto id = repo.BlobIdAt("HEAD", "src/a.cc", &err);
  ASSERT_TRUE(id) << err;
  EXPECT_EQ(*id, Git(dir, "rev-parse HEAD:src/a.cc"));
  auto content = repo.ReadBlob(*id, &err);
  ASSERT_TRUE(content) << err;
  EXPECT_EQ(*content, "int a() { return 1; }\n");

  err = "unchanged";
  EXPECT_FALSE(repo.BlobIdAt("HEAD", "src/missing.cc", &err));
  EXPECT_EQ(err, "");
  EXPECT_FALSE(repo.BlobIdAt("HEAD", "src", &err));  // a tree, not a file
  EXPECT_FALSE(repo.ReadBlob("not-an-id", &err));
  EXPECT_NE(err.find("not-an-id"), std::string::npos) << err;
  EXPECT_EQ(repo.workdir(), std::filesystem::canonical(dir).string());
}

TEST(RepoTest, DefaultBaseIsMergeBaseWithUpstream) {
  ScratchDir scratch("vcs");
  std::string origin = InitRepo(scratch, "origin");
  WriteText(origin + "/a.txt", Lines(2));
  Commit(origin, "one");
  WriteText(origin + "/a.txt", Lines(3));
  std::string fork_point = Commit(origin, "two");
  std::string clone = scratch.path() + "/clone";
  Git(scratch.path(), "clone -q origin clone");
  // Upstream moves on (and is fetched); the clone commits on its own.
  WriteText(origin + "/b.txt", "b\n");
  Commit(origin, "three upstream");
  Git(clone, "fetch -q");
  WriteText(clone + "/c.txt", "c\n");
  Commit(clone, "local");

  Repo repo = OpenOrDie(clone);
  std::string explanation, err;
  auto base = repo.DefaultBase(&explanation, &err);
  ASSERT_TRUE(base) << err;
  EXPECT_EQ(*base, fork_point);
  EXPECT_EQ(explanation, "merge-base of HEAD and origin/main (upstream of main)");
}

TEST(RepoTest, DefaultBaseFallsBackToMainThenMaster) {
  ScratchDir scratch("vcs");
  std::string dir = InitRepo(scratch);
  WriteText(dir + "/a.txt", "a\n");
  std::string main_tip = Commit(dir, "one");
  Git(dir, "checkout -q -b topic");
  WriteText(dir + "/a.txt", "b\n");
  Commit(dir, "topic work");
  Repo repo = OpenOrDie(dir);
  std::string explanation, err;
  auto base = repo.DefaultBase(&explanation, &err);
  ASSERT_TRUE(base) << err;
  EXPECT_EQ(*base, main_tip);
  EXPECT_EQ(explanation, "merge-base of HEAD and main (the current branch has no upstream)");

  Git(dir, "branch -q -m main master");
  Repo repo2 = OpenOrDie(dir);
  base = repo2.DefaultBase(&explanation, &err);
  ASSERT_TRUE(base) << err;
  EXPECT_EQ(*base, main_tip);
  EXPECT_EQ(explanation, "merge-base of HEAD and master (the current branch has no upstream)");

  Git(dir, "branch -q -m master trunk");
  Repo repo3 = OpenOrDie(dir);
  EXPECT_FALSE(repo3.DefaultBase(&explanation, &err));
  EXPECT_NE(err.find("no default base"), std::string::npos) << err;
  EXPECT_NE(err.find("--base"), std::string::npos) << err;
}

TEST(RepoTest, UnknownRevisionIsNamed) {
  ScratchDir scratch("vcs");
  std::string dir = InitRepo(scratch);
  WriteText(dir + "/a.txt", "a\n");
  Commit(dir, "one");
  Repo repo = OpenOrDie(dir);
  std::string err;
  EXPECT_FALSE(repo.ResolveCommit("no-such-branch", &err));
  EXPECT_NE(err.find("unknown revision 'no-such-branch'"), std::string::npos) << err;
  std::vector<FileChange> changes;
  EXPECT_FALSE(repo.Diff("HEAD~5", "", &changes, &err));
  EXPECT_NE(err.find("HEAD~5"), std::string::npos) << err;
  EXPECT_FALSE(repo.Diff("HEAD", "v9.9", &changes, &err));
  EXPECT_NE(err.find("'v9.9'"), std::string::npos) << err;
}

TEST(RepoTest, ShallowCloneMissingBaseSaysFetchMoreHistory) {
  ScratchDir scratch("vcs");
  std::string origin = InitRepo(scratch, "origin");
  WriteText(origin + "/a.txt", "1\n");
  std::string first = Commit(origin, "one");
  WriteText(origin + "/a.txt", "2\n");
  Commit(origin, "two");
  Git(origin, "checkout -q -b feature");
  WriteText(origin + "/f.txt", "f\n");
  Commit(origin, "feature");
  Git(origin, "checkout -q main");
  WriteText(origin + "/a.txt", "3\n");
  Commit(origin, "three");
  Git(scratch.path(),
      "clone -q --depth 1 --no-single-branch --branch feature file://" + origin + " shallow");

  Repo repo = OpenOrDie(scratch.path() + "/shallow");
  EXPECT_TRUE(repo.IsShallow());
  std::string err;
  EXPECT_FALSE(repo.ResolveCommit(first, &err));
  EXPECT_NE(err.find(first), std::string::npos) << err;
  EXPECT_NE(err.find("shallow clone: fetch more history (git fetch --deepen / --unshallow)"),
            std::string::npos)
      << err;
  EXPECT_FALSE(repo.MergeBase("HEAD", "origin/main", &err));
  EXPECT_NE(err.find("shallow clone: fetch more history"), std::string::npos) << err;
  std::vector<FileChange> changes;
  EXPECT_FALSE(repo.Diff(first, "", &changes, &err));
  EXPECT_NE(err.find("shallow clone"), std::string::npos) << err;
}

TEST(RepoTest, NotARepository) {
  char tmpl[] = "/tmp/tia-vcs-norepo.XXXXXX";
  ASSERT_TRUE(::mkdtemp(tmpl));
  std::string dir = tmpl;
  std::string err;
  EXPECT_FALSE(Repo::Open(dir, &err));
  EXPECT_EQ(err, dir + ": not inside a git work tree");
  std::filesystem::remove_all(dir);
}

TEST(RepoTest, UnbornHead) {
  ScratchDir scratch("vcs");
  std::string dir = InitRepo(scratch);
  Repo repo = OpenOrDie(dir);
  std::string explanation, err;
  EXPECT_FALSE(repo.DefaultBase(&explanation, &err));
  EXPECT_NE(err.find("HEAD is unborn"), std::string::npos) << err;
  EXPECT_FALSE(repo.ResolveCommit("HEAD", &err));
  EXPECT_NE(err.find("'HEAD'"), std::string::npos) << err;
}

}  // namespace
}  // namespace tia
