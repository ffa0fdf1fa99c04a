// Read by config.cc under two configurations: the inline body expands CONFIG_OP to a
// different function in each, so the header's shard must hold both calls.
#pragma once

int OpFast(int x);
int OpSafe(int x);

#ifdef CONFIG_FAST
#define CONFIG_OP OpFast
#else
#define CONFIG_OP OpSafe
#endif

inline int ConfiguredOp(int x) { return CONFIG_OP(x); }
