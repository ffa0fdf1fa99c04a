#include "idioms/generic_lambda.h"

namespace idioms {

int Triple(int v) {
  return v * 3;
}

int GenericLambda() {
  return ApplyGeneric(4);
}

}  // namespace idioms
