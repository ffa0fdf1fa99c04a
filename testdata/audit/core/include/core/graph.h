// A graph of nodes; includes node.h, which includes it back.
#pragma once

#include <vector>

#include "core/config.h"
#include "core/node.h"

namespace core {
class Graph {
 public:
  int Add();
  int Size() const;
  int Edges(int id) const;

 private:
  std::vector<int> degrees_;
};
}  // namespace core
