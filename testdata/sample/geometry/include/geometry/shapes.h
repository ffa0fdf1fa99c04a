// Shapes with a virtual area, and small helpers used by them.
#pragma once

#include <memory>
#include <vector>

#define GEOMETRY_PI 3.14159265358979

namespace geometry {

// x * x; inline so every caller compiles its own copy.
inline double Squared(double x) {
  return x * x;
}

class Shape {
 public:
  virtual ~Shape() = default;
  virtual double area() const = 0;
};

class Circle : public Shape {
 public:
  explicit Circle(double radius) : radius_(radius) {}
  double area() const override;

 private:
  double radius_;
};

class Square : public Shape {
 public:
  explicit Square(double side) : side_(side) {}
  double area() const override;

 private:
  double side_;
};

// Sum of the areas, through the virtual Shape::area.
double TotalArea(const std::vector<std::unique_ptr<Shape>>& shapes);

// Number of shapes in the default set (built by a global initializer).
int DefaultShapeCount();

}  // namespace geometry
