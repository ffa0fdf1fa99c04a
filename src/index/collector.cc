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
  if (info->isDefinition && IsFunctionLike(ent.kind) &&
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
  if (IsFunctionLike(target.kind)) {
    kind = (ref->role & CXSymbolRole_Call) ? EdgeKind::kCall : EdgeKind::kReference;
  } else if (IsType(target.kind)) {
    kind = EdgeKind::kTypeUse;
  } else if (target.kind == SymbolKind::kGlobalVariable || target.kind == SymbolKind::kField ||
             target.kind == SymbolKind::kEnumConstant) {
    kind = EdgeKind::kReference;
  } else {
    return;  // namespaces and the like
  }
  if (src == target.usr && kind == EdgeKind::kTypeUse) return;
  sh->edges.push_back({kind, src, target.usr, static_cast<int>(line), static_cast<int>(col)});
}

// The innermost function or variable definition of `sh` whose line extent holds `line`.
const SymbolFact* Enclosing(const Shard& sh, int line) {
  const SymbolFact* best = nullptr;
  for (const SymbolFact& f : sh.symbols) {
    if (!f.is_definition || line < f.line_start || line > f.line_end) continue;
    if (!IsFunctionLike(f.kind) && f.kind != SymbolKind::kGlobalVariable) continue;
    if (!best || f.line_end - f.line_start < best->line_end - best->line_start) best = &f;
  }
  return best;
}

}  // namespace

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
        if (!IsFunctionLike(g.kind) && g.kind != SymbolKind::kGlobalVariable) continue;
        if (g.usr == f.usr) continue;
        if (!best || g.line_end - g.line_start < best->line_end - best->line_start) best = &g;
      }
      if (best) extra.push_back({EdgeKind::kReference, best->usr, f.usr, f.line_start, f.col});
    }
    sh->edges.insert(sh->edges.end(), extra.begin(), extra.end());
  }
}

}  // namespace tia::index_internal
