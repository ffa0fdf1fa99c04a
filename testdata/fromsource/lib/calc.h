// A calculator library and a journal of its operations.
#pragma once

#include <string>

namespace calc {

int Add(int a, int b);
int Mul(int a, int b);
int Neg(int a);
int Sub(int a, int b);
int Twice(int a);
int Zero();
int Square(int a);
int Step(int a);

// A value the tests compare inside the frameworks' assertions (EXPECT_EQ, CHECK, REQUIRE):
// the framework's comparison template calls these operators.
struct Point {
  int x = 0;
  int y = 0;
};
bool operator==(const Point& a, const Point& b);
bool operator!=(const Point& a, const Point& b);

// Counts what the test programs' set-up code does.
struct Journal {
  static void Record(const std::string& what);
  static int Entries();
  static void Clear();
};

}  // namespace calc
