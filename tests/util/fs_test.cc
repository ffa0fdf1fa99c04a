// Tests of the file helpers tia writes with: no write ever goes through a planted symbolic
// or hard link, reports replace their file atomically, and output paths are checked
// before any work.
#include "tia/util/fs.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "testing.h"

namespace tia {
namespace {

namespace fs = std::filesystem;
using testing::ReadText;
using testing::WriteText;

bool IsLink(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

TEST(WriteFileAtomic, ReplacesTheFileAndLeavesNoTemporary) {
  testing::ScratchDir dir("fs");
  std::string path = dir.path() + "/report.xml", err;
  WriteText(path, "old");
  ASSERT_TRUE(WriteFileAtomic(path, "new", &err)) << err;
  EXPECT_EQ(ReadText(path), "new");
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) files += e.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 1);
}

TEST(WriteFileAtomic, RefusesASymbolicLinkAndLeavesItsTargetAlone) {
  testing::ScratchDir dir("fs");
  std::string victim = dir.path() + "/victim", link = dir.path() + "/report.xml", err;
  WriteText(victim, "precious");
  fs::create_symlink(victim, link);
  EXPECT_FALSE(WriteFileAtomic(link, "report", &err));
  EXPECT_EQ(err, link +
                     " is a symbolic link; tia does not follow links for files it writes (remove "
                     "the link or give the real path)");
  EXPECT_EQ(ReadText(victim), "precious");
  EXPECT_TRUE(IsLink(link));
}

// Links planted at every name the temporary file could take (the old fixed name
// "<path>.tmp.<pid>" and the current "<path>.tmp.<pid>.<n>"): the write goes to a new
// file or fails, never into the link's target.
TEST(WriteFileAtomic, NeverWritesThroughAPlantedTemporaryName) {
  testing::ScratchDir dir("fs");
  std::string victim = dir.path() + "/victim", path = dir.path() + "/report.xml", err;
  WriteText(victim, "precious");
  std::string stem = path + ".tmp." + std::to_string(::getpid());
  fs::create_symlink(victim, stem);
  for (int n = 0; n < 300; ++n) fs::create_symlink(victim, stem + "." + std::to_string(n));
  bool ok = WriteFileAtomic(path, "report", &err);
  EXPECT_EQ(ReadText(victim), "precious");
  if (ok) {
    EXPECT_EQ(ReadText(path), "report");
  } else {
    EXPECT_NE(err.find("no free temporary file name"), std::string::npos) << err;
  }
}

TEST(WriteFileAtomic, RefusesADirectory) {
  testing::ScratchDir dir("fs");
  std::string err;
  EXPECT_FALSE(WriteFileAtomic(dir.path(), "x", &err));
  EXPECT_EQ(err, dir.path() + " is a directory");
}

TEST(OpenOwnFile, CreatesAndReopensARegularFile) {
  testing::ScratchDir dir("fs");
  std::string path = dir.path() + "/tia.db.lock", err;
  int fd = OpenOwnFile(path, &err);
  ASSERT_GE(fd, 0) << err;
  ::close(fd);
  fd = OpenOwnFile(path, &err);
  ASSERT_GE(fd, 0) << err;
  ::close(fd);
}

TEST(OpenOwnFile, RefusesSymbolicHardAndDanglingLinksAndFolders) {
  testing::ScratchDir dir("fs");
  std::string victim = dir.path() + "/victim", err;
  WriteText(victim, "precious");
  std::string sym = dir.path() + "/sym.lock";
  fs::create_symlink(victim, sym);
  EXPECT_EQ(OpenOwnFile(sym, &err), -1);
  EXPECT_EQ(err, SymlinkRefusal(sym));
  // A dangling link: O_CREAT would create the file it points to.
  std::string dangling = dir.path() + "/dangling.lock", target = dir.path() + "/created";
  fs::create_symlink(target, dangling);
  EXPECT_EQ(OpenOwnFile(dangling, &err), -1);
  EXPECT_EQ(err, SymlinkRefusal(dangling));
  EXPECT_FALSE(fs::exists(target));
  std::string hard = dir.path() + "/hard.lock";
  fs::create_hard_link(victim, hard);
  EXPECT_EQ(OpenOwnFile(hard, &err), -1);
  EXPECT_NE(err.find(hard + " has other hard links"), std::string::npos) << err;
  EXPECT_EQ(OpenOwnFile(dir.path(), &err), -1);
  EXPECT_EQ(ReadText(victim), "precious");
}

TEST(CheckOutputFile, SaysWhatIsWrongBeforeAnythingIsWritten) {
  testing::ScratchDir dir("fs");
  std::string err;
  EXPECT_TRUE(CheckOutputFile(dir.path() + "/report.xml", &err)) << err;
  EXPECT_FALSE(fs::exists(dir.path() + "/report.xml"));
  EXPECT_TRUE(fs::is_empty(dir.path()));  // the probe file is gone
  EXPECT_FALSE(CheckOutputFile(dir.path() + "/missing/report.xml", &err));
  EXPECT_EQ(err, dir.path() + "/missing/report.xml: the folder " + dir.path() +
                     "/missing does not exist");
  EXPECT_FALSE(CheckOutputFile(dir.path(), &err));
  EXPECT_EQ(err, dir.path() + " is a directory");
  WriteText(dir.path() + "/file", "x");
  EXPECT_FALSE(CheckOutputFile(dir.path() + "/file/report.xml", &err));
  EXPECT_EQ(err, dir.path() + "/file/report.xml: " + dir.path() + "/file is not a folder");
  fs::create_symlink(dir.path() + "/file", dir.path() + "/link.xml");
  EXPECT_FALSE(CheckOutputFile(dir.path() + "/link.xml", &err));
  EXPECT_EQ(err, SymlinkRefusal(dir.path() + "/link.xml"));
  EXPECT_FALSE(CheckOutputFile(dir.path() + "/", &err));
}

}  // namespace
}  // namespace tia
