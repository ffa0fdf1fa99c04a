// audit_tool: prints the uptime of a clock. No test runs it.
#include <cstdio>

#include "app/clock.h"

namespace {
void PrintUptime() {
  app::Clock clock;
  clock.Advance(3);
  std::printf("%s\n", app::FormatUptime(clock).c_str());
}
}  // namespace

int main() {
  PrintUptime();
  return 0;
}
