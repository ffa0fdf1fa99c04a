// libFuzzer target for the CMake File API reply: the input is the reply's files separated
// by NUL bytes, handed out in the order tia reads them (the index, the codemodel, each
// target, cmakeFiles, toolchains). ReadFileApiReply must return a model or an error, never
// throw or crash, whatever the files hold.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_util.h"
#include "tia/buildmodel/build_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tia;
  std::vector<std::string> parts =
      fuzz::SplitAtNul(std::string_view(reinterpret_cast<const char*>(data), size));
  size_t next = 0;
  FileReader read = [&](const std::string& path, std::string* text, std::string* err) {
    if (next >= parts.size()) {
      *err = path + ": No such file or directory";
      return false;
    }
    *text = parts[next++];
    return true;
  };
  BuildModel model;
  std::string err;
  bool ok =
      ReadFileApiReply("/b/.cmake/api/v1/reply/index-1.json", "Debug", "/b", read, &model, &err);
  fuzz::Check(ok || !err.empty(), "a refused reply without an error message");
  if (ok) {
    for (const Target& t : model.targets) model.LinkClosure(t);
    for (const CTestTest& t : model.tests) model.TargetForArtifact(t.name);
  }
  return 0;
}
