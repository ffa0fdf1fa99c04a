// Evaluates "1 + 2 - 3" style expressions.
#pragma once

#include <optional>
#include <string>

namespace textproc {

// The value of a sum/difference of integers; nullopt when malformed.
std::optional<int> EvaluateSum(const std::string& text);

}  // namespace textproc
