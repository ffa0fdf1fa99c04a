#pragma once

// Width of a text in narrow or wide characters; both versions are one text (twice.inc)
// compiled twice under two names.
int Width(const char* text, bool wide);
int WidthNarrow(const char* text);
int WidthWide(const char* text);
