// One case per idiom: each fails when any function of its idiom misbehaves.
#include <gtest/gtest.h>

#include "idioms/adl.h"
#include "idioms/aliases.h"
#include "idioms/auto_return.h"
#include "idioms/concepts.h"
#include "idioms/constexpr_if.h"
#include "idioms/crtp.h"
#include "idioms/default_args.h"
#include "idioms/dependent.h"
#include "idioms/extern_template.h"
#include "idioms/forwarding.h"
#include "idioms/generic_lambda.h"
#include "idioms/member_template.h"
#include "idioms/nested.h"
#include "idioms/nested_templates.h"
#include "idioms/specializations.h"
#include "idioms/std_instantiated.h"

namespace {

TEST(Nested, VisitFormatsOnce) {
  EXPECT_EQ(idioms::RunVisit(), 1);
}

TEST(Dependent, Callable) {
  EXPECT_EQ(idioms::DependentCallable(), 5);
}

TEST(Dependent, Member) {
  EXPECT_EQ(idioms::DependentMember(), 42);
}

TEST(Dependent, Static) {
  EXPECT_EQ(idioms::DependentStatic(), 42);
}

TEST(Dependent, MemberInAnotherTu) {
  EXPECT_EQ(idioms::DependentOther(), 10);
}

TEST(Adl, DescribeCircle) {
  EXPECT_EQ(idioms::DescribeCircle(), 11);
}

TEST(Crtp, RunCallsDerivedStep) {
  EXPECT_EQ(idioms::RunTicker(), 7);
}

TEST(MemberTemplate, AddsWeights) {
  EXPECT_EQ(idioms::RegistryTotal(), 14);
}

TEST(Forwarding, Function) {
  EXPECT_EQ(idioms::ForwardSum(), 6);
}

TEST(Forwarding, FunctionObject) {
  EXPECT_EQ(idioms::ForwardScale(), 15);
}

TEST(ConstexprIf, IntegralBranch) {
  EXPECT_EQ(idioms::RouteInt(), 101);
}

TEST(ConstexprIf, FloatingBranch) {
  EXPECT_DOUBLE_EQ(idioms::RouteFloat(), 1.5);
}

TEST(GenericLambda, Applies) {
  EXPECT_EQ(idioms::GenericLambda(), 13);
}

TEST(AutoReturn, Deduced) {
  EXPECT_EQ(idioms::AutoReturn(), 41);
}

TEST(NestedTemplates, OuterReachesInner) {
  EXPECT_EQ(idioms::OuterProbe(), 13);
}

TEST(DefaultArgs, PolicyApplies) {
  EXPECT_EQ(idioms::BoxGet(), 9);
}

TEST(Aliases, StartsMotor) {
  EXPECT_EQ(idioms::StartCar(), 4);
}

TEST(Specializations, Explicit) {
  EXPECT_EQ(idioms::TagOfInt(), 2);
}

TEST(Specializations, Partial) {
  EXPECT_EQ(idioms::TagOfPointer(), 101);
}

TEST(Specializations, Primary) {
  EXPECT_EQ(idioms::TagOfDouble(), 1);
}

TEST(ExternTemplate, Accumulates) {
  idioms::Accum<int> a;
  a.Add(2);
  a.Add(3);
  EXPECT_EQ(a.Total(), 10);
}

TEST(Concepts, ConstrainedCall) {
  EXPECT_EQ(idioms::PlotArea(), 12);
}

TEST(StdInstantiated, DestructorRunsInUniquePtr) {
  EXPECT_EQ(idioms::KeeperReleases(), 1);
}

}  // namespace
