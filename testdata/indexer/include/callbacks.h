// Functions called through tables, lambdas and std::function.
#pragma once

#include <functional>

int OnAdd(int x);
int OnSub(int x);
int Dispatch(int which, int x);
int ApplyLambda(int x);
std::function<int(int)> MakeCallback();
int InitValue();
extern int g_initialized;
int UseHidden();
