// Process setup for the application.
#include <cstdlib>

#include "app/app.h"

namespace app {
namespace {
AppConfig g_config;
}  // namespace

void InitApp() {
  const char* dir = std::getenv("APP_DATA_DIR");
  g_config.data_dir = dir ? dir : "";
  g_config.initialized = true;
}

const AppConfig& Config() {
  return g_config;
}

}  // namespace app
