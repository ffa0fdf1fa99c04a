// Tests of LoadFileApi and the target queries on the real testdata/sample build.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "sample_build.h"
#include "testing.h"
#include "tia/buildmodel/build_model.h"

namespace tia {
namespace {

namespace fs = std::filesystem;
using ::tia::testing::ReadText;
using ::tia::testing::SampleSourceDir;
using ::tia::testing::ScratchDir;
using ::tia::testing::WriteText;

class FileApiTest : public testing::SampleModelTest<false> {
 protected:
  static std::set<std::string> Names(const std::vector<std::string>& ids) {
    std::set<std::string> names;
    for (const auto& id : ids) {
      const Target* t = model_->FindTargetById(id);
      names.insert(t ? t->name : "?" + id);
    }
    return names;
  }
};

TEST_F(FileApiTest, PathsBuildTypeAndCompiler) {
  EXPECT_EQ(model_->source_dir, SampleSourceDir());
  EXPECT_EQ(model_->build_dir, build_);
  EXPECT_EQ(model_->build_type, "Debug");
  // Whatever compiler the machine has: the id CMake itself wrote down when it probed it.
  std::string probed;
  for (const auto& e : fs::directory_iterator(build_ + "/CMakeFiles")) {
    std::string text = ReadText(e.path().string() + "/CMakeCXXCompiler.cmake");
    const std::string key = "set(CMAKE_CXX_COMPILER_ID \"";
    size_t at = text.find(key);
    if (at == std::string::npos) continue;
    at += key.size();
    probed = text.substr(at, text.find('"', at) - at);
  }
  ASSERT_FALSE(probed.empty()) << "no CMakeCXXCompiler.cmake under " << build_;
  EXPECT_EQ(model_->cxx_compiler_id, probed);
  EXPECT_TRUE(fs::exists(model_->cxx_compiler_path)) << model_->cxx_compiler_path;
}

TEST_F(FileApiTest, TargetsAndTypes) {
  std::map<std::string, std::string> types;
  for (const auto& t : model_->targets) types[t.name] = t.type;
  EXPECT_EQ(types, (std::map<std::string, std::string>{{"app", "STATIC_LIBRARY"},
                                                       {"app_test", "EXECUTABLE"},
                                                       {"geometry", "STATIC_LIBRARY"},
                                                       {"geometry_test", "EXECUTABLE"},
                                                       {"textproc", "STATIC_LIBRARY"},
                                                       {"textproc_test", "EXECUTABLE"}}));
}

TEST_F(FileApiTest, SourcesAndArtifactsAreAbsolute) {
  const std::string src = SampleSourceDir();
  const Target* geometry = model_->FindTarget("geometry");
  ASSERT_TRUE(geometry);
  EXPECT_EQ(geometry->sources,
            (std::vector<std::string>{src + "/geometry/src/shapes.cc", src + "/geometry/src/ops.cc",
                                      src + "/geometry/src/format.cc",
                                      src + "/geometry/src/defaults.cc"}));
  EXPECT_EQ(geometry->artifacts, (std::vector<std::string>{build_ + "/libgeometry.a"}));
  const Target* gt = model_->FindTarget("geometry_test");
  ASSERT_TRUE(gt);
  EXPECT_EQ(gt->sources,
            (std::vector<std::string>{src + "/tests/shapes_test.cc", src + "/tests/ops_test.cc",
                                      src + "/tests/stats_test.cc"}));
  EXPECT_EQ(gt->artifacts, (std::vector<std::string>{build_ + "/tests/geometry_test"}));
  EXPECT_EQ(model_->TargetForArtifact(build_ + "/tests/geometry_test"), gt);
  EXPECT_EQ(model_->TargetForArtifact(build_ + "/tests/../tests/geometry_test"), gt);
  EXPECT_EQ(model_->TargetForArtifact("/usr/bin/cmake"), nullptr);
  EXPECT_EQ(model_->FindTarget("no_such_target"), nullptr);
}

TEST_F(FileApiTest, LinkClosureFollowsProjectDependencies) {
  EXPECT_EQ(Names(model_->LinkClosure(*model_->FindTarget("app_test"))),
            (std::set<std::string>{"app_test", "app", "geometry", "textproc"}));
  EXPECT_EQ(Names(model_->LinkClosure(*model_->FindTarget("geometry_test"))),
            (std::set<std::string>{"geometry_test", "geometry"}));
  EXPECT_EQ(Names(model_->LinkClosure(*model_->FindTarget("textproc_test"))),
            (std::set<std::string>{"textproc_test", "textproc"}));
  EXPECT_EQ(Names(model_->LinkClosure(*model_->FindTarget("textproc"))),
            (std::set<std::string>{"textproc"}));
  // The target itself comes first.
  EXPECT_EQ(model_->LinkClosure(*model_->FindTarget("app_test")).front(),
            model_->FindTarget("app_test")->id);
}

TEST_F(FileApiTest, CMakeFilesListTheProjectInputs) {
  const auto& files = model_->cmake_files;
  auto has = [&](const std::string& p) {
    return std::find(files.begin(), files.end(), p) != files.end();
  };
  EXPECT_TRUE(has(SampleSourceDir() + "/CMakeLists.txt"));
  EXPECT_TRUE(has(SampleSourceDir() + "/tests/CMakeLists.txt"));
  for (const auto& f : files) {
    EXPECT_EQ(f.rfind(build_, 0), std::string::npos) << "generated file listed: " << f;
    EXPECT_EQ(f.find("/Modules/"), std::string::npos) << "CMake's own module listed: " << f;
    EXPECT_EQ(f.front(), '/') << f;
  }
}

TEST(FileApiFreshTest, WritesTheQueryAndReconfiguresOnce) {
  ScratchDir scratch("fileapi");
  const std::string build = scratch.path() + "/build";
  auto c = testing::Run({"cmake", "-S", SampleSourceDir(), "-B", build, "-G", "Ninja"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  const std::string reply = build + "/.cmake/api/v1/reply";
  ASSERT_FALSE(fs::exists(reply));

  BuildModel model;
  std::string err;
  ASSERT_TRUE(LoadFileApi(build, &model, &err)) << err;
  for (const char* q : {"codemodel-v2", "cmakeFiles-v1", "toolchains-v1"})
    EXPECT_TRUE(fs::exists(build + "/.cmake/api/v1/query/client-tia/" + q)) << q;
  EXPECT_EQ(model.targets.size(), 6u);
  EXPECT_EQ(model.build_type, "");  // not set at configure time
  std::set<std::string> indexes;
  for (const auto& e : fs::directory_iterator(reply))
    if (e.path().filename().string().rfind("index-", 0) == 0) indexes.insert(e.path().string());
  ASSERT_EQ(indexes.size(), 1u);
  auto stamp = fs::last_write_time(*indexes.begin());

  // A fresh reply is read as is: cmake does not run again.
  BuildModel again;
  ASSERT_TRUE(LoadFileApi(build, &again, &err)) << err;
  EXPECT_EQ(again.targets.size(), 6u);
  EXPECT_EQ(fs::last_write_time(*indexes.begin()), stamp);
  size_t count = 0;
  for (const auto& e : fs::directory_iterator(reply))
    count += e.path().filename().string().rfind("index-", 0) == 0;
  EXPECT_EQ(count, 1u);
}

TEST(FileApiErrorTest, NotABuildDirectory) {
  ScratchDir scratch("fileapi");
  BuildModel model;
  std::string err;
  EXPECT_FALSE(LoadFileApi(scratch.path(), &model, &err));
  EXPECT_EQ(err, scratch.path() +
                     ": not a CMake build directory (no CMakeCache.txt); configure it first");
}

TEST(FileApiErrorTest, FailingConfigureStepIsReported) {
  ScratchDir scratch("fileapi");
  WriteText(scratch.path() + "/CMakeCache.txt", "CMAKE_COMMAND:INTERNAL=/bin/false\n");
  BuildModel model;
  std::string err;
  EXPECT_FALSE(LoadFileApi(scratch.path(), &model, &err));
  EXPECT_NE(err.find("/bin/false " + scratch.path() + "` failed (exit 1)"), std::string::npos)
      << err;
}

TEST(FileApiErrorTest, MalformedReplyNamesTheFile) {
  ScratchDir scratch("fileapi");
  const std::string b = scratch.path();
  WriteText(b + "/CMakeCache.txt", "CMAKE_COMMAND:INTERNAL=/bin/false\n");
  fs::create_directories(b + "/.cmake/api/v1/query/client-tia");
  for (const char* q : {"codemodel-v2", "cmakeFiles-v1", "toolchains-v1"})
    WriteText(b + "/.cmake/api/v1/query/client-tia/" + q, "");
  const std::string reply = b + "/.cmake/api/v1/reply";
  fs::create_directories(reply);
  WriteText(reply + "/codemodel-v2-1.json", "{\"paths\": {\"source\": \"/s\"");
  WriteText(reply + "/cmakeFiles-v1-1.json", "{\"inputs\": []}");
  WriteText(reply + "/toolchains-v1-1.json", "{\"toolchains\": []}");
  WriteText(reply + "/index-2099-01-01T00-00-00-0000.json",
            R"({"reply": {"client-tia": {
                 "codemodel-v2": {"jsonFile": "codemodel-v2-1.json"},
                 "cmakeFiles-v1": {"jsonFile": "cmakeFiles-v1-1.json"},
                 "toolchains-v1": {"jsonFile": "toolchains-v1-1.json"}}}})");
  BuildModel model;
  std::string err;
  EXPECT_FALSE(LoadFileApi(b, &model, &err));
  EXPECT_NE(err.find(reply + "/codemodel-v2-1.json: malformed JSON"), std::string::npos) << err;
}

// ReadFileApiReply with the files in memory, read in the order tia asks for them.
struct MemoryReply {
  std::map<std::string, std::string> files;  // name in the reply folder -> text
  bool Read(BuildModel* model, std::string* err) const {
    FileReader read = [this](const std::string& path, std::string* text, std::string* e) {
      auto it = files.find(path.substr(path.find_last_of('/') + 1));
      if (it == files.end()) {
        *e = path + ": No such file or directory";
        return false;
      }
      *text = it->second;
      return true;
    };
    return ReadFileApiReply("/b/reply/index-1.json", "", "/b", read, model, err);
  }
};

MemoryReply GoodReply() {
  MemoryReply r;
  r.files["index-1.json"] = R"({"reply": {"client-tia": {
      "codemodel-v2": {"jsonFile": "codemodel.json"},
      "cmakeFiles-v1": {"jsonFile": "cmakeFiles.json"},
      "toolchains-v1": {"jsonFile": "toolchains.json"}}}})";
  r.files["codemodel.json"] = R"({"paths": {"source": "/s", "build": "/b"},
      "configurations": [{"name": "Debug", "targets": [{"jsonFile": "t.json"}]}]})";
  r.files["t.json"] = R"({"name": "t", "id": "t::@1", "type": "EXECUTABLE",
      "artifacts": [{"path": "t"}], "sources": [{"path": "t.cc"}]})";
  r.files["cmakeFiles.json"] = R"({"inputs": [{"path": "CMakeLists.txt"},
      {"path": "/usr/share/cmake/Modules/X.cmake", "isCMake": true}]})";
  r.files["toolchains.json"] =
      R"({"toolchains": [{"language": "CXX", "compiler": {"id": "GNU", "path": "/usr/bin/g++"}}]})";
  return r;
}

