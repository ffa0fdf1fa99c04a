// tia's entry point: wires every registered subcommand to CLI11 and runs the chosen one.
#include <algorithm>
#include <iostream>
#include <map>
#include <vector>

#include "command.h"

namespace tia::cli {
namespace {
std::vector<std::pair<int, Command::Setup>>& Registry() {
  static std::vector<std::pair<int, Command::Setup>> r;
  return r;
}
}  // namespace

Command::Command(int order, Setup setup) {
  Registry().emplace_back(order, std::move(setup));
}

int Fail(const std::string& msg) {
  std::cerr << "tia: error: " << msg << "\n";
  return kExitUsage;
}

}  // namespace tia::cli

int main(int argc, char** argv) {
  using namespace tia::cli;
  CLI::App app{"tia: test impact analysis for C and C++ projects built with CMake"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tia 0.1.0");
  auto& reg = Registry();
  std::stable_sort(reg.begin(), reg.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::map<CLI::App*, Command::Runner> runners;
  for (auto& [order, setup] : reg) {
    size_t before = app.get_subcommands({}).size();
    Command::Runner run = setup(app);
    auto subs = app.get_subcommands({});
    if (subs.size() > before) runners[subs.back()] = std::move(run);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitUsage;
  }
  for (auto* sub : app.get_subcommands()) {
    auto it = runners.find(sub);
    if (it != runners.end()) return it->second();
  }
  return Fail("no command given (see tia --help)");
}
