// Unnamed types: clang gives them no name, yet the code uses them (a member of an unnamed
// struct type, an anonymous union's members, an anonymous enum's enumerator, a table of
// an unnamed struct type).
struct Options {
  struct {
    int width = 80;
    int height = 24;
  } size;
  union {
    int as_int;
    float as_float;
  };
};

enum { kMaxDepth = 16 };

static const struct {
  const char* name;
  int value;
} kTable[] = {{"one", 1}, {"two", 2}};

int UnnamedTypes(int i) {
  Options o;
  o.as_int = i;
  return o.size.width + kMaxDepth + kTable[1].value + o.as_int;
}
