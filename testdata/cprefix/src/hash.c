#include "hash.h"

unsigned hash_of(const char* s) {
  unsigned h = 5381;
  while (*s) h = h * 33 + (unsigned char)*s++;
  cp_log("hashed");
  return h;
}

void cp_log(const char* msg) {
  (void)msg;
}
