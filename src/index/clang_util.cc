// libclang helpers of the indexer (see clang_util.h).
#include "clang_util.h"

#include <algorithm>
#include <vector>

#include "tia/util/strings.h"

namespace tia::index_internal {

std::string ToString(CXString s) {
  const char* c = clang_getCString(s);
  std::string out = c ? c : "";
  clang_disposeString(s);
  return out;
}

ClangTokens::ClangTokens(CXTranslationUnit tu, CXSourceRange range) : tu_(tu) {
  clang_tokenize(tu, range, &toks_, &n_);
}

ClangTokens::~ClangTokens() {
  if (toks_) clang_disposeTokens(tu_, toks_, n_);
}

std::string ClangTokens::Spelling(unsigned i) const {
  return ToString(clang_getTokenSpelling(tu_, toks_[i]));
}

OverriddenCursors::OverriddenCursors(CXCursor method) {
  clang_getOverriddenCursors(method, &cursors_, &n_);
}

OverriddenCursors::~OverriddenCursors() {
  if (cursors_) clang_disposeOverriddenCursors(cursors_);
}

SymbolKind KindOf(CXIdxEntityKind k) {
  switch (k) {
    case CXIdxEntity_Function:
      return SymbolKind::kFunction;
    case CXIdxEntity_CXXInstanceMethod:
      return SymbolKind::kMethod;
    case CXIdxEntity_CXXStaticMethod:
      return SymbolKind::kStaticMethod;
    case CXIdxEntity_CXXConstructor:
      return SymbolKind::kConstructor;
    case CXIdxEntity_CXXDestructor:
      return SymbolKind::kDestructor;
    case CXIdxEntity_CXXConversionFunction:
      return SymbolKind::kConversion;
    case CXIdxEntity_CXXClass:
      return SymbolKind::kClass;
    case CXIdxEntity_Struct:
      return SymbolKind::kStruct;
    case CXIdxEntity_Union:
      return SymbolKind::kUnion;
    case CXIdxEntity_Enum:
      return SymbolKind::kEnum;
    case CXIdxEntity_EnumConstant:
      return SymbolKind::kEnumConstant;
    case CXIdxEntity_Variable:
    case CXIdxEntity_CXXStaticVariable:
      return SymbolKind::kGlobalVariable;
    case CXIdxEntity_Field:
      return SymbolKind::kField;
    case CXIdxEntity_Typedef:
    case CXIdxEntity_CXXTypeAlias:
      return SymbolKind::kTypedef;
    case CXIdxEntity_CXXNamespace:
    case CXIdxEntity_CXXNamespaceAlias:
      return SymbolKind::kNamespace;
    default:
      return SymbolKind::kOther;
  }
}

std::string QualifiedName(CXCursor c) {
  std::vector<std::string> parts;
  for (int depth = 0; depth < 64; ++depth) {
    CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_TranslationUnit || clang_Cursor_isNull(c) || clang_isInvalid(k)) break;
    std::string s = ToString(clang_getCursorSpelling(c));
    if (s.empty()) {
      if (k == CXCursor_Namespace)
        s = "(anonymous namespace)";
      else if (k == CXCursor_ClassDecl || k == CXCursor_StructDecl || k == CXCursor_LambdaExpr)
        s = "(anonymous)";
      else if (k == CXCursor_UnionDecl)
        s = "(anonymous union)";
      else if (k == CXCursor_EnumDecl)
        s = "(anonymous enum)";
    }
    if (k == CXCursor_LinkageSpec) s.clear();
    if (!s.empty()) parts.push_back(std::move(s));
    c = clang_getCursorSemanticParent(c);
  }
  std::reverse(parts.begin(), parts.end());
  return Join(parts, "::");
}

bool IsTemplated(CXCursor c) {
  for (int depth = 0; depth < 32 && !clang_Cursor_isNull(c); ++depth) {
    CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_TranslationUnit || clang_isInvalid(k)) return false;
    if (k == CXCursor_FunctionTemplate || k == CXCursor_ClassTemplate ||
        k == CXCursor_ClassTemplatePartialSpecialization)
      return true;
    c = clang_getCursorSemanticParent(c);
  }
  return false;
}

}  // namespace tia::index_internal
