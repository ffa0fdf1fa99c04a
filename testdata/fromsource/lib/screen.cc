#include "screen.h"

namespace calc {
namespace {
Screen* g_active_screen = nullptr;
}  // namespace

Screen::Screen() : width_(80) {
  g_active_screen = this;
}

int Screen::Width() const {
  return width_;
}

Loop::Loop(Screen* screen) : screen_(screen) {}

int Loop::Run() const {
  return screen_->width_ * 2;
}

Size::Size() : cols(80) {}

int DefaultMargin() {
  return 1;
}

int DefaultOrigin() {
  return 0;
}

Screen* ActiveScreen() {
  return g_active_screen;
}

constexpr int Palette::kColors;

Palette::Palette() : used(0) {}

int Box::Area() const {
  return 4;
}

int Disc::Area() const {
  return 3;
}

int AreaOf(const Shape& shape) {
  return shape.Area();
}

std::unique_ptr<Shape> MakeBox() {
  return std::make_unique<Box>();
}

}  // namespace calc
