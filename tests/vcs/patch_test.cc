// Tests of tia/vcs/patch.h: a patch made by `git diff` (and by `diff -u`, and mailed by `git
// format-patch`) gives the same changed files, blob ids and zero-context hunks as
// Repo::Diff of the work tree it was made from; malformed patches and hunks that do not
// apply are named with their line.
#include "tia/vcs/patch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "testing.h"

namespace tia {
namespace {

using ::tia::testing::ScratchDir;
using ::tia::testing::Shell;
using ::tia::testing::WriteText;

std::string Git(const std::string& dir, const std::string& args) {
  auto r = Shell(
      "git -c user.name=Tia -c user.email=tia@example.com -c init.defaultBranch=main "
      "-c commit.gpgsign=false " +
          args,
      dir);
  EXPECT_EQ(r.exit_code, 0) << "git " << args << ": " << r.err;
  return r.out;
}

std::string Lines(int n, const std::string& prefix = "line") {
  std::string s;
  for (int i = 1; i <= n; ++i) s += prefix + std::to_string(i) + "\n";
  return s;
}

std::string Describe(const std::vector<FileChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) {
    std::string s = std::to_string(static_cast<int>(c.status)) + " " + c.old_path + " -> " +
                    c.new_path + " " + c.old_id + " " + c.new_id + (c.binary ? " binary" : "");
    for (const Hunk& h : c.hunks)
      s += " -" + std::to_string(h.old_start) + "," + std::to_string(h.old_lines) + " +" +
           std::to_string(h.new_start) + "," + std::to_string(h.new_lines);
    out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  std::string joined;
  for (const auto& s : out) joined += s + "\n";
  return joined;
}

class Patch : public ::testing::Test {
 protected:
  void SetUp() override {
    Git(dir_, "init -q");
    WriteText(dir_ + "/a.cc", Lines(30));
    WriteText(dir_ + "/b.h", Lines(5, "b"));
    WriteText(dir_ + "/gone.cc", Lines(4, "g"));
    WriteText(dir_ + "/moved.h", Lines(12, "m"));
    Git(dir_, "add -A");
    Git(dir_, "commit -qm base");
    std::string err;
    auto r = Repo::Open(dir_, &err);
    ASSERT_TRUE(r) << err;
    repo_ = std::make_unique<Repo>(std::move(*r));
    base_ = *repo_->ResolveCommit("HEAD", &err);
  }
  // The work tree's diff, then the same change as a patch against HEAD (the work tree
  // restored first: the patch must not need it).
  void ExpectPatchEqualsDiff(const std::string& diff_args) {
    std::string err;
    std::vector<FileChange> want;
    ASSERT_TRUE(repo_->Diff(base_, "", &want, &err)) << err;
    std::string patch = Git(dir_, "diff " + diff_args);
    Git(dir_, "reset -q --hard");
    Git(dir_, "clean -fdq");
    std::vector<FileChange> got;
    ASSERT_TRUE(ChangesFromPatch(*repo_, base_, patch, "p.diff", &got, &err)) << err << patch;
    EXPECT_EQ(Describe(got), Describe(want)) << patch;
    for (const FileChange& c : got) {
      if (c.new_id.empty()) continue;
      // The patched version is readable like any blob.
      EXPECT_TRUE(repo_->ReadBlob(c.new_id, &err)) << err;
    }
  }
  std::string Apply(const std::string& patch) {
    std::vector<FileChange> got;
    std::string err;
    EXPECT_FALSE(ChangesFromPatch(*repo_, base_, patch, "p.diff", &got, &err));
    return err;
  }

  ScratchDir scratch_{"patch"};
  std::string dir_ = scratch_.path();
  std::unique_ptr<Repo> repo_;
  std::string base_;
};

TEST_F(Patch, EditsInsertionsAndDeletionsLikeTheWorkTreeDiff) {
  std::string a = Lines(30);
  a.replace(a.find("line3\n"), 6, "LINE3\n");                // edit
  a.replace(a.find("line10\n"), 7, "line10\nnew1\nnew2\n");  // insertion
  a.erase(a.find("line20\n"), 7);                            // deletion
  a.replace(a.find("line30\n"), 7, "line30\nlast\n");        // at the end
  a = "first\n" + a;                                         // at the start
  WriteText(dir_ + "/a.cc", a);
  WriteText(dir_ + "/b.h", "b1\nb2\nb3\nb4\nb5 without newline");  // no newline at EOF
  ExpectPatchEqualsDiff("");
}

TEST_F(Patch, AddedDeletedAndRenamedFiles) {
  WriteText(dir_ + "/new.cc", Lines(3, "n"));
  Git(dir_, "add -N new.cc");
  std::filesystem::remove(dir_ + "/gone.cc");
  Git(dir_, "mv moved.h renamed.h");
  std::string m = Lines(12, "m");
  m.replace(m.find("m6\n"), 3, "M6\n");
  WriteText(dir_ + "/renamed.h", m);
  ExpectPatchEqualsDiff("-M HEAD");
}

TEST_F(Patch, UnifiedDiffAndMailedPatch) {
  WriteText(dir_ + "/a.cc", "zero\n" + Lines(30));
  Git(dir_, "commit -qam 'add zero'");
  std::string mail = Git(dir_, "format-patch -1 --stdout");
  ASSERT_NE(mail.find("Subject: "), std::string::npos);
  std::vector<FileChange> got;
  std::string err;
  ASSERT_TRUE(ChangesFromPatch(*repo_, base_, mail, "mail.patch", &got, &err)) << err;
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(Describe(got).substr(2),
            "a.cc -> a.cc " + got[0].old_id + " " + got[0].new_id + " -0,0 +1,1\n");
  EXPECT_EQ(got[0].new_id, testing::Shell("git rev-parse HEAD:a.cc", dir_).out.substr(0, 40));
  // diff -u: no a/ b/ prefixes, time stamps after a tab.
  WriteText(scratch_.path() + "/old.cc", Lines(30));
  WriteText(scratch_.path() + "/new.cc", Lines(30) + "tail\n");
  std::string u = Shell("diff -u old.cc new.cc", scratch_.path()).out;
  std::string text =
      "--- a.cc\t2024-01-01 00:00:00\n+++ a.cc\t2024-01-02 00:00:00\n" + u.substr(u.find("@@"));
  ASSERT_TRUE(ChangesFromPatch(*repo_, base_, text, "u.diff", &got, &err)) << err;
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].hunks.size(), 1u);
  EXPECT_EQ(got[0].hunks[0].new_start, 31);
}

