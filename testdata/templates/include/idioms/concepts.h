// A concept and a requires clause constrain the templates that call t.Area().
#pragma once

namespace idioms {

template <typename T>
concept HasArea = requires(const T& t) {
  t.Area();
};

template <HasArea T>
int AreaOf(const T& t) {
  return t.Area();
}

template <typename T>
requires HasArea<T>
int DoubleArea(const T& t) {
  return 2 * AreaOf(t);
}

struct Plot {
  int Area() const;
};

int PlotArea();

}  // namespace idioms
