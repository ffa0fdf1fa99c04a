// Names of symbol and edge kinds, as printed by the CLI and written in JSON.
#include "tia/store/facts.h"

namespace tia {

const char* SymbolKindName(SymbolKind k) {
  switch (k) {
    case SymbolKind::kFunction:
      return "function";
    case SymbolKind::kMethod:
      return "method";
    case SymbolKind::kStaticMethod:
      return "static-method";
    case SymbolKind::kConstructor:
      return "constructor";
    case SymbolKind::kDestructor:
      return "destructor";
    case SymbolKind::kConversion:
      return "conversion";
    case SymbolKind::kClass:
      return "class";
    case SymbolKind::kStruct:
      return "struct";
    case SymbolKind::kUnion:
      return "union";
    case SymbolKind::kEnum:
      return "enum";
    case SymbolKind::kEnumConstant:
      return "enum-constant";
    case SymbolKind::kGlobalVariable:
      return "variable";
    case SymbolKind::kField:
      return "field";
    case SymbolKind::kMacro:
      return "macro";
    case SymbolKind::kTypedef:
      return "typedef";
    case SymbolKind::kNamespace:
      return "namespace";
    case SymbolKind::kOther:
      break;
  }
  return "other";
}

const char* EdgeKindName(EdgeKind k) {
  switch (k) {
    case EdgeKind::kCall:
      return "call";
    case EdgeKind::kReference:
      return "reference";
    case EdgeKind::kOverride:
      return "override";
    case EdgeKind::kTypeUse:
      return "type-use";
    case EdgeKind::kInstantiation:
      return "instantiation";
    case EdgeKind::kMacroExpansion:
      return "macro-expansion";
    case EdgeKind::kDependentName:
      return "dependent-call";
  }
  return "unknown";
}

}  // namespace tia
