// GoogleTest cases that stop their process in every way, and two order dependences:
// Victim fails after Pollutes in the same process; NeedsSetUp passes only after SetsUp.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>

static bool polluted = false;
static bool ready = false;

TEST(Recover, First) {}

TEST(Recover, Pollutes) {
  polluted = true;
}

TEST(Recover, Victim) {
  EXPECT_FALSE(polluted) << "state left behind by another case";
}

TEST(Recover, SetsUp) {
  ready = true;
}

TEST(Recover, NeedsSetUp) {
  EXPECT_TRUE(ready) << "Recover.SetsUp did not run first";
}

TEST(Recover, Crashes) {
  std::raise(SIGSEGV);
}

TEST(Recover, AfterCrash) {}

TEST(Recover, Hangs) {
  std::this_thread::sleep_for(std::chrono::seconds(1000));
}

TEST(Recover, AfterHang) {}

TEST(Recover, Exits) {
  std::exit(0);
}

TEST(Recover, Last) {}
