// The collector: libclang's indexer callbacks that turn declarations, references,
// inclusions and diagnostics of one TU into facts in a TuState, and the passes over the
// finished TU (macro definitions and expansions from the preprocessing record, lambdas).
#include "collector.h"

#include <algorithm>
#include <string>
#include <vector>

#include "clang_util.h"
#include "test_macros.h"

namespace tia::index_internal {

namespace {

TuState* State(CXClientData d) {
  return static_cast<TuState*>(d);
}

void OnDiagnostics(CXClientData d, CXDiagnosticSet set, void*) {
  TuState* st = State(d);
  unsigned n = clang_getNumDiagnosticsInSet(set);
  for (unsigned i = 0; i < n; ++i) {
    ClangDiagnostic owned(clang_getDiagnosticInSet(set, i));
    CXDiagnostic diag = owned.get();
    CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(diag);
    if (sev >= CXDiagnostic_Error) {
      Diagnostic out;
      out.severity = sev;
      CXFile f = nullptr;
      unsigned line = 0, col = 0;
      clang_getSpellingLocation(clang_getDiagnosticLocation(diag), &f, &line, &col, nullptr);
      if (f) out.file = st->Path(f);
      out.line = static_cast<int>(line);
      out.col = static_cast<int>(col);
      out.message = ToString(clang_getDiagnosticSpelling(diag));
      st->diagnostics.push_back(std::move(out));
    }
  }
}

CXIdxClientFile OnIncludedFile(CXClientData d, const CXIdxIncludedFileInfo* info) {
  TuState* st = State(d);
  unsigned line = 0, col = 0;
  Shard* sh = st->ShardAt(info->hashLoc, &line, &col);
  if (sh) {
    IncludeFact inc;
    inc.line = static_cast<int>(line);
    inc.spelled = info->filename ? info->filename : "";
    if (info->file) inc.target_path = st->Path(info->file);
    sh->includes.push_back(std::move(inc));
  }
  return nullptr;
}

// Calls a template body makes through its template parameters name no function until the
// template is instantiated: `t.f()`, `p->f()`, `T::f()`, and unqualified calls left to
// argument-dependent lookup. libclang reports the callee of each instantiation it sees,
// but an instantiation made only inside a body libclang skipped (a standard library
// template's, as std::unique_ptr's deleter runs ~Keeper<Widget>()) is never seen. So the
// pattern also gets an edge to the *name* it calls; every function of that name reaches it.
void RecordDependentNames(TuState* st, Shard* sh, const std::string& src, CXCursor fn) {
  struct Ctx {
    TuState* st;
    Shard* sh;
    const std::string* src;
    CXTranslationUnit tu;
  } ctx{st, sh, &src, clang_Cursor_getTranslationUnit(fn)};
  clang_visitChildren(
      fn,
      [](CXCursor c, CXCursor, CXClientData data) {
        Ctx* ctx = static_cast<Ctx*>(data);
        CXCursorKind k = clang_getCursorKind(c);
        bool dependent = ((k == CXCursor_MemberRefExpr || k == CXCursor_DeclRefExpr) &&
                          clang_Cursor_isNull(clang_getCursorReferenced(c))) ||
                         k == CXCursor_OverloadedDeclRef;
        if (!dependent) return CXChildVisit_Recurse;
        // The name is the last identifier of the expression (`T::f`, `t.f`, `this->f`);
        // libclang gives dependent member references no spelling.
        std::string name;
        bool member = k != CXCursor_OverloadedDeclRef;
        if (k == CXCursor_OverloadedDeclRef) {
          name = ToString(clang_getCursorSpelling(c));
          // An overload set of members (`this->f(x)` in a class template) is a member call.
          for (unsigned i = 0, n = clang_getNumOverloadedDecls(c); i < n && !member; ++i)
            member = clang_getCursorKind(clang_getOverloadedDecl(c, i)) == CXCursor_CXXMethod;
        } else {
          ClangTokens toks(ctx->tu, clang_getCursorExtent(c));
          for (unsigned i = toks.size(); i-- > 0;) {
            if (clang_getTokenKind(toks[i]) == CXToken_Identifier) {
              name = toks.Spelling(i);
              break;
            }
          }
        }
        if (name.empty()) return CXChildVisit_Recurse;
        std::string usr = DependentNameUsr(name, member);
        SymbolFact& f = ctx->st->entities[usr];
        if (f.usr.empty()) {
          f.usr = usr;
          f.name = f.qualified_name = name;
          f.kind = SymbolKind::kOther;
        }
        CXFile file = nullptr;
        unsigned line = 0, col = 0;
        clang_getExpansionLocation(clang_getCursorLocation(c), &file, &line, &col, nullptr);
        ctx->sh->edges.push_back({EdgeKind::kDependentName, *ctx->src, usr, static_cast<int>(line),
                                  static_cast<int>(col)});
        return CXChildVisit_Recurse;
      },
      &ctx);
}

// True for a pointer, reference or member pointer type, and an array of them: a variable
// of such a type holds no object of a class its type names.
bool HoldsNoObject(CXType t) {
  t = clang_getCanonicalType(t);
  while (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
    t = clang_getCanonicalType(clang_getArrayElementType(t));
  return t.kind == CXType_Pointer || t.kind == CXType_LValueReference ||
         t.kind == CXType_RValueReference || t.kind == CXType_MemberPointer;
}

// True when the name a reference points at is followed by `::` (after its template
// arguments, if any): it qualifies another name.
bool NamesQualifier(const CXIdxEntityRefInfo* ref) {
  CXFile file = nullptr;
  unsigned offset = 0;
  clang_indexLoc_getFileLocation(ref->loc, nullptr, &file, nullptr, nullptr, &offset);
  if (!file) return false;
  size_t size = 0;
  const char* text =
      clang_getFileContents(clang_Cursor_getTranslationUnit(ref->cursor), file, &size);
  if (!text || offset >= size) return false;
  size_t i = offset;
  auto ident = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  auto blanks = [&] {
    while (i < size && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
  };
  if (!ident(text[i])) return false;
  while (i < size && ident(text[i])) ++i;
  blanks();
  // A template's arguments (`Pool<T, A>::kMin`), skipped up to their closing bracket.
  if (i < size && text[i] == '<') {
    int depth = 0;
    for (const size_t end = std::min(size, i + 512); i < end; ++i) {
      if (text[i] == '<') ++depth;
      if (text[i] == '>' && --depth == 0) break;
      if (text[i] == ';' || text[i] == '{' || text[i] == '}') return false;
    }
    if (depth != 0 || i >= size) return false;
    ++i;
    blanks();
  }
  return i + 1 < size && text[i] == ':' && text[i + 1] == ':';
}

void OnDeclaration(CXClientData d, const CXIdxDeclInfo* info) {
  TuState* st = State(d);
  const CXIdxEntityInfo* e = info->entityInfo;
  if (!e || !e->USR || !*e->USR) return;
  unsigned line = 0, col = 0;
  Shard* sh = st->ShardAt(info->loc, &line, &col);
  if (!sh) return;
  const SymbolFact& ent = st->Entity(e);
  if (!info->isImplicit) {
    SymbolFact f = ent;
    f.is_definition = info->isDefinition != 0;
    CXSourceRange ext = clang_getCursorExtent(info->cursor);
    unsigned l0 = 0, c0 = 0, l1 = 0;
    clang_getExpansionLocation(clang_getRangeStart(ext), nullptr, &l0, &c0, nullptr);
    clang_getExpansionLocation(clang_getRangeEnd(ext), nullptr, &l1, nullptr, nullptr);
    f.line_start = static_cast<int>(l0 ? l0 : line);
    f.col = static_cast<int>(l0 ? c0 : col);
    f.line_end = static_cast<int>(std::max(l1, static_cast<unsigned>(f.line_start)));
    sh->symbols.push_back(std::move(f));
  }
  if ((ent.kind == SymbolKind::kGlobalVariable || ent.kind == SymbolKind::kField) &&
      HoldsNoObject(clang_getCursorType(info->cursor))) {
    CXSourceRange ext = clang_getCursorExtent(info->cursor);
    unsigned l0 = 0, c0 = 0;
    clang_getExpansionLocation(clang_getRangeStart(ext), nullptr, &l0, &c0, nullptr);
    st->pointer_vars[ent.usr].push_back({sh, l0, c0, line, col});
  }
  // Overrides: Derived::f -> Base::f, so a change to Derived::f reaches Base::f's callers.
  if (ent.kind == SymbolKind::kMethod || ent.kind == SymbolKind::kDestructor) {
    OverriddenCursors over(info->cursor);
    for (unsigned i = 0; i < over.size(); ++i) {
      std::string usr = st->CanonicalUsr(over[i]);
      if (usr.empty()) continue;
      SymbolFact& base = st->entities[usr];
      if (base.usr.empty()) {
        base.usr = usr;
        base.name = ToString(clang_getCursorSpelling(over[i]));
        base.qualified_name = QualifiedName(over[i]);
        base.kind = SymbolKind::kMethod;
      }
      sh->edges.push_back(
          {EdgeKind::kOverride, ent.usr, usr, static_cast<int>(line), static_cast<int>(col)});
    }
  }
  // Specializations -> the template they specialize.
  if (e->templateKind == CXIdxEntity_TemplateSpecialization ||
      e->templateKind == CXIdxEntity_TemplatePartialSpecialization) {
    CXCursor tmpl = clang_getSpecializedCursorTemplate(info->cursor);
    if (!clang_Cursor_isNull(tmpl)) {
      std::string usr = st->CanonicalUsr(tmpl);
      if (!usr.empty() && usr != ent.usr) {
        SymbolFact& t = st->entities[usr];
        if (t.usr.empty()) {
          t.usr = usr;
          t.name = ToString(clang_getCursorSpelling(tmpl));
          t.qualified_name = QualifiedName(tmpl);
          t.kind = ent.kind;
        }
        sh->edges.push_back({EdgeKind::kInstantiation, ent.usr, usr, static_cast<int>(line),
                             static_cast<int>(col)});
      }
    }
  }
  if (info->isDefinition && IsFunctionKind(ent.kind) &&
      (e->templateKind == CXIdxEntity_Template || IsTemplated(info->cursor)))
    RecordDependentNames(st, sh, ent.usr, info->cursor);
  // Base classes, for test fixtures (and as type uses of the class).
  if (const CXIdxCXXClassDeclInfo* cls = clang_index_getCXXClassDeclInfo(info)) {
    for (unsigned i = 0; i < cls->numBases; ++i) {
      const CXIdxBaseClassInfo* b = cls->bases[i];
      if (!b || !b->base || !b->base->USR) continue;
      if (i == 0) st->class_base.emplace(ent.usr, st->Entity(b->base).usr);
    }
  }
}

void OnReference(CXClientData d, const CXIdxEntityRefInfo* ref) {
  TuState* st = State(d);
  const CXIdxEntityInfo* dst = ref->referencedEntity;
  if (!dst || !dst->USR || !*dst->USR) return;
  unsigned line = 0, col = 0;
  Shard* sh = st->ShardAt(ref->loc, &line, &col);
  if (!sh) return;
  const SymbolFact& target = st->Entity(dst);
  std::string src;
  if (ref->parentEntity && ref->parentEntity->USR) src = st->Entity(ref->parentEntity).usr;
  EdgeKind kind;
  if (IsFunctionKind(target.kind)) {
    kind = (ref->role & CXSymbolRole_Call) ? EdgeKind::kCall : EdgeKind::kReference;
  } else if (IsTypeKind(target.kind)) {
    kind = EdgeKind::kTypeUse;
  } else if (target.kind == SymbolKind::kGlobalVariable || target.kind == SymbolKind::kField ||
             target.kind == SymbolKind::kEnumConstant) {
    kind = EdgeKind::kReference;
  } else {
    return;  // namespaces and the like
  }
  if (src == target.usr && kind == EdgeKind::kTypeUse) return;
  if (kind == EdgeKind::kTypeUse && ref->parentEntity) {
    const SymbolKind parent = st->Entity(ref->parentEntity).kind;
    // `friend class X;` names X inside a class C; C's code does not run X's by it. libclang
    // gives such a reference C as parent but the enclosing scope as container, unlike a base
    // class (container C). A qualifier (`class Outer::Inner {`) is kept: Inner's USR
    // extends Outer's.
    const std::string_view parent_usr = ref->parentEntity->USR ? ref->parentEntity->USR : "";
    const bool record = parent == SymbolKind::kClass || parent == SymbolKind::kStruct ||
                        parent == SymbolKind::kUnion;
    if (record && ref->container && !parent_usr.empty() &&
        ToString(clang_getCursorUSR(ref->container->cursor)) != parent_usr &&
        parent_usr.rfind(dst->USR, 0) != 0)
      return;
    // A class named as the qualifier of another name in a global's or field's declaration
    // or initializer (`int g = Pool::kMinSize;`, the definition `constexpr size_t
    // List::kAlign;`) neither constructs nor hands over anything of it: the name it
    // qualifies has its own edge. Such a use is no edge (as a reference, a global whose
    // initializer calls code would look like a registration of the class).
    if ((parent == SymbolKind::kGlobalVariable || parent == SymbolKind::kField) &&
        NamesQualifier(ref))
      return;
    // The type of a pointer or reference variable or field (`App* g = nullptr;`,
    // `App* app_;`): declaring it constructs no App, so it only refers to the class. A
    // type named in its initializer (`new App`) stays a type use.
    if (parent == SymbolKind::kGlobalVariable || parent == SymbolKind::kField) {
      auto pv = st->pointer_vars.find(src);
      if (pv != st->pointer_vars.end()) {
        auto before = [](unsigned l0, unsigned c0, unsigned l1, unsigned c1) {
          return l0 < l1 || (l0 == l1 && c0 < c1);
        };
        for (const TuState::PointerVarDecl& v : pv->second)
          if (v.shard == sh && !before(line, col, v.start_line, v.start_col) &&
              before(line, col, v.name_line, v.name_col))
            kind = EdgeKind::kReference;
      }
    }
  }
  sh->edges.push_back({kind, src, target.usr, static_cast<int>(line), static_cast<int>(col)});
  if (src.empty()) st->file_scope_uses.emplace_back(sh, sh->edges.size() - 1);
}

// The innermost function or variable definition of `sh` whose line extent holds `line`.
const SymbolFact* Enclosing(const Shard& sh, int line) {
  const SymbolFact* best = nullptr;
  for (const SymbolFact& f : sh.symbols) {
    if (!f.is_definition || line < f.line_start || line > f.line_end) continue;
    if (!IsFunctionKind(f.kind) && f.kind != SymbolKind::kGlobalVariable) continue;
    if (!best || f.line_end - f.line_start < best->line_end - best->line_start) best = &f;
  }
  return best;
}

}  // namespace

void DropCompileTimeUses(TuState* st, CXTranslationUnit tu) {
  if (st->file_scope_uses.empty()) return;
  struct Range {
    const Shard* shard;
    unsigned l0, c0, l1, c1;
  };
  struct Visit {
    TuState* st;
    std::vector<Range> ranges;
  } v{st, {}};
  clang_visitChildren(
      clang_getTranslationUnitCursor(tu),
      [](CXCursor c, CXCursor, CXClientData d) -> CXChildVisitResult {
        auto* v = static_cast<Visit*>(d);
        if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
          return CXChildVisit_Continue;
        switch (clang_getCursorKind(c)) {
          case CXCursor_Namespace:
          case CXCursor_LinkageSpec:
            return CXChildVisit_Recurse;
          case CXCursor_StaticAssert:
          case CXCursor_ClassDecl:
          case CXCursor_StructDecl:
          case CXCursor_UnionDecl:
          case CXCursor_EnumDecl:
          case CXCursor_ClassTemplate:
          case CXCursor_ClassTemplatePartialSpecialization:
          case CXCursor_TypedefDecl:
          case CXCursor_TypeAliasDecl:
          case CXCursor_TypeAliasTemplateDecl:
          case CXCursor_UsingDeclaration:
          case CXCursor_UsingDirective:
          case CXCursor_NamespaceAlias:
          case CXCursor_FunctionDecl:
          case CXCursor_FunctionTemplate:
          case CXCursor_CXXMethod:
          case CXCursor_Constructor:
          case CXCursor_Destructor:
          case CXCursor_ConversionFunction: {
            CXSourceRange r = clang_getCursorExtent(c);
            CXFile f = nullptr;
            unsigned l0 = 0, c0 = 0, l1 = 0, c1 = 0;
            clang_getFileLocation(clang_getRangeStart(r), &f, &l0, &c0, nullptr);
            clang_getFileLocation(clang_getRangeEnd(r), nullptr, &l1, &c1, nullptr);
            if (!f) break;
            if (const Shard* sh = v->st->File(f, clang_getRangeStart(r)).shard)
              v->ranges.push_back({sh, l0, c0, l1, c1});
            break;
          }
          default:
            break;
        }
        return CXChildVisit_Continue;
      },
      &v);
  auto inside = [&](const Shard* sh, const EdgeFact& e) {
    const unsigned l = static_cast<unsigned>(e.line), c = static_cast<unsigned>(e.col);
    for (const Range& r : v.ranges)
      if (r.shard == sh && (l > r.l0 || (l == r.l0 && c >= r.c0)) &&
          (l < r.l1 || (l == r.l1 && c <= r.c1)))
        return true;
    return false;
  };
  std::unordered_map<Shard*, std::vector<size_t>> drop;
  for (const auto& [sh, i] : st->file_scope_uses)
    if (inside(sh, sh->edges[i])) drop[sh].push_back(i);
  for (auto& [sh, idx] : drop) {
    std::sort(idx.begin(), idx.end());
    for (auto it = idx.rbegin(); it != idx.rend(); ++it)
      sh->edges.erase(sh->edges.begin() + static_cast<std::ptrdiff_t>(*it));
  }
}

IndexerCallbacks CollectorCallbacks() {
  IndexerCallbacks cb = {};
  cb.diagnostic = OnDiagnostics;
  cb.ppIncludedFile = OnIncludedFile;
  cb.indexDeclaration = OnDeclaration;
  cb.indexEntityReference = OnReference;
  return cb;
}

void WalkPreprocessingRecord(CXTranslationUnit tu, TuState* st) {
  struct Ctx {
    TuState* st;
    std::vector<MacroUse> uses;
  } ctx{st, {}};
  clang_visitChildren(
      clang_getTranslationUnitCursor(tu),
      [](CXCursor c, CXCursor, CXClientData data) {
        Ctx* ctx = static_cast<Ctx*>(data);
        CXCursorKind k = clang_getCursorKind(c);
        if (k != CXCursor_MacroDefinition && k != CXCursor_MacroExpansion)
          return CXChildVisit_Continue;
        CXSourceLocation loc = clang_getCursorLocation(c);
        CXFile f = nullptr;
        unsigned line = 0, col = 0;
        clang_getExpansionLocation(loc, &f, &line, &col, nullptr);
        if (!f) return CXChildVisit_Continue;
        Shard* sh = ctx->st->File(f, loc).shard;
        if (!sh) return CXChildVisit_Continue;
        if (k == CXCursor_MacroDefinition) {
          if (clang_Cursor_isMacroBuiltin(c)) return CXChildVisit_Continue;
          SymbolFact m;
          m.usr = ToString(clang_getCursorUSR(c));
          if (m.usr.empty()) return CXChildVisit_Continue;
          m.name = m.qualified_name = ToString(clang_getCursorSpelling(c));
          m.kind = SymbolKind::kMacro;
          m.is_definition = true;
          m.line_start = static_cast<int>(line);
          m.col = static_cast<int>(col);
          unsigned l1 = 0;
          clang_getExpansionLocation(clang_getRangeEnd(clang_getCursorExtent(c)), nullptr, &l1,
                                     nullptr, nullptr);
          m.line_end = static_cast<int>(std::max(l1, line));
          ctx->st->entities.emplace(m.usr, m);
          sh->symbols.push_back(std::move(m));
          return CXChildVisit_Continue;
        }
        CXCursor def = clang_getCursorReferenced(c);
        if (clang_Cursor_isNull(def)) return CXChildVisit_Continue;
        MacroUse u{c, sh, static_cast<int>(line), static_cast<int>(col), "", "", ""};
        u.macro_usr = ToString(clang_getCursorUSR(def));
        u.macro_name = ToString(clang_getCursorSpelling(def));
        CXFile df = nullptr;
        clang_getExpansionLocation(clang_getCursorLocation(def), &df, nullptr, nullptr, nullptr);
        if (df) u.macro_file = ToString(clang_getFileName(df));
        if (!u.macro_usr.empty()) ctx->uses.push_back(std::move(u));
        return CXChildVisit_Continue;
      },
      &ctx);
  for (MacroUse& u : ctx.uses) {
    SymbolFact& m = st->entities[u.macro_usr];
    if (m.usr.empty()) {
      m.usr = u.macro_usr;
      m.name = m.qualified_name = u.macro_name;
      m.kind = SymbolKind::kMacro;
    }
    const SymbolFact* enc = Enclosing(*u.shard, u.line);
    u.shard->edges.push_back(
        {EdgeKind::kMacroExpansion, enc ? enc->usr : "", u.macro_usr, u.line, u.col});
    if (const char* fw = TestFramework(u.macro_name, u.macro_file)) AddTestCase(tu, st, u, fw);
  }
}

void LinkLambdas(TuState* st) {
  for (auto& sh : st->shards) {
    std::vector<EdgeFact> extra;
    for (const SymbolFact& f : sh->symbols) {
      if (f.kind != SymbolKind::kMethod || f.name != "operator()" || !f.is_definition) continue;
      if (f.qualified_name.find("(anonymous)::operator()") == std::string::npos) continue;
      // The innermost other definition around the lambda.
      const SymbolFact* best = nullptr;
      for (const SymbolFact& g : sh->symbols) {
        if (&g == &f || !g.is_definition || g.line_start > f.line_start || g.line_end < f.line_end)
          continue;
        if (!IsFunctionKind(g.kind) && g.kind != SymbolKind::kGlobalVariable) continue;
        if (g.usr == f.usr) continue;
        if (!best || g.line_end - g.line_start < best->line_end - best->line_start) best = &g;
      }
      if (best) extra.push_back({EdgeKind::kReference, best->usr, f.usr, f.line_start, f.col});
    }
    sh->edges.insert(sh->edges.end(), extra.begin(), extra.end());
  }
}

}  // namespace tia::index_internal
