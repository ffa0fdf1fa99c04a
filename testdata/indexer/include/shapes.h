// Shapes with virtual dispatch, templates and overloads.
#pragma once

#include <vector>

namespace geo {

class Shape {
 public:
  virtual ~Shape() = default;
  virtual double Area() const = 0;
};

class Square : public Shape {
 public:
  explicit Square(double side) : side_(side) {}
  double Area() const override;

 private:
  double side_;
};

class Circle : public Shape {
 public:
  explicit Circle(double r) : r_(r) {}
  double Area() const override;

 private:
  double r_;
};

double TotalArea(const std::vector<const Shape*>& shapes);

struct Box {
  int Size() const { return 3; }
};

// Calls t.Size() only once instantiated.
template <typename T>
int SizeOf(const T& t) {
  return t.Size();
}

int Scale(int x);
double Scale(double x);

int BoxSize();
double ScaledArea();

}  // namespace geo
