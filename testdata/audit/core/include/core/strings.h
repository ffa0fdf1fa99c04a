// String helpers.
#pragma once

#include <string>
#include <vector>

#include "core/config.h"

namespace core {
inline constexpr int kMaxParts = CORE_LIMIT;

std::string Join(const std::vector<std::string>& parts, const std::string& sep);
std::string Upper(std::string s);
}  // namespace core
