// A TU whose diagnostics name its own flags as unknown arguments, as clang's driver names a
// flag it rejects: with -DTIA_REJECT_1 the parse reports "unknown argument: '-DTIA_REJECT_1'",
// so the indexer drops that flag and parses again (then TIA_REJECT_2, then TIA_REJECT_3).
#if defined(TIA_REJECT_1)
#error unknown argument: '-DTIA_REJECT_1'
#elif defined(TIA_REJECT_2)
#error unknown argument: '-DTIA_REJECT_2'
#elif defined(TIA_REJECT_3)
#error unknown argument: '-DTIA_REJECT_3'
#endif

int Answer() {
  return 42;
}

int Caller() {
  return Answer();
}
