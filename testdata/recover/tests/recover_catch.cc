// Catch2 cases that stop their process in every way, and two order dependences:
// Victim fails after Pollutes in the same process; NeedsSetUp passes only after SetsUp.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>

static bool polluted = false;
static bool ready = false;

TEST_CASE("First") {}

TEST_CASE("Pollutes") {
  polluted = true;
}

TEST_CASE("Victim") {
  CHECK_FALSE(polluted);
}

TEST_CASE("SetsUp") {
  ready = true;
}

TEST_CASE("NeedsSetUp") {
  CHECK(ready);
}

TEST_CASE("Crashes") {
  std::raise(SIGSEGV);
}

TEST_CASE("AfterCrash") {}

TEST_CASE("Hangs") {
  std::this_thread::sleep_for(std::chrono::seconds(1000));
}

TEST_CASE("AfterHang") {}

TEST_CASE("Exits") {
  std::exit(0);
}

TEST_CASE("Last") {}
