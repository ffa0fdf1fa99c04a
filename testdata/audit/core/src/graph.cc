// Graph and Node methods.
#include "core/graph.h"

namespace core {
int Graph::Add() {
  degrees_.push_back(0);
  return static_cast<int>(degrees_.size()) - 1;
}

int Graph::Size() const { return Clamp(static_cast<int>(degrees_.size())); }

int Graph::Edges(int id) const { return degrees_.at(id); }

int Node::Degree() const { return owner ? owner->Edges(id) : 0; }
}  // namespace core
