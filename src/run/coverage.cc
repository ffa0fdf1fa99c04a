// Reading what one test process ran from gcov's JSON (see tia/run/coverage.h).
#include "tia/run/coverage.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tia/util/process.h"

namespace tia::run {

namespace fs = std::filesystem;

std::string CoverageDirFor(const std::string& root, const std::string& log) {
  std::string name = fs::path(log).filename().string();
  if (name.size() > 4 && name.ends_with(".log")) name.resize(name.size() - 4);
  return root + "/" + name;
}

bool ReadCoverage(const std::string& dir, std::vector<CoveredFunction>* out,
                  std::vector<std::string>* notes, std::string* err) {
  notes->clear();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return true;
  std::vector<std::string> data;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != ".gcda") continue;
    // The notes file is where the data file would be without the prefix.
    std::string rel = it->path().string().substr(dir.size());
    fs::path gcno = fs::path(rel).replace_extension(".gcno");
    fs::path link = fs::path(it->path()).replace_extension(".gcno");
    if (!fs::exists(gcno, ec)) {
      *err = it->path().string() + ": no notes file " + gcno.string() +
             " (was the build cleaned or rebuilt during the run?)";
      return false;
    }
    fs::remove(link, ec);
    fs::create_symlink(gcno, link, ec);
    if (ec) {
      *err = link.string() + ": " + ec.message();
      return false;
    }
    data.push_back(it->path().string());
    notes->push_back(gcno.lexically_normal().string());
  }
  if (ec) {
    *err = dir + ": " + ec.message();
    return false;
  }
  if (data.empty()) return true;
  std::sort(data.begin(), data.end());
  // gcov writes one JSON document per data file on stdout (-t) in JSON format (-j).
  constexpr size_t kBatch = 200;
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
      std::string cwd = doc.value("current_working_directory", "");
      auto files = doc.find("files");
      if (files == doc.end() || !files->is_array()) continue;
      for (const auto& f : *files) {
        if (!f.is_object() || !f.contains("file") || !f["file"].is_string()) continue;
        fs::path file = f["file"].get<std::string>();
        if (file.is_relative() && !cwd.empty()) file = fs::path(cwd) / file;
        std::string abs = file.lexically_normal().string();
        auto fns = f.find("functions");
        if (fns == f.end() || !fns->is_array()) continue;
        for (const auto& fn : *fns) {
          if (!fn.is_object()) continue;
          CoveredFunction c;
          c.file = abs;
          c.line = fn.value("start_line", 0);
          c.name = fn.value("demangled_name", fn.value("name", ""));
          c.ran = fn.value("execution_count", int64_t{0}) > 0;
          if (c.line > 0) out->push_back(std::move(c));
        }
      }
    }
  }
  return true;
}

}  // namespace tia::run
