#include "common.h"

#include <stdio.h>

#include "hash.h"
#include "table.h"

int main(void) {
  struct cp_buf b = {0, 0};
  if (table_put(&b, "key") < 3) return 1;
  if (hash_of("") != 5381) return 1;
  free(b.data);
  puts("ok");
  return 0;
}
