// The application layer: reports combining textproc and geometry, and process setup.
#pragma once

#include <string>

namespace app {

// The area of a square whose side is the value of `expression` ("1 + 2" -> "9.00"),
// or "error" when the expression is malformed.
std::string SquareAreaReport(const std::string& expression);

// Process-wide configuration, set once by InitApp().
struct AppConfig {
  std::string data_dir;
  bool initialized = false;
};

// Reads APP_DATA_DIR from the environment; called once from the test's main().
void InitApp();

const AppConfig& Config();

}  // namespace app
