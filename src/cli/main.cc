// tia's entry point: wires every registered subcommand to CLI11 and runs the chosen one.
#include <signal.h>

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

namespace tia::cli {
namespace {

// "index, stats, ..." in registration order.
std::string CommandList(CLI::App& app) {
  std::string out;
  for (const CLI::App* sub : app.get_subcommands({}))
    out += (out.empty() ? "" : ", ") + sub->get_name();
  return out;
}

// A CLI11 parse error as one `tia: error:` line that names the subcommand's help.
int UsageError(CLI::App& app, const CLI::ParseError& e) {
  std::string help = "tia --help";
  for (const CLI::App* sub : app.get_subcommands()) help = "tia " + sub->get_name() + " --help";
  return Fail(std::string(e.what()) + " (see " + help + ")");
}

}  // namespace
}  // namespace tia::cli

int main(int argc, char** argv) {
  using namespace tia::cli;
  // A file-size limit (ulimit -f) must fail the write that exceeds it (EFBIG), which is
  // reported like a full disk, instead of killing tia mid-run. A handler, not SIG_IGN:
  // handlers are reset by exec, so the tests tia runs keep the default action.
  struct sigaction on_fsize {};
  on_fsize.sa_handler = [](int) {};
  sigemptyset(&on_fsize.sa_mask);
  sigaction(SIGXFSZ, &on_fsize, nullptr);
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
  // The first word picks the command: say which words are commands when it is none.
  if (argc < 2) return Fail("no command given; the commands are: " + CommandList(app));
  std::string first = argv[1];
  if (first.size() > 1 && first[0] == '-' && first != "-h" && first != "--help" &&
      first != "--version")
    return Fail("unknown option '" + first +
                "' (options go after the command); the commands are: " + CommandList(app) +
                " (see tia --help)");
  if (!first.empty() && first[0] != '-') {
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) known |= sub->check_name(first);
    if (!known)
      return Fail("unknown command '" + first + "'; the commands are: " + CommandList(app) +
                  " (see tia --help)");
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    // A value out of range already says what is allowed.
    if (dynamic_cast<const CLI::ValidationError*>(&e)) return Fail(e.what());
    return UsageError(app, e);
  }
  for (auto* sub : app.get_subcommands()) {
    auto it = runners.find(sub);
    if (it == runners.end()) continue;
    // Bad input is reported where it is found; this only keeps a defect (or exhausted
    // memory) from ending in an abort with no message.
    try {
      return it->second();
    } catch (const std::exception& e) {
      return Fail(std::string("unexpected failure: ") + e.what() + " (please report this)");
    }
  }
  return Fail("no command given; the commands are: " + CommandList(app));
}
