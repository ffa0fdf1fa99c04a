// Reading what one test process ran from gcov's JSON (see tia/run/coverage.h).
#include "tia/run/coverage.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "tia/util/fs.h"
#include "tia/util/hash.h"
#include "tia/util/process.h"

namespace tia::run {

namespace fs = std::filesystem;

std::string CoverageDirFor(const std::string& root, const std::string& log) {
  std::string name = fs::path(log).filename().string();
  if (name.size() > 4 && name.ends_with(".log")) name.resize(name.size() - 4);
  return root + "/" + name;
}

namespace {

// The functions of one gcov JSON document (one data file).
bool ParseGcovDocument(const nlohmann::json& doc, std::vector<CoveredFunction>* out) {
  std::string cwd = doc.value("current_working_directory", "");
  auto files = doc.find("files");
  if (files == doc.end() || !files->is_array()) return true;
  for (const auto& f : *files) {
    if (!f.is_object() || !f.contains("file") || !f["file"].is_string()) continue;
    fs::path file = f["file"].get<std::string>();
    std::string relative = file.is_relative() ? file.lexically_normal().string() : "";
    if (file.is_relative() && !cwd.empty()) file = fs::path(cwd) / file;
    std::string abs = file.lexically_normal().string();
    auto fns = f.find("functions");
    if (fns == f.end() || !fns->is_array()) continue;
    for (const auto& fn : *fns) {
      if (!fn.is_object()) continue;
      CoveredFunction c;
      c.file = abs;
      c.relative = relative;
      c.line = fn.value("start_line", 0);
      c.name = fn.value("demangled_name", fn.value("name", ""));
      c.count = fn.value("execution_count", int64_t{0});
      c.ran = c.count > 0;
      if (c.line > 0) out->push_back(std::move(c));
    }
  }
  return true;
}

}  // namespace

CoveredDoc CoverageCache::Find(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = docs_.find(key);
  return it == docs_.end() ? nullptr : it->second;
}

void CoverageCache::Put(const std::string& key, CoveredDoc doc) {
  std::lock_guard<std::mutex> lock(mu_);
  docs_.emplace(key, std::move(doc));
}

bool ReadCoverage(const std::string& dir, CoverageCache* cache, std::vector<CoveredDoc>* out,
                  std::vector<std::string>* notes, std::string* err) {
  notes->clear();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return true;
  // Data files gcov has to read: the others had the same content as one read before.
  std::map<std::string, std::string> todo;  // data file → cache key
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != ".gcda") continue;
    // The notes file is where the data file would be without the prefix.
    std::string rel = it->path().string().substr(dir.size());
    fs::path gcno = fs::path(rel).replace_extension(".gcno");
    if (!fs::exists(gcno, ec)) {
      *err = it->path().string() + ": no notes file " + gcno.string() +
             " (was the build cleaned or rebuilt during the run?)";
      return false;
    }
    notes->push_back(gcno.lexically_normal().string());
    std::string bytes;
    if (!ReadFile(it->path().string(), &bytes, err)) return false;
    std::string key = notes->back() + "\n" + Hash128Hex(bytes);
    if (CoveredDoc doc = cache->Find(key)) {
      out->push_back(std::move(doc));
      continue;
    }
    fs::path link = fs::path(it->path()).replace_extension(".gcno");
    fs::remove(link, ec);
    fs::create_symlink(gcno, link, ec);
    if (ec) {
      *err = link.string() + ": " + ec.message();
      return false;
    }
    todo[it->path().string()] = key;
  }
  if (ec) {
    *err = dir + ": " + ec.message();
    return false;
  }
  // gcov writes one JSON document per data file on stdout (-t) in JSON format (-j).
  constexpr size_t kBatch = 200;
  std::vector<std::string> data;
  for (const auto& [file, key] : todo) data.push_back(file);
  for (size_t at = 0; at < data.size(); at += kBatch) {
    std::vector<std::string> argv = {"gcov", "-j", "-t"};
    for (size_t i = at; i < std::min(data.size(), at + kBatch); ++i) argv.push_back(data[i]);
    ProcessResult r;
    if (!RunProcess(argv, dir, &r, err)) return false;
    if (r.exit_code != 0) {
      *err = "gcov exited with " + std::to_string(r.exit_code) + " on the data under " + dir +
             ": " + r.err.substr(0, r.err.find('\n'));
      return false;
    }
    size_t start = 0;
    while (start < r.out.size()) {
      size_t nl = r.out.find('\n', start);
      if (nl == std::string::npos) nl = r.out.size();
      std::string_view line(r.out.data() + start, nl - start);
      start = nl + 1;
      if (line.empty() || line[0] != '{') continue;
      nlohmann::json doc = nlohmann::json::parse(line, nullptr, false);
      if (doc.is_discarded() || !doc.is_object()) {
        *err = "gcov printed something that is not JSON for the data under " + dir;
        return false;
      }
      auto fns = std::make_shared<std::vector<CoveredFunction>>();
      ParseGcovDocument(doc, fns.get());
      out->push_back(fns);
      auto key = todo.find(doc.value("data_file", ""));
      if (key != todo.end()) cache->Put(key->second, std::move(fns));
    }
  }
  return true;
}

}  // namespace tia::run
