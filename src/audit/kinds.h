// Symbol-kind predicates the audit sections share.
#pragma once

#include "tia/store/facts.h"

namespace tia::audit_internal {

inline bool IsFunction(SymbolKind k) {
  return k == SymbolKind::kFunction || k == SymbolKind::kMethod || k == SymbolKind::kStaticMethod ||
         k == SymbolKind::kConstructor || k == SymbolKind::kDestructor ||
         k == SymbolKind::kConversion;
}

inline bool IsType(SymbolKind k) {
  return k == SymbolKind::kClass || k == SymbolKind::kStruct || k == SymbolKind::kUnion ||
         k == SymbolKind::kEnum || k == SymbolKind::kTypedef;
}

}  // namespace tia::audit_internal
