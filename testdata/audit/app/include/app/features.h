// Build switches, tested with #ifdef.
#pragma once

#define APP_FAST_CLOCK 1
