#pragma once

#include <string>

// The line a report starts with.
std::string Banner();
