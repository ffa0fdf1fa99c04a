#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

// Starts a child `sleep 1000` in its own process group (tia's), records its pid, hangs.
TEST(Hang, Forever) {
  const char* dir = std::getenv("TIA_RUNNER_MARKER_DIR");
  std::string pid_file = std::string(dir ? dir : ".") + "/hang_child.pid";
  pid_t child = fork();
  if (child == 0) {
    execlp("sleep", "sleep", "1000", static_cast<char*>(nullptr));
    _exit(127);
  }
  std::ofstream(pid_file) << child << "\n";
  for (;;) sleep(1000);
}
