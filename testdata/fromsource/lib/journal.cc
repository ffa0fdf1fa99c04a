#include <vector>

#include "calc.h"

namespace calc {
namespace {
std::vector<std::string>& Log() {
  static std::vector<std::string> log;
  return log;
}
}  // namespace

void Journal::Record(const std::string& what) {
  Log().push_back(what);
}

int Journal::Entries() {
  return static_cast<int>(Log().size());
}

void Journal::Clear() {
  Log().clear();
}

}  // namespace calc