TEST(ReadFileApiReplyTest, ReadsAWellFormedReply) {
  BuildModel model;
  std::string err;
  ASSERT_TRUE(GoodReply().Read(&model, &err)) << err;
  EXPECT_EQ(model.source_dir, "/s");
  EXPECT_EQ(model.build_type, "Debug");
  ASSERT_EQ(model.targets.size(), 1u);
  EXPECT_EQ(model.targets[0].artifacts, std::vector<std::string>{"/b/t"});
  EXPECT_EQ(model.targets[0].sources, std::vector<std::string>{"/s/t.cc"});
  EXPECT_EQ(model.cmake_files, std::vector<std::string>{"/s/CMakeLists.txt"});
  EXPECT_EQ(model.cxx_compiler_id, "GNU");
}

// Values of the wrong type used to throw nlohmann type errors out of LoadFileApi (an abort
// of tia select/run): a non-string jsonFile (get<std::string>), a non-object input or a
// non-boolean isGenerated (value()). Now each is an error naming the file, or the field is
// ignored as if absent.
TEST(ReadFileApiReplyTest, FieldsOfTheWrongTypeNeverThrow) {
  struct Case {
    std::string file, text, error;  // error empty: the reply is still read
  };
  const Case cases[] = {
      {"index-1.json",
       R"({"reply": {"client-tia": {"codemodel-v2": {"jsonFile": 7},
           "cmakeFiles-v1": {"jsonFile": "cmakeFiles.json"},
           "toolchains-v1": {"jsonFile": "toolchains.json"}}}})",
       "/b/reply/index-1.json: the reply does not answer client-tia's query"},
      {"index-1.json", R"({"reply": [1]})", "the reply does not answer client-tia's query"},
      {"codemodel.json", R"({"paths": "/s", "configurations": [{}]})",
       "/b/reply/codemodel.json: codemodel without paths or configurations"},
      {"codemodel.json", R"({"paths": {}, "configurations": [7]})", ""},
      {"codemodel.json", R"({"paths": {}, "configurations": [{"targets": [3]}]})",
       "/b/reply/: No such file or directory"},
      {"cmakeFiles.json", R"({"inputs": [1, "x", null]})", ""},
      {"cmakeFiles.json", R"({"inputs": [{"path": "a", "isGenerated": "yes"}]})", ""},
      {"cmakeFiles.json", R"([])",
       "/b/reply/cmakeFiles.json: cmakeFiles reply without an inputs array"},
      {"toolchains.json", R"({"toolchains": [1, {"language": "CXX", "compiler": 5}]})", ""},
      {"t.json", R"({"name": "t", "type": 1, "artifacts": [1, {"path": 2}], "sources": {}})", ""},
  };
  for (const Case& c : cases) {
    MemoryReply r = GoodReply();
    r.files[c.file] = c.text;
    BuildModel model;
    std::string err;
    bool ok = false;
    try {
      ok = r.Read(&model, &err);
    } catch (const std::exception& e) {
      ADD_FAILURE() << c.file << ": " << c.text << " threw " << e.what();
      continue;
    }
    if (c.error.empty()) {
      EXPECT_TRUE(ok) << c.file << ": " << c.text << ": " << err;
    } else {
      EXPECT_FALSE(ok) << c.file << ": " << c.text;
      EXPECT_NE(err.find(c.error), std::string::npos) << c.text << "\n  error: " << err;
    }
  }
}

}  // namespace
}  // namespace tia
