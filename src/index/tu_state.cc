// What the indexer collects for one translation unit (see tu_state.h).
#include "tu_state.h"

#include <cstdlib>

#include "clang_util.h"
#include "tia/util/fs.h"
#include "tia/util/handle.h"

namespace tia::index_internal {

const TuState::CanonicalEntity& TuState::Canonical(CXCursor c, const std::string& usr) {
  auto it = canon.find(usr);
  if (it != canon.end()) return it->second;
  CanonicalEntity out{usr, c};
  for (int depth = 0; depth < 16; ++depth) {
    CXCursor t = clang_getSpecializedCursorTemplate(out.cursor);
    if (clang_Cursor_isNull(t)) break;
    std::string u = ToString(clang_getCursorUSR(t));
    if (u.empty() || u == out.usr) break;
    out.usr = std::move(u);
    out.cursor = t;
  }
  return canon.emplace(usr, std::move(out)).first->second;
}

const std::string& TuState::Path(CXFile f) {
  auto it = paths.find(f);
  if (it != paths.end()) return it->second;
  std::string raw = ToString(clang_getFileName(f));
  std::string p = NormalizePath(raw, cmd->directory);
  if (raw.find("..") != std::string::npos) {
    std::string abs = raw[0] == '/' ? raw : cmd->directory + "/" + raw;
    UniqueHandle<char, ::free> real(::realpath(abs.c_str(), nullptr));
    if (real) p = real.get();
  }
  return paths[f] = p;
}

FileInfo& TuState::File(CXFile f, CXSourceLocation loc) {
  auto it = files.find(f);
  if (it != files.end()) return it->second;
  FileInfo& fi = files[f];
  fi.is_system = clang_Location_isInSystemHeader(loc) != 0;
  if (!fi.is_system) {
    shards.push_back(std::make_unique<Shard>());
    fi.shard = shards.back().get();
    fi.shard->path = Path(f);
  }
  return fi;
}

Shard* TuState::ShardAt(CXIdxLoc loc, unsigned* line, unsigned* col) {
  CXFile f = nullptr;
  clang_indexLoc_getFileLocation(loc, nullptr, &f, line, col, nullptr);
  if (!f) return nullptr;
  return File(f, clang_indexLoc_getCXSourceLocation(loc)).shard;
}

const SymbolFact& TuState::Entity(const CXIdxEntityInfo* e) {
  const CanonicalEntity& c = Canonical(e->cursor, e->USR);
  auto it = entities.find(c.usr);
  if (it != entities.end()) return it->second;
  SymbolFact& f = entities[c.usr];
  f.usr = c.usr;
  bool folded = c.usr != e->USR;
  f.name = !folded && e->name ? e->name : "";
  f.kind = KindOf(e->kind);
  f.qualified_name = QualifiedName(c.cursor);
  if (f.name.empty()) f.name = ToString(clang_getCursorSpelling(c.cursor));
  return f;
}

std::string TuState::CanonicalUsr(CXCursor c) {
  std::string usr = ToString(clang_getCursorUSR(c));
  return usr.empty() ? usr : Canonical(c, usr).usr;
}

}  // namespace tia::index_internal
