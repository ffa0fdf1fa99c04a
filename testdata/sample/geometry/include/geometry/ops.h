// Binary operations reached only through a table of function pointers.
#pragma once

namespace geometry {

using Op = int (*)(int, int);

int add(int a, int b);
int mul(int a, int b);

// The operation table: kOps[0] is add, kOps[1] is mul.
extern const Op kOps[];
constexpr int kOpCount = 2;

// Calls kOps[index](a, b).
int ApplyOp(int index, int a, int b);

}  // namespace geometry
