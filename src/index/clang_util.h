// libclang helpers of the indexer: owners of libclang handles (index, index action,
// translation unit, token arrays, overridden-cursor arrays), CXString to std::string,
// symbol kinds of indexed entities and the qualified name of a cursor.
#pragma once

#include <clang-c/Index.h>

#include <string>

#include "tia/store/facts.h"
#include "tia/util/handle.h"

namespace tia::index_internal {

using ClangIndex = UniqueHandle<void, clang_disposeIndex>;
using ClangIndexAction = UniqueHandle<void, clang_IndexAction_dispose>;
using ClangTu = UniqueHandle<CXTranslationUnitImpl, clang_disposeTranslationUnit>;
using ClangDiagnostic = UniqueHandle<void, clang_disposeDiagnostic>;

// The text of `s`, which is disposed of.
std::string ToString(CXString s);

// The tokens of a source range (clang_tokenize), disposed of with their TU.
class ClangTokens {
 public:
  ClangTokens(CXTranslationUnit tu, CXSourceRange range);
  ~ClangTokens();
  ClangTokens(const ClangTokens&) = delete;
  ClangTokens& operator=(const ClangTokens&) = delete;

  unsigned size() const { return n_; }
  CXToken operator[](unsigned i) const { return toks_[i]; }
  // The spelling of token i.
  std::string Spelling(unsigned i) const;

 private:
  CXTranslationUnit tu_;
  CXToken* toks_ = nullptr;
  unsigned n_ = 0;
};

// The methods a method overrides (clang_getOverriddenCursors), disposed of at the end.
class OverriddenCursors {
 public:
  explicit OverriddenCursors(CXCursor method);
  ~OverriddenCursors();
  OverriddenCursors(const OverriddenCursors&) = delete;
  OverriddenCursors& operator=(const OverriddenCursors&) = delete;

  unsigned size() const { return n_; }
  CXCursor operator[](unsigned i) const { return cursors_[i]; }

 private:
  CXCursor* cursors_ = nullptr;
  unsigned n_ = 0;
};

// The symbol kind of an indexed entity (kOther for kinds tia does not track).
SymbolKind KindOf(CXIdxEntityKind k);

// "ns::Class::method": the semantic parents' spellings joined by "::".
std::string QualifiedName(CXCursor c);

// True for a function template, a member of a class template (or of a class nested in
// one) and a generic lambda: code whose calls may depend on template arguments.
bool IsTemplated(CXCursor c);

}  // namespace tia::index_internal
