#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

// Fails the first time it runs with TIA_RUNNER_MARKER_DIR set (leaving a marker), then passes.
TEST(Flaky, SecondTime) {
  const char* dir = std::getenv("TIA_RUNNER_MARKER_DIR");
  if (!dir) return;
  std::string marker = std::string(dir) + "/flaky.marker";
  if (std::ifstream(marker).good()) return;
  std::ofstream(marker) << "ran\n";
  FAIL() << "first run fails";
}

// A custom main, as projects with their own set-up have.
int main(int argc, char** argv) {
  std::printf("flaky_test: custom main\n");
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
