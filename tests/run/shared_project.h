// A testdata project made into a git repository with a history, configured with CMake,
// built and indexed once per content of its testdata folder and shared by the tests of
// one build tree (a lock keeps parallel test processes from building it twice).
#pragma once

#include <string>
#include <vector>

#include "testing.h"

namespace tia::testing {

struct BuiltProject {
  std::string src, build;
};

// One commit of the history: a shell command run in the source tree, then committed.
struct ProjectStep {
  std::string edit;
  std::string message;
};

// testdata/`name` committed as "base", then each step committed in turn. The project is
// indexed before each step (so every version's facts are in the index), built in Debug
// with Ninja at the last commit, and indexed again.
BuiltProject SharedProject(const std::string& name, const std::vector<ProjectStep>& steps);

// The lines of `text`.
std::vector<std::string> TextLines(const std::string& text);

}  // namespace tia::testing
