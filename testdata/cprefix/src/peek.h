#ifndef PEEK_H
#define PEEK_H
#include "common.h"

int peek_first(const struct cp_buf* b);

#endif
