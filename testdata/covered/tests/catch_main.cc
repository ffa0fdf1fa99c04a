// Catch2 v2's main, compiled once for the Catch2 programs.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
