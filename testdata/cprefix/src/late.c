#include "common.h"

/* The X-macro list read a second time: its facts here add to those from common.h. */
#define CP_KIND(name) #name,
static const char* const kKindNames[] = {
#include "kinds.def"
    0};
#undef CP_KIND

const char* late_kind_name(int k) {
  return k < CP_KIND_LAST ? kKindNames[k] : "?";
}
