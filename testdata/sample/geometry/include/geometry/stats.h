// A header-only statistics template; Max() is used only through Stats<int>.
#pragma once

#include <vector>

namespace geometry {

template <typename T>
class Stats {
 public:
  void Add(T value) { values_.push_back(value); }

  T Sum() const {
    T sum = T();
    for (T v : values_) sum += v;
    return sum;
  }

  double Mean() const {
    return values_.empty() ? 0.0 : static_cast<double>(Sum()) / values_.size();
  }

  T Max() const {
    T best = values_.empty() ? T() : values_[0];
    for (T v : values_)
      if (v > best) best = v;
    return best;
  }

 private:
  std::vector<T> values_;
};

}  // namespace geometry
