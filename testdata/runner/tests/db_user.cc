#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

// Needs the db fixture: db_setup must have created db.ready.
TEST(Db, Ready) {
  const char* dir = std::getenv("TIA_RUNNER_MARKER_DIR");
  std::string ready = std::string(dir ? dir : ".") + "/db.ready";
  EXPECT_TRUE(std::ifstream(ready).good()) << ready << " missing: fixture setup did not run";
}
