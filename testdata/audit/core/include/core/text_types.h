// Brings in the standard string types and declares nothing of its own.
#pragma once

#include <string>
#include <vector>
