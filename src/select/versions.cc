// The file versions a selection needs facts of (see tia/select/versions.h).
#include "tia/select/versions.h"

#include <algorithm>

namespace tia {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The same build-input rule as selection: such a change selects everything, no facts needed.
bool IsBuildInput(const std::string& rel, const std::string& abs, const BuildModel& build) {
  std::string base = rel.substr(rel.rfind('/') == std::string::npos ? 0 : rel.rfind('/') + 1);
  if (base == "CMakeLists.txt" || base == "CMakePresets.json" || base == "CMakeUserPresets.json" ||
      EndsWith(base, ".cmake") || EndsWith(base, ".cmake.in"))
    return true;
  return std::find(build.cmake_files.begin(), build.cmake_files.end(), abs) !=
         build.cmake_files.end();
}

}  // namespace

std::vector<NeededVersion> VersionsNeeded(const SelectContext& ctx,
                                          const std::vector<FileChange>& changes) {
  std::vector<NeededVersion> out;
  if (!ctx.repo) return out;
  const std::string root = ctx.repo->workdir();
  for (const FileChange& fc : changes) {
    if (fc.binary) continue;
    bool ruled = false, build_input = false;
    for (const std::string* p : {&fc.new_path, &fc.old_path}) {
      if (p->empty()) continue;
      ruled |= ctx.config && ctx.config->Match(*p) != nullptr;
      build_input |= IsBuildInput(*p, root + "/" + *p, *ctx.build);
    }
    if (ruled || build_input) continue;
    std::string old_abs = fc.old_path.empty() ? "" : root + "/" + fc.old_path;
    std::string new_abs = fc.new_path.empty() ? "" : root + "/" + fc.new_path;
    bool old_known = !old_abs.empty() && ctx.graph->FileIndex(old_abs) >= 0;
    bool new_known = !new_abs.empty() && ctx.graph->FileIndex(new_abs) >= 0;
    if (!old_known && !new_known) continue;  // not C or C++ the index knows
    std::string current = new_known ? new_abs : old_abs;
    if (!fc.old_path.empty() && !fc.old_id.empty())
      out.push_back({{old_abs, fc.old_id}, true, fc.old_path, current});
    if (!fc.new_path.empty() && !fc.new_id.empty())
      out.push_back({{new_abs, fc.new_id}, false, fc.new_path, current});
  }
  return out;
}

}  // namespace tia
