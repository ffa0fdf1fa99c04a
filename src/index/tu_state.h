// What the indexer collects while libclang indexes one translation unit: one shard per
// project file, the entities (symbols) by USR, the canonical USR of specializations, the
// first base of each class, and error diagnostics.
#pragma once

#include <clang-c/Index.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "tia/buildmodel/compile_db.h"
#include "tia/store/facts.h"

namespace tia::index_internal {

struct FileInfo {
  bool is_system = false;
  Shard* shard = nullptr;  // null for system files
};

// Everything collected while one TU is indexed (the indexer callbacks' client data).
struct TuState {
  const CompileCommand* cmd = nullptr;
  std::unordered_map<CXFile, FileInfo> files;
  std::vector<std::unique_ptr<Shard>> shards;
  std::unordered_map<std::string, SymbolFact> entities;     // by USR
  std::unordered_map<std::string, std::string> class_base;  // class USR -> first base USR
  std::vector<Diagnostic> diagnostics;

  std::unordered_map<CXFile, std::string> paths;

  // Declarations of variables and fields whose type is a pointer or reference (or an array
  // of them), by USR: where the declaration starts and where its name is. A class named in
  // such a declaration's type is not constructed by it (see OnReference).
  struct PointerVarDecl {
    const Shard* shard;
    unsigned start_line, start_col, name_line, name_col;
  };
  std::unordered_map<std::string, std::vector<PointerVarDecl>> pointer_vars;

  // Edges of uses at file scope (no enclosing declaration), by shard and index: checked
  // against declarations that exist only at compile time once the TU is indexed
  // (DropCompileTimeUses).
  std::vector<std::pair<Shard*, size_t>> file_scope_uses;

  // The USR facts are recorded under, by the USR libclang reported (see Canonical).
  struct CanonicalEntity {
    std::string usr;
    CXCursor cursor;  // the pattern's cursor when it differs from the reported entity
  };
  std::unordered_map<std::string, CanonicalEntity> canon;

  // A specialization is the same entity as the pattern it was made from, followed to the
  // primary template: a member of an implicit or explicit class template specialization,
  // a member of a class nested in one, a class template specialization and a function
  // template specialization. libclang names a reference to such a member by the
  // pattern's USR but the function holding calls made inside an instantiated body by the
  // specialization's, so without this the two halves of a call chain never meet.
  const CanonicalEntity& Canonical(CXCursor c, const std::string& usr);

  // Absolute path of `f`. Lexical normalization is wrong across symlinks ("dir/../x" where
  // dir is a link, as in GCC's include paths), so paths with ".." are resolved on disk.
  const std::string& Path(CXFile f);

  // The file's entry, made on first sight (a shard for a non-system file).
  FileInfo& File(CXFile f, CXSourceLocation loc);

  // The shard of an index location, or null (system file, no file).
  Shard* ShardAt(CXIdxLoc loc, unsigned* line, unsigned* col);

  // The symbol fact of an indexed entity, under its canonical USR.
  const SymbolFact& Entity(const CXIdxEntityInfo* e);

  // The canonical USR of a cursor (see Canonical).
  std::string CanonicalUsr(CXCursor c);
};

}  // namespace tia::index_internal
