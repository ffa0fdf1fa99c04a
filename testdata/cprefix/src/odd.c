#define CP_ODD 1
#include "common.h"

int odd_one(void) {
  return CP_ODD + (int)cp_round(1);
}
