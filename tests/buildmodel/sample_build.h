// A configured and built copy of testdata/sample shared by every test process of a tia
// build tree: gtest_discover_tests runs each case in its own process, so the build is
// made once (under a file lock) and later processes only run a no-op incremental build.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "testing.h"
#include "tia/buildmodel/build_model.h"

namespace tia::testing {

// Absolute path of testdata/sample.
inline std::string SampleSourceDir() {
  return TestdataDir() + "/sample";
}

// Configures (Debug, Ninja) and builds testdata/sample into a shared folder of the test
// scratch area; returns its path. Fails the current test when a step fails.
inline std::string SharedSampleBuild() {
  const std::string base = TIA_TEST_SCRATCH_DIR;
  const std::string dir = base + "/sample-build";
  std::filesystem::create_directories(base);
  FileLock lock(base + "/sample-build.lock");
  if (!std::filesystem::exists(dir + "/build.ninja")) {
    // tia's File API query goes in first, so concurrent readers never re-run cmake.
    const std::string query = dir + "/.cmake/api/v1/query/client-tia";
    std::filesystem::create_directories(query);
    for (const char* q : {"codemodel-v2", "cmakeFiles-v1", "toolchains-v1"})
      WriteText(query + "/" + q, "");
    CommandResult c = Run(
        {"cmake", "-S", SampleSourceDir(), "-B", dir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug"});
    EXPECT_EQ(c.exit_code, 0) << "configuring the sample failed:\n" << c.out << c.err;
  }
  CommandResult b = Run({"cmake", "--build", dir, "-j2"});
  EXPECT_EQ(b.exit_code, 0) << "building the sample failed:\n" << b.out << b.err;
  return dir;
}

// A suite over the shared sample build's model, loaded once per suite: the File API
// reply, plus CTest's tests when kWithCTest.
template <bool kWithCTest>
class SampleModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    build_ = SharedSampleBuild();
    model_ = std::make_unique<BuildModel>();
    err_.clear();
    ok_ = LoadFileApi(build_, model_.get(), &err_) &&
          (!kWithCTest || LoadCTestTests(build_, model_.get(), &err_));
  }
  static void TearDownTestSuite() { model_.reset(); }
  void SetUp() override { ASSERT_TRUE(ok_) << err_; }

  inline static std::string build_;
  inline static std::unique_ptr<BuildModel> model_;
  inline static bool ok_ = false;
  inline static std::string err_;
};

}  // namespace tia::testing
