// Tests of shapes: plain tests, a fixture with SetUp, and a disabled test.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "geometry/format.h"
#include "geometry/shapes.h"

namespace {

TEST(CircleTest, Area) {
  EXPECT_NEAR(geometry::Circle(1.0).area(), GEOMETRY_PI, 1e-9);
}

TEST(SquareTest, Area) {
  EXPECT_DOUBLE_EQ(geometry::Square(3.0).area(), 9.0);
}

TEST(SquareTest, DISABLED_NegativeSide) {
  EXPECT_LT(geometry::Square(-1.0).area(), 0.0);
}

TEST(FormatTest, DefaultPrecision) {
  EXPECT_EQ(geometry::FormatArea(3.14159), "3.14");
}

TEST(DefaultsTest, Count) {
  EXPECT_EQ(geometry::DefaultShapeCount(), 2);
}

class ShapeListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    shapes_.push_back(std::make_unique<geometry::Square>(1.0));
    shapes_.push_back(std::make_unique<geometry::Square>(2.0));
  }
  std::vector<std::unique_ptr<geometry::Shape>> shapes_;
};

TEST_F(ShapeListTest, TotalArea) {
  EXPECT_DOUBLE_EQ(geometry::TotalArea(shapes_), 5.0);
}

TEST_F(ShapeListTest, Empty) {
  EXPECT_DOUBLE_EQ(geometry::TotalArea({}), 0.0);
}

}  // namespace
