// Compiled twice: once plain, once with CONFIG_FAST.
#include "callbacks.h"

int ConfigValue() {
#ifdef CONFIG_FAST
  return OnAdd(1);
#else
  return OnSub(1);
#endif
}

// Last, so the lines above stay where the tests expect them.
#include "config_dispatch.h"
