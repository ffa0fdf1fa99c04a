#ifndef HASH_H /* the guard may carry a comment */
#define HASH_H
#include <common.h>

unsigned hash_of(const char* s);

#endif
