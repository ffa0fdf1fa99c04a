// The collector: libclang indexer callbacks that fill a TuState with the facts of one TU,
// and the passes that complete them once libclang is done with the TU.
#pragma once

#include <clang-c/Index.h>

#include "tu_state.h"

namespace tia::index_internal {

// Callbacks for clang_indexSourceFile whose client data is a TuState: error diagnostics,
// includes, declarations (symbols, override, instantiation and dependent-name edges, first
// bases) and references (call, reference and type-use edges).
IndexerCallbacks CollectorCallbacks();

// Uses at file scope inside a declaration that exists only at compile time run no code at
// start-up: a static_assert, the template arguments and base clause of an explicit or
// partial specialization, an explicit instantiation, an alias, a using-declaration, a
// function's declarator. Their edges are dropped. Any other use at file scope (a
// structured binding's initializer constructs and calls at start-up) stays, and the walk
// takes it for code that runs for every case.
void DropCompileTimeUses(TuState* st, CXTranslationUnit tu);

// Macro definitions, macro expansions (edge from the enclosing function by line extent)
// and test cases, from the preprocessing record's top-level cursors.
void WalkPreprocessingRecord(CXTranslationUnit tu, TuState* st);

// Lambdas: references made inside a lambda's operator() are attributed to it; the function
// that creates the lambda also gets a reference edge to it, so callers of the enclosing
// function reach what the lambda calls.
void LinkLambdas(TuState* st);

}  // namespace tia::index_internal
