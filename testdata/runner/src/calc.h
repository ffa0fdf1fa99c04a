// Arithmetic the unit tests check.
#pragma once

namespace calc {
int Add(int a, int b);
int Mul(int a, int b);
}  // namespace calc
