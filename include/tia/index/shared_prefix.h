// Shared prefixes: the header that C TUs of one configuration all include first, parsed
// once, saved as a precompiled header that those TUs load instead of parsing it again, and
// indexed once for the facts of every file it reads (docs/indexing.md, "Shared prefixes").
//
// A TU may load the prefix header H only where that changes nothing it sees: it is C (no
// templates whose instantiations a TU adds to a header's facts), its main file starts with
// `#include` (comments aside), and each header on the way to H starts with its include
// guard and then includes the next. This file plans which TUs share which header; the
// indexer (indexer.h) builds the prefixes and checks the rest after each parse.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "tia/buildmodel/compile_db.h"

namespace tia {

// One file on a TU's leading include chain: the main file, then the header its first
// directive includes, then the header that header includes first, and so on.
struct ChainLink {
  std::string path;   // absolute
  std::string guard;  // the include guard the file defines before its first #include ("" none)
};

// The leading include chain of `cmd`: element 0 is the main file, each next one the header
// the previous one includes first. Empty when the TU cannot share a prefix at all (not C,
// -x, -imacros or -include-pch flags, the main file does not start with #include). Header names are
// resolved as clang does for the command's -iquote, -I and -isystem directories; a name
// found in none of them ends the chain (the indexer checks the resolution after parsing).
std::vector<ChainLink> LeadingIncludeChain(const CompileCommand& cmd);

// True when `text` is guarded as a whole: `#ifndef G` + `#define G` first and the matching
// `#endif` last, or `#pragma once` first. Comments do not count.
bool IsWholeFileGuarded(const std::string& text);

// What one TU needs to load a shared prefix.
struct PrefixPlan {
  int prefix = -1;                // index into SharedPrefixPlan::headers; -1: none
  std::vector<ChainLink> before;  // the main file and the chain headers before the prefix
};

// Which header each TU shares (TUs of one directory and one set of libclang arguments share
// a header when at least `min_tus` of them have it on their leading chain; each TU takes
// the outermost such header) and, per header, the TU whose command builds it.
struct SharedPrefixPlan {
  struct Header {
    std::string path;
    size_t builder = 0;  // index of a TU whose command (without its source) builds the prefix
    int tus = 0;         // TUs that share it
  };
  std::vector<Header> headers;
  std::vector<PrefixPlan> tus;  // parallel to the commands planned
};

SharedPrefixPlan PlanSharedPrefixes(const std::vector<const CompileCommand*>& cmds, int min_tus);

}  // namespace tia
