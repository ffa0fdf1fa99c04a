// A case that prints a lot (CHATTY_BYTES, default 5,000,000) before it fails.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

TEST(Chatty, Floods) {
  const char* env = std::getenv("CHATTY_BYTES");
  long bytes = env ? std::atol(env) : 5000000;
  const std::string line(99, 'x');
  for (long n = 0; n < bytes; n += 100) std::printf("%s\n", line.c_str());
  std::fflush(stdout);
  FAIL() << "printed " << bytes << " bytes";
}
