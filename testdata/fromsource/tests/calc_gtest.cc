// GoogleTest cases run by gtest_main (built from source).
#include <gtest/gtest.h>

#include "calc.h"
#include "screen.h"

TEST(CalcTest, Add) {
  EXPECT_EQ(calc::Add(2, 3), 5);
}

TEST(CalcTest, Mul) {
  EXPECT_EQ(calc::Mul(2, 3), 6);
}

TEST(CalcTest, Neg) {
  EXPECT_NEAR(calc::Neg(2), -2, 0);
}

// Parameterized and typed cases: the program names their instances.
class AddParamTest : public ::testing::TestWithParam<int> {};

TEST_P(AddParamTest, Commutes) {
  EXPECT_EQ(calc::Add(GetParam(), 1), calc::Add(1, GetParam()));
}

INSTANTIATE_TEST_SUITE_P(Small, AddParamTest, ::testing::Values(1, 2));

template <typename T>
class TypedAddTest : public ::testing::Test {};

using AddTypes = ::testing::Types<int, long>;
TYPED_TEST_SUITE(TypedAddTest, AddTypes);

TYPED_TEST(TypedAddTest, Identity) {
  EXPECT_EQ(calc::Add(static_cast<int>(TypeParam(3)), 0), 3);
}

TEST(ScreenTest, Width) {
  calc::Screen screen;
  EXPECT_EQ(screen.Width(), 80);
}

TEST(ScreenTest, Loop) {
  calc::Screen screen;
  calc::Loop loop(&screen);
  EXPECT_EQ(loop.Run(), 160);
}

static_assert(sizeof(calc::Size) == sizeof(int), "a Size holds one int");

TEST(ScreenTest, Size) {
  EXPECT_EQ(calc::Size().cols, 80);
}

TEST(ScreenTest, Margins) {
  calc::Margins margins;
  EXPECT_EQ(margins.bottom, 0);
}

// A structured binding at file scope: its initializer constructs an Origin at start-up.
auto [g_origin_x, g_origin_y] = calc::Origin{};

TEST(ScreenTest, Origin) {
  EXPECT_EQ(g_origin_y, 0);
}

// A global constructed at start-up whose class only points at a Screen.
calc::Viewport g_viewport;

TEST(ScreenTest, Viewport) {
  EXPECT_EQ(g_viewport.zoom, 1);
}

// The operator== of the project runs inside GoogleTest's comparison template.
TEST(PointTest, Equal) {
  EXPECT_EQ((calc::Point{1, 2}), (calc::Point{1, 2}));
}

// A global that reads a class's constant through the class's name.
int g_colors = calc::Palette::kColors;

TEST(PaletteTest, Colors) {
  EXPECT_EQ(g_colors, 16);
}

TEST(PaletteTest, Used) {
  calc::Palette palette;
  EXPECT_EQ(palette.used, 0);
}

// Calls through the base class: each case runs the Area of the shapes it makes.
TEST(ShapeTest, Box) {
  calc::Box box;
  EXPECT_EQ(calc::AreaOf(box), 4);
}

TEST(ShapeTest, Disc) {
  calc::Disc disc;
  EXPECT_EQ(calc::AreaOf(disc), 3);
}

TEST(ShapeTest, Made) {
  EXPECT_EQ(calc::AreaOf(*calc::MakeBox()), 4);
}
