// A graph node. node.h and graph.h include each other: an include cycle of two files.
#pragma once

#include "core/config.h"
#include "core/graph.h"

namespace core {
class Graph;

struct Node {
  int id = 0;
  Graph* owner = nullptr;
  int Degree() const;
};
}  // namespace core
