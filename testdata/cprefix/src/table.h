#ifndef TABLE_H
#define TABLE_H
#include "common.h"

int table_put(struct cp_buf* b, const char* key);

#endif
