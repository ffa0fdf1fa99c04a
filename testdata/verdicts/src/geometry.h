#pragma once

namespace geometry {

int Area(int w, int h);
int Perimeter(int w, int h);
// The squared length of the diagonal.
int Diagonal2(int w, int h);

}  // namespace geometry
