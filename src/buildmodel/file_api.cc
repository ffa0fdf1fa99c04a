// CMake File API client "client-tia": writes the query, re-runs the configure step when
// the reply is missing or stale, and reads codemodel-v2, cmakeFiles-v1 and toolchains-v1.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "tia/buildmodel/build_model.h"
#include "tia/util/fs.h"
#include "tia/util/process.h"
#include "tia/util/strings.h"

namespace tia {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const char* const kQueryFiles[] = {"codemodel-v2", "cmakeFiles-v1", "toolchains-v1"};

// Value of `name` in CMakeCache.txt ("NAME:TYPE=value" lines), or "".
std::string CacheValue(const std::string& cache_text, const std::string& name) {
  size_t pos = 0;
  while (pos < cache_text.size()) {
    size_t eol = cache_text.find('\n', pos);
    if (eol == std::string::npos) eol = cache_text.size();
    std::string_view line(cache_text.data() + pos, eol - pos);
    if (line.size() > name.size() && line.substr(0, name.size()) == name &&
        line[name.size()] == ':') {
      size_t eq = line.find('=');
      if (eq != std::string_view::npos) return std::string(line.substr(eq + 1));
    }
    pos = eol + 1;
  }
  return "";
}

int64_t MtimeNs(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// Reads and parses a JSON file; err names the file and the parse position.
bool ReadJson(const FileReader& read, const std::string& path, json* out, std::string* err) {
  std::string text;
  if (!read(path, &text, err)) return false;
  try {
    *out = json::parse(text);
  } catch (const json::exception& e) {
    *err = path + ": malformed JSON: " + e.what();
    return false;
  }
  return true;
}

// The newest reply index (names sort by time) or "" when there is none.
std::string NewestIndex(const std::string& reply_dir) {
  std::string newest;
  std::error_code ec;
  for (fs::directory_iterator it(reply_dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (StartsWith(name, "index-") && name.size() > 5 &&
        name.compare(name.size() - 5, 5, ".json") == 0 && name > newest)
      newest = name;
  }
  return newest.empty() ? "" : reply_dir + "/" + newest;
}

// True when `index` answers every query of client-tia.
bool IndexAnswersQuery(const json& index) {
  auto r = index.find("reply");
  if (r == index.end() || !r->is_object()) return false;
  auto c = r->find("client-tia");
  if (c == r->end() || !c->is_object()) return false;
  for (const char* q : kQueryFiles) {
    auto e = c->find(q);
    if (e == c->end() || !e->is_object()) return false;
    auto f = e->find("jsonFile");
    if (f == e->end() || !f->is_string()) return false;
  }
  return true;
}

// j[key] when j is an object holding a string there, else "" (replies are read
// defensively: a malformed one is an error or an empty field, never an exception).
std::string StringAt(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

bool BoolAt(const json& j, const char* key) {
  if (!j.is_object()) return false;
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

// j[key] when j is an object holding it, else null.
const json* Member(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

bool ReadTarget(const FileReader& read, const std::string& path, const std::string& source_dir,
                const std::string& build_dir, Target* t, std::string* err) {
  json j;
  if (!ReadJson(read, path, &j, err)) return false;
  if (!j.is_object() || !j.contains("name") || !j.contains("type")) {
    *err = path + ": not a File API target object (no name/type)";
    return false;
  }
  t->name = StringAt(j, "name");
  t->id = StringAt(j, "id");
  t->type = StringAt(j, "type");
  if (auto a = j.find("artifacts"); a != j.end() && a->is_array())
    for (const auto& art : *a)
      t->artifacts.push_back(NormalizePath(StringAt(art, "path"), build_dir));
  if (auto s = j.find("sources"); s != j.end() && s->is_array())
    for (const auto& src : *s)
      t->sources.push_back(NormalizePath(StringAt(src, "path"), source_dir));
  if (auto d = j.find("dependencies"); d != j.end() && d->is_array())
    for (const auto& dep : *d) t->dependencies.push_back(StringAt(dep, "id"));
  return true;
}

}  // namespace

const Target* BuildModel::FindTarget(const std::string& name) const {
  for (const auto& t : targets)
    if (t.name == name) return &t;
  return nullptr;
}

const Target* BuildModel::TargetForArtifact(const std::string& artifact) const {
  std::string want = NormalizePath(artifact, build_dir);
  for (const auto& t : targets)
    for (const auto& a : t.artifacts)
      if (a == want) return &t;
  return nullptr;
}

const Target* BuildModel::FindTargetById(const std::string& id) const {
  for (const auto& t : targets)
    if (t.id == id) return &t;
  return nullptr;
}

std::vector<std::string> BuildModel::LinkClosure(const Target& t) const {
  std::vector<std::string> closure;
  std::set<std::string> seen;
  std::deque<const Target*> queue{&t};
  seen.insert(t.id);
  closure.push_back(t.id);
  while (!queue.empty()) {
    const Target* cur = queue.front();
    queue.pop_front();
    for (const auto& dep : cur->dependencies) {
      if (!seen.insert(dep).second) continue;
      closure.push_back(dep);
      if (const Target* d = FindTargetById(dep)) queue.push_back(d);
    }
  }
  return closure;
}

// An exclusive flock held while the File API reply is checked, regenerated and read.
class ConfigureLock {
 public:
  ~ConfigureLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool Acquire(const std::string& path, std::string* err) {
    fd_ = OpenOwnFile(path, err);  // never through a planted link
    if (fd_ < 0) return false;
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        *err = path + ": " + std::strerror(errno);
        return false;
      }
    }
    return true;
  }

 private:
  int fd_ = -1;
};

bool LoadFileApi(const std::string& build_dir_in, BuildModel* model, std::string* err) {
  const std::string build_dir = NormalizePath(build_dir_in, fs::current_path().string());
  std::string cache;
  std::string cache_path = build_dir + "/CMakeCache.txt";
  std::string ignored;
  if (!ReadFile(cache_path, &cache, &ignored)) {
    *err = build_dir + ": not a CMake build directory (no CMakeCache.txt); configure it first";
    return false;
  }

  // The query: one empty file per object kind. Created only when missing so an existing
  // reply stays valid.
  const std::string query_dir = build_dir + "/.cmake/api/v1/query/client-tia";
  std::error_code ec;
  fs::create_directories(query_dir, ec);
  if (ec) {
    *err = query_dir + ": cannot create the File API query: " + ec.message();
    return false;
  }
  // Several tia processes may share a build tree (parallel CI steps, a test suite): one
  // at a time checks the reply and re-runs the configure step, or two cmake runs would
  // regenerate the same build files at once.
  ConfigureLock lock;
  if (!lock.Acquire(build_dir + "/.cmake/api/v1/tia-configure.lock", err)) return false;
  int64_t query_mtime = 0;
  for (const char* q : kQueryFiles) {
    std::string path = query_dir + "/" + q;
    if (!fs::exists(path) && !WriteFileAtomic(path, "", err)) return false;
    query_mtime = std::max(query_mtime, MtimeNs(path));
  }

  const FileReader read_file = [](const std::string& path, std::string* text, std::string* e) {
    return ReadFile(path, text, e);
  };
  const std::string reply_dir = build_dir + "/.cmake/api/v1/reply";
  std::string index_path = NewestIndex(reply_dir);
  json index;
  bool fresh = !index_path.empty() && MtimeNs(index_path) >= query_mtime &&
               ReadJson(read_file, index_path, &index, &ignored) && IndexAnswersQuery(index);
  if (!fresh) {
    // Re-run the configure step with the cmake that made this build tree.
    std::string cmake = CacheValue(cache, "CMAKE_COMMAND");
    if (cmake.empty()) cmake = "cmake";
    ProcessResult r;
    if (!RunProcess({cmake, build_dir}, build_dir, &r, err)) return false;
    if (r.exit_code != 0) {
      *err = build_dir + ": `" + cmake + " " + build_dir + "` failed (exit " +
             std::to_string(r.exit_code) + "): " + r.err;
      return false;
    }
    index_path = NewestIndex(reply_dir);
    if (index_path.empty()) {
      *err = reply_dir + ": no File API reply after configuring (cmake older than 3.14?)";
      return false;
    }
  }
  return ReadFileApiReply(index_path, CacheValue(cache, "CMAKE_BUILD_TYPE"), build_dir, read_file,
                          model, err);
}

bool ReadFileApiReply(const std::string& index_path, const std::string& cache_build_type,
                      const std::string& build_dir, const FileReader& read, BuildModel* model,
                      std::string* err) {
  const std::string reply_dir = index_path.substr(0, index_path.find_last_of('/'));
  json index;
  if (!ReadJson(read, index_path, &index, err)) return false;
  if (!IndexAnswersQuery(index)) {
    *err = index_path + ": the reply does not answer client-tia's query " +
           "(codemodel-v2, cmakeFiles-v1, toolchains-v1)";
    return false;
  }
  const json& replies = index["reply"]["client-tia"];
  auto reply_file = [&](const char* kind) {
    return reply_dir + "/" + replies[kind]["jsonFile"].get<std::string>();
  };

  // codemodel: paths and the targets of one configuration.
  json codemodel;
  std::string codemodel_path = reply_file("codemodel-v2");
  if (!ReadJson(read, codemodel_path, &codemodel, err)) return false;
  const json* paths = Member(codemodel, "paths");
  const json* configs = Member(codemodel, "configurations");
  if (!paths || !paths->is_object() || !configs || !configs->is_array() || configs->empty()) {
    *err = codemodel_path + ": codemodel without paths or configurations";
    return false;
  }
  model->source_dir = StringAt(*paths, "source");
  model->build_dir = StringAt(*paths, "build");
  if (model->build_dir.empty()) model->build_dir = build_dir;
  model->build_type = cache_build_type;
  const json* config = &(*configs)[0];
  for (const auto& c : *configs)
    if (StringAt(c, "name") == model->build_type) config = &c;
  if (model->build_type.empty()) model->build_type = StringAt(*config, "name");

  model->targets.clear();
  if (const json* ts = Member(*config, "targets"); ts && ts->is_array()) {
    for (const auto& tref : *ts) {
      Target t;
      if (!ReadTarget(read, reply_dir + "/" + StringAt(tref, "jsonFile"), model->source_dir,
                      model->build_dir, &t, err))
        return false;
      model->targets.push_back(std::move(t));
    }
  }

  // cmakeFiles: every input except generated files and CMake's own modules.
  json cmake_files;
  std::string cmake_files_path = reply_file("cmakeFiles-v1");
  if (!ReadJson(read, cmake_files_path, &cmake_files, err)) return false;
  model->cmake_files.clear();
  const json* inputs = Member(cmake_files, "inputs");
  if (!inputs || !inputs->is_array()) {
    *err = cmake_files_path + ": cmakeFiles reply without an inputs array";
    return false;
  }
  for (const auto& input : *inputs) {
    if (BoolAt(input, "isGenerated") || BoolAt(input, "isCMake")) continue;
    model->cmake_files.push_back(NormalizePath(StringAt(input, "path"), model->source_dir));
  }

  // toolchains: the C++ compiler (falls back to C for C-only projects).
  json toolchains;
  std::string toolchains_path = reply_file("toolchains-v1");
  if (!ReadJson(read, toolchains_path, &toolchains, err)) return false;
  model->cxx_compiler_id.clear();
  model->cxx_compiler_path.clear();
  if (const json* tcs = Member(toolchains, "toolchains"); tcs && tcs->is_array()) {
    for (const char* lang : {"C", "CXX"}) {
      for (const auto& tc : *tcs) {
        const json* compiler = Member(tc, "compiler");
        if (StringAt(tc, "language") != lang || !compiler) continue;
        model->cxx_compiler_id = StringAt(*compiler, "id");
        model->cxx_compiler_path = StringAt(*compiler, "path");
      }
    }
  }
  return true;
}

}  // namespace tia
