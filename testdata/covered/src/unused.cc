// In the library, referenced by nothing: the linker leaves this object out of reader_test,
// so its static initializer never runs there, though the code graph counts it.
namespace {

int Register() {
  return 42;
}

int registered = Register();

}  // namespace
