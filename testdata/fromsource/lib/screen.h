// A screen and the loop that drives it: a class that befriends another, and a global that
// only points at an instance (constructing nothing itself).
#pragma once

#include <memory>

namespace calc {

class Loop;

class Screen {
 public:
  Screen();
  int Width() const;

 private:
  friend class Loop;
  int width_;
};

class Loop {
 public:
  explicit Loop(Screen* screen);
  int Run() const;

 private:
  Screen* screen_;
};

// A size whose layout a test checks at compile time (a static_assert at file scope).
struct Size {
  Size();
  int cols;
};

// Aggregates whose default member initializers call code: constructing one runs it.
int DefaultMargin();
int DefaultOrigin();
struct Margins {
  int top = DefaultMargin();
  int bottom = 0;
};
struct Origin {
  int x = DefaultOrigin();
  int y = 0;
};

// A view that only points at a screen: constructing one constructs no Screen.
struct Viewport {
  Screen* screen = nullptr;
  int zoom = 1;
};

// The screen constructed last, or null.
Screen* ActiveScreen();

// A class whose constant is read through its name: the qualifier `Palette::` in a
// global's initializer or in the constant's definition constructs no Palette.
struct Palette {
  Palette();
  static constexpr int kColors = 16;
  int used;
};

// The same for a class template: `Table<T>::` qualifies its constant's definition.
template <typename T>
struct Table {
  static constexpr int kRows = 4;
};
template <typename T>
constexpr int Table<T>::kRows;

// Shapes drawn through their base: a call through Shape::Area runs the override of the
// object's class only, so it reaches a Box's Area only in code that makes a Box.
struct Shape {
  virtual ~Shape() = default;
  virtual int Area() const = 0;
};
struct Box : Shape {
  int Area() const override;
};
struct Disc : Shape {
  int Area() const override;
};
int AreaOf(const Shape& shape);
std::unique_ptr<Shape> MakeBox();

}  // namespace calc