// A file with CR LF line ends: the CRs are content, in the patch as in the file, and the
// patched version is byte for byte the work-tree file. A patch whose every line ends in
// CR LF (mailed, or saved on Windows) applies to a file with LF line ends.
TEST_F(Patch, CarriageReturnsInFilesAndInPatches) {
  std::string crlf;
  for (int i = 1; i <= 12; ++i) crlf += "w" + std::to_string(i) + "\r\n";
  WriteText(dir_ + "/win.cc", crlf);
  Git(dir_, "add win.cc");
  Git(dir_, "commit -qm windows");
  std::string err;
  base_ = *repo_->ResolveCommit("HEAD", &err);
  crlf.replace(crlf.find("w6\r\n"), 4, "W6 {  __builtin_trap(); \r\n");
  WriteText(dir_ + "/win.cc", crlf);
  ExpectPatchEqualsDiff("");

  std::string a = Lines(30);
  a.replace(a.find("line3\n"), 6, "LINE3\n");
  WriteText(dir_ + "/a.cc", a);
  std::vector<FileChange> want;
  ASSERT_TRUE(repo_->Diff(base_, "", &want, &err)) << err;
  std::string patch = Git(dir_, "diff");
  Git(dir_, "checkout -q -- a.cc");
  std::string mailed;
  for (char c : patch) mailed += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::vector<FileChange> got;
  ASSERT_TRUE(ChangesFromPatch(*repo_, base_, mailed, "crlf.diff", &got, &err)) << err;
  EXPECT_EQ(Describe(got), Describe(want)) << mailed;
}

TEST_F(Patch, MalformedPatchesNameTheLine) {
  EXPECT_EQ(Apply("just some text\nno diff here\n"),
            "p.diff: no file changes found (expected a unified diff: --- a/FILE, +++ b/FILE, @@ "
            "hunks)");
  EXPECT_EQ(Apply("--- a/a.cc\n+++ b/a.cc\n@@ -1,2 +1,2 @@\n line1\n*line2\n"),
            "p.diff:5: unexpected line in hunk '@@ -1,2 +1,2 @@': '*line2' (1 old and 1 new "
            "lines still expected)");
  EXPECT_EQ(Apply("--- a/a.cc\n+++ b/a.cc\n@@ -1,x +1,2 @@\n line1\n"),
            "p.diff:3: malformed hunk header '@@ -1,x +1,2 @@' (expected @@ -START,COUNT "
            "+START,COUNT @@)");
  EXPECT_EQ(Apply("--- a/a.cc\n+++ b/a.cc\n@@ -1,3 +1,3 @@\n line1\n-line2\n"),
            "p.diff:5: the patch ends inside hunk '@@ -1,3 +1,3 @@' (1 old and 2 new lines "
            "missing)");
  EXPECT_EQ(Apply("@@ -1 +1 @@\n-line1\n+x\n"),
            "p.diff:1: a hunk before any file header (--- a/FILE, +++ b/FILE)");
}

TEST_F(Patch, HunkThatDoesNotApplySaysWhich) {
  EXPECT_EQ(Apply("--- a/a.cc\n+++ b/a.cc\n@@ -1 +1 @@\n-line1\n+one\n"
                  "@@ -7,2 +7,2 @@\n line7\n-line9\n+eight\n"),
            "p.diff:6: hunk 2 of a.cc (@@ -7,2 +7,2 @@) does not apply to " + base_.substr(0, 12) +
                ": line 8 is 'line8', the patch expects 'line9'");
  EXPECT_EQ(Apply("--- a/a.cc\n+++ b/a.cc\n@@ -40,1 +40,1 @@\n-line40\n+x\n"),
            "p.diff:3: hunk 1 of a.cc (@@ -40,1 +40,1 @@) does not apply to " +
                base_.substr(0, 12) + ": it starts at line 40 but the file has 30 lines");
  EXPECT_EQ(
      Apply("--- a/nope.cc\n+++ b/nope.cc\n@@ -1 +1 @@\n-a\n+b\n"),
      "p.diff:1: nope.cc does not exist in " + base_.substr(0, 12) + " (the patch changes it)");
}

}  // namespace
}  // namespace tia
