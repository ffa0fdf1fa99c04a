#pragma once
#include "common.h"

int text_length(const char* s);
