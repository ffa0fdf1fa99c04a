// libFuzzer target for the constraint parser: no crash on any input, sane error columns,
// and canonical printing that re-parses to an expression with the same truth table.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "tia/constraint/expr.h"
#include "tia/constraint/file.h"
#include "tia/constraint/tags.h"

namespace {

void Check(bool ok, const char* what, std::string_view input) {
  if (ok) return;
  std::fprintf(stderr, "property violated: %s\ninput: %.*s\n", what, static_cast<int>(input.size()),
               input.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tia::constraint;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  // The file scanner must cope with anything, including the input as a header line.
  std::optional<FileConstraint> fc;
  std::string ferr;
  ScanConstraint(input, "fuzz.cc", &fc, &ferr);
  ScanConstraint("// tia:build " + std::string(input), "fuzz.cc", &fc, &ferr);
  // The input as a --tags value.
  std::vector<std::string> user_tags;
  std::string terr;
  if (!ParseTagList(input, &user_tags, &terr)) Check(!terr.empty(), "empty --tags error", input);

  ParseError err;
  std::optional<Expr> e = Parse(input, &err);
  if (!e) {
    Check(err.column >= 1 && static_cast<size_t>(err.column) <= size + 1,
          "error column out of range", input);
    Check(!err.message.empty(), "empty error message", input);
    return 0;
  }
  std::string canon = ToString(*e);
  ParseError err2;
  std::optional<Expr> e2 = Parse(canon, &err2);
  Check(e2.has_value(), "canonical form does not parse", input);
  Check(ToString(*e2) == canon, "canonical form is not a fixed point", input);

  // Same truth table over the first (up to) 10 tags plus one tag that is absent.
  std::vector<std::string> tags = Tags(*e);
  Check(Tags(*e2) == tags, "canonical form changed the tag set", input);
  if (tags.size() > 10) tags.resize(10);
  for (uint32_t bits = 0; bits < (1u << tags.size()); ++bits) {
    auto has = [&](std::string_view t) {
      for (size_t i = 0; i < tags.size(); ++i)
        if (tags[i] == t) return ((bits >> i) & 1) != 0;
      return false;
    };
    Check(Eval(*e, has) == Eval(*e2, has), "canonical form evaluates differently", input);
  }
  MatchLabels(*e, {"unit", "slow"});  // as a --labels expression
  return 0;
}
