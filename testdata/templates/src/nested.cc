#include "idioms/nested.h"

namespace idioms {

int RunVisit() {
  Ctx c;
  Arg<Ctx>{}.visit(Formatter<Ctx>{&c});
  return c.n;
}

}  // namespace idioms
