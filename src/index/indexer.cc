// One translation unit through libclang's indexing API (clang_indexSourceFile): declarations
// and references become per-file facts; the preprocessing record gives macro definitions,
// macro expansions and the GoogleTest/Catch2/doctest test-case macros.
#include "tia/index/indexer.h"

#include <clang-c/Index.h>
#include <sys/stat.h>

#include <cstdlib>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include "tia/util/fs.h"
#include "tia/util/hash.h"

#ifndef TIA_LLVM_ROOT
#define TIA_LLVM_ROOT "/usr/lib/llvm-14"
#endif

namespace tia {
namespace {

// Bumped when the indexer's output changes, so every TU is re-indexed once.
constexpr const char kIndexerVersion[] = "tia-indexer-2";

// Owns a CXString.
class Str {
 public:
  explicit Str(CXString s) : s_(s) {}
  ~Str() { clang_disposeString(s_); }
  Str(const Str&) = delete;
  Str& operator=(const Str&) = delete;
  std::string str() const {
    const char* c = clang_getCString(s_);
    return c ? c : "";
  }

 private:
  CXString s_;
};

std::string ToString(CXString s) {
  return Str(s).str();
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

bool IsFunctionLike(SymbolKind k) {
  return k == SymbolKind::kFunction || k == SymbolKind::kMethod || k == SymbolKind::kStaticMethod ||
         k == SymbolKind::kConstructor || k == SymbolKind::kDestructor ||
         k == SymbolKind::kConversion;
}

bool IsType(SymbolKind k) {
  return k == SymbolKind::kClass || k == SymbolKind::kStruct || k == SymbolKind::kUnion ||
         k == SymbolKind::kEnum || k == SymbolKind::kTypedef;
}

// "ns::Class::method": the semantic parents' spellings joined by "::".
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
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!out.empty()) out += "::";
    out += *it;
  }
  return out;
}

struct FileInfo {
  bool is_system = false;
  Shard* shard = nullptr;  // null for system files
};

// Everything collected while one TU is indexed (the indexer's client data).
struct TuState {
  const CompileCommand* cmd = nullptr;
  std::unordered_map<CXFile, FileInfo> files;
  std::vector<std::unique_ptr<Shard>> shards;
  std::unordered_map<std::string, SymbolFact> entities;     // by USR
  std::unordered_map<std::string, std::string> class_base;  // class USR -> first base USR
  std::vector<Diagnostic> diagnostics;

  std::unordered_map<CXFile, std::string> paths;

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
  const CanonicalEntity& Canonical(CXCursor c, const std::string& usr) {
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

  // Absolute path of `f`. Lexical normalization is wrong across symlinks ("dir/../x" where
  // dir is a link, as in GCC's include paths), so paths with ".." are resolved on disk.
  const std::string& Path(CXFile f) {
    auto it = paths.find(f);
    if (it != paths.end()) return it->second;
    std::string raw = ToString(clang_getFileName(f));
    std::string p = NormalizePath(raw, cmd->directory);
    if (raw.find("..") != std::string::npos) {
      std::string abs = raw[0] == '/' ? raw : cmd->directory + "/" + raw;
      if (char* real = ::realpath(abs.c_str(), nullptr)) {
        p = real;
        ::free(real);
      }
    }
    return paths[f] = p;
  }

  FileInfo& File(CXFile f, CXSourceLocation loc) {
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

  // The shard of an index location, or null (system file, no file).
  Shard* ShardAt(CXIdxLoc loc, unsigned* line, unsigned* col) {
    CXFile f = nullptr;
    clang_indexLoc_getFileLocation(loc, nullptr, &f, line, col, nullptr);
    if (!f) return nullptr;
    return File(f, clang_indexLoc_getCXSourceLocation(loc)).shard;
  }

  const SymbolFact& Entity(const CXIdxEntityInfo* e) {
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

  // The canonical USR of a cursor (see Canonical).
  std::string CanonicalUsr(CXCursor c) {
    std::string usr = ToString(clang_getCursorUSR(c));
    return usr.empty() ? usr : Canonical(c, usr).usr;
  }
};

TuState* State(CXClientData d) {
  return static_cast<TuState*>(d);
}

int AbortQuery(CXClientData, void*) {
  return 0;
}

void OnDiagnostics(CXClientData d, CXDiagnosticSet set, void*) {
  TuState* st = State(d);
  unsigned n = clang_getNumDiagnosticsInSet(set);
  for (unsigned i = 0; i < n; ++i) {
    CXDiagnostic diag = clang_getDiagnosticInSet(set, i);
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
    clang_disposeDiagnostic(diag);
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

// True for a function template, a member of a class template (or of a class nested in
// one) and a generic lambda: code whose calls may depend on template arguments.
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
          CXToken* toks = nullptr;
          unsigned n = 0;
          clang_tokenize(ctx->tu, clang_getCursorExtent(c), &toks, &n);
          for (unsigned i = n; i-- > 0;) {
            if (clang_getTokenKind(toks[i]) == CXToken_Identifier) {
              name = ToString(clang_getTokenSpelling(ctx->tu, toks[i]));
              break;
            }
          }
          if (toks) clang_disposeTokens(ctx->tu, toks, n);
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
    CXCursor* over = nullptr;
    unsigned n = 0;
    clang_getOverriddenCursors(info->cursor, &over, &n);
    for (unsigned i = 0; i < n; ++i) {
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
    if (over) clang_disposeOverriddenCursors(over);
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

struct MacroUse {
  CXCursor cursor;
  Shard* shard;
  int line, col;
  std::string macro_usr, macro_name, macro_file;
};

// Test-case macros: GoogleTest's TEST family, Catch2's and doctest's TEST_CASE.
const char* TestFramework(const std::string& macro, const std::string& defined_in) {
  static const char* const kGtest[] = {"TEST",         "TEST_F",     "TEST_P",      "TYPED_TEST",
                                       "TYPED_TEST_P", "GTEST_TEST", "GTEST_TEST_F"};
  for (const char* m : kGtest)
    if (macro == m) return "gtest";
  if (macro == "TEST_CASE" || macro == "TEST_CASE_METHOD" || macro == "SCENARIO" ||
      macro == "SCENARIO_METHOD") {
    if (defined_in.find("doctest") != std::string::npos) return "doctest";
    return "catch2";
  }
  return nullptr;
}

void AddTestCase(CXTranslationUnit tu, TuState* st, const MacroUse& m, const char* framework) {
  CXToken* toks = nullptr;
  unsigned n = 0;
  clang_tokenize(tu, clang_getCursorExtent(m.cursor), &toks, &n);
  std::vector<std::string> args;  // top-level macro arguments, tokens joined
  int depth = 0;
  std::string cur;
  for (unsigned i = 1; i < n; ++i) {
    std::string t = ToString(clang_getTokenSpelling(tu, toks[i]));
    if (t == "(" && depth++ == 0) continue;
    if (t == ")" && --depth == 0) {
      args.push_back(cur);
      break;
    }
    if (t == "," && depth == 1) {
      args.push_back(cur);
      cur.clear();
      continue;
    }
    cur += t;
  }
  if (toks) clang_disposeTokens(tu, toks, n);
  TestCaseFact tc;
  tc.framework = framework;
  tc.macro = m.macro_name;
  tc.line = m.line;
  if (tc.framework == "gtest") {
    if (args.size() < 2) return;
    tc.suite = args[0];
    tc.name = args[1];
    std::string cls = m.macro_name == "TYPED_TEST_P" ? "gtest_suite_" + args[0] + "_::" + args[1]
                                                     : args[0] + "_" + args[1] + "_Test";
    std::string body_qn = cls + "::TestBody";
    std::string class_usr;
    // The test may sit in a namespace (often an anonymous one): match the name's tail.
    auto names = [](const std::string& qn, const std::string& want) {
      return qn == want || (qn.size() > want.size() + 2 && qn.ends_with("::" + want));
    };
    for (const SymbolFact& f : m.shard->symbols) {
      if (f.is_definition && f.line_start == m.line && names(f.qualified_name, body_qn))
        tc.body_usr = f.usr;
      if (IsType(f.kind) && f.line_start == m.line && names(f.qualified_name, cls))
        class_usr = f.usr;
    }
    if (tc.body_usr.empty()) {
      for (const SymbolFact& f : m.shard->symbols)
        if (f.line_start == m.line && names(f.qualified_name, body_qn)) tc.body_usr = f.usr;
    }
    if (m.macro_name != "TEST" && m.macro_name != "GTEST_TEST" && !class_usr.empty()) {
      auto it = st->class_base.find(class_usr);
      if (it != st->class_base.end()) tc.fixture_usr = it->second;
    }
  } else {
    // TEST_CASE_METHOD(Fixture, "name", ...) and SCENARIO_METHOD name the fixture first.
    size_t at = m.macro_name.ends_with("_METHOD") ? 1 : 0;
    if (args.size() <= at) return;
    std::string name = args[at];
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
      name = name.substr(1, name.size() - 2);
    // The name the program registers and matches test specs against.
    if (m.macro_name.starts_with("SCENARIO"))
      name = (tc.framework == "doctest" ? "  Scenario: " : "Scenario: ") + name;
    tc.name = name;
    // The function the macro defines starts on the macro's line.
    const SymbolFact* best = nullptr;
    for (const SymbolFact& f : m.shard->symbols)
      if (f.is_definition && IsFunctionLike(f.kind) && f.line_start == m.line &&
          (!best || f.line_end > best->line_end))
        best = &f;
    if (best) tc.body_usr = best->usr;
  }
  m.shard->tests.push_back(std::move(tc));
}

// Macro definitions, macro expansions (edge from the enclosing function by line extent)
// and test cases, from the preprocessing record's top-level cursors.
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

// Lambdas: references made inside a lambda's operator() are attributed to it; the function
// that creates the lambda also gets a reference edge to it, so callers of the enclosing
// function reach what the lambda calls.
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

// A scratch directory holding other versions of files and the clang VFS overlay that
// maps each file's real path to its version; removed at destruction.
class VfsOverlay {
 public:
  explicit VfsOverlay(const std::vector<UnsavedFile>& files) {
    if (files.empty()) return;
    std::string tmpl = (std::filesystem::temp_directory_path() / "tia-vfs-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) return;
    dir_ = tmpl;
    auto quote = [](const std::string& s) {
      std::string q = "\"";
      for (char c : s) {
        if (c == '"' || c == '\\') q += '\\';
        q += c;
      }
      return q + "\"";
    };
    std::string yaml = "{\"version\": 0, \"use-external-names\": false, \"roots\": [";
    for (size_t i = 0; i < files.size(); ++i) {
      std::string stand_in = dir_ + "/" + std::to_string(i);
      std::string e;
      if (!WriteFileAtomic(stand_in, files[i].contents, &e)) continue;
      yaml += std::string(i ? "," : "") +
              "\n{\"type\": \"file\", \"name\": " + quote(files[i].path) +
              ", \"external-contents\": " + quote(stand_in) + "}";
    }
    yaml += "\n]}\n";
    std::string e;
    if (WriteFileAtomic(dir_ + "/overlay.yaml", yaml, &e)) path_ = dir_ + "/overlay.yaml";
  }
  ~VfsOverlay() {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  VfsOverlay(const VfsOverlay&) = delete;
  VfsOverlay& operator=(const VfsOverlay&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string dir_, path_;
};

struct CachedId {
  FileStamp stamp;
  std::string id;
};

}  // namespace

struct TuIndexer::Impl {
  IndexerOptions opts;
  LibclangArgsOptions args_opts;
  CXIndex index = nullptr;
  // Content ids of files this worker hashed, by path, valid while the stamp is unchanged.
  std::unordered_map<std::string, CachedId> ids;

  // Blob ids of the unsaved files of the TU being indexed, by path.
  std::unordered_map<std::string, std::string> unsaved_ids;

  std::string ContentId(CXTranslationUnit tu, CXFile f, const std::string& path) {
    if (auto u = unsaved_ids.find(path); u != unsaved_ids.end()) return u->second;
    std::optional<FileStamp> s = StatFile(path);
    if (s) {
      auto it = ids.find(path);
      if (it != ids.end() && it->second.stamp == *s) return it->second.id;
    }
    size_t size = 0;
    const char* data = clang_getFileContents(tu, f, &size);
    std::string id = GitBlobId(std::string_view(data ? data : "", data ? size : 0));
    if (s) ids[path] = {*s, id};
    return id;
  }
};

TuIndexer::TuIndexer(const IndexerOptions& opts) : impl_(std::make_unique<Impl>()) {
  impl_->opts = opts;
  impl_->args_opts.resource_dir = opts.resource_dir.empty() ? FindResourceDir() : opts.resource_dir;
  impl_->index = clang_createIndex(/*excludeDeclarationsFromPCH=*/0, /*displayDiagnostics=*/0);
}

TuIndexer::~TuIndexer() {
  if (impl_->index) clang_disposeIndex(impl_->index);
}

IndexedTu TuIndexer::Index(const CompileCommand& cmd, const std::vector<UnsavedFile>& unsaved) {
  auto t0 = std::chrono::steady_clock::now();
  impl_->unsaved_ids.clear();
  for (const UnsavedFile& u : unsaved) impl_->unsaved_ids[u.path] = GitBlobId(u.contents);
  // Other versions of files reach clang through a virtual file system overlay (files in a
  // scratch directory standing in for their real paths, which need not exist). libclang 14's
  // clang_indexSourceFile frees the buffers of CXUnsavedFile before the translation unit
  // that still refers to them (a crash when the unit is disposed).
  VfsOverlay overlay(unsaved);
  IndexedTu out;
  TuRecord& rec = out.record;
  rec.key = cmd.key;
  rec.file = cmd.file;
  rec.directory = cmd.directory;
  rec.arguments = cmd.arguments;
  rec.command_hash = CommandHash(cmd);

  std::vector<std::string> args = AdjustForLibclang(cmd, impl_->args_opts);
  if (!overlay.path().empty()) {
    args.push_back("-ivfsoverlay");
    args.push_back(overlay.path());
  }
  IndexerCallbacks cb = {};
  cb.abortQuery = AbortQuery;
  cb.diagnostic = OnDiagnostics;
  cb.ppIncludedFile = OnIncludedFile;
  cb.indexDeclaration = OnDeclaration;
  cb.indexEntityReference = OnReference;
  unsigned index_opts =
      CXIndexOpt_IndexImplicitTemplateInstantiations | CXIndexOpt_SuppressWarnings;
  if (impl_->opts.skip_parsed_bodies) index_opts |= CXIndexOpt_SkipParsedBodiesInSession;
  unsigned tu_opts = CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_KeepGoing;

  std::unique_ptr<TuState> st;
  std::vector<CXIndexAction> actions;
  CXTranslationUnit tu = nullptr;
  int rc = 0;
  // Flags clang rejects ("unknown argument: '-fgcc-only'") are dropped and the TU retried.
  for (int attempt = 0;; ++attempt) {
    st = std::make_unique<TuState>();
    st->cmd = &cmd;
    // The full command line, led by the path of the clang this libclang belongs to: the
    // driver finds the GCC installation (libstdc++'s headers) relative to it, as the
    // `clang` binary does. Without it the driver looks under "/../lib/gcc", a path the
    // -ivfsoverlay file system of other file versions does not resolve: every standard
    // header would then be missing from the parse.
    const std::string clang_path = std::string(TIA_LLVM_ROOT) + "/bin/clang";
    std::vector<const char*> argv = {clang_path.c_str()};
    for (const auto& a : args) argv.push_back(a.c_str());
    tu = nullptr;
    // One indexing session per TU: with SkipParsedBodiesInSession, libclang then skips
    // the bodies of system headers only. A session shared by several TUs would also skip
    // project header bodies parsed for an earlier TU, and with them every implicit
    // instantiation this TU makes of a template defined there: the calls an instantiation
    // makes through its template arguments (`t.f()` with T = this TU's type) would be lost.
    // (An action must outlive the translation units made in it: disposed at the end.)
    actions.push_back(clang_IndexAction_create(impl_->index));
    rc = clang_indexSourceFileFullArgv(actions.back(), st.get(), &cb, sizeof(cb), index_opts,
                                       cmd.file.c_str(), argv.data(), static_cast<int>(argv.size()),
                                       nullptr, 0, &tu, tu_opts);
    std::vector<std::string> unknown;
    for (const Diagnostic& d : st->diagnostics) {
      const std::string p = "unknown argument: '";
      if (d.message.rfind(p, 0) == 0 && d.message.size() > p.size() + 1)
        unknown.push_back(d.message.substr(p.size(), d.message.size() - p.size() - 1));
    }
    // The third parse stands whatever it reports: never dispose of the last result.
    if (unknown.empty() || attempt == 2) break;
    size_t before = args.size();
    for (const auto& u : unknown) {
      auto it = std::find(args.begin(), args.end(), u);
      if (it != args.end()) {
        out.dropped_args.push_back(u);
        args.erase(it);
      }
    }
    if (args.size() == before) break;
    if (tu) clang_disposeTranslationUnit(tu);
    tu = nullptr;
  }

  rec.diagnostics = std::move(st->diagnostics);
  if (!tu || rc != 0) {
    if (tu) clang_disposeTranslationUnit(tu);
    rec.status = TuStatus::kFailed;
    if (rec.diagnostics.empty()) {
      Diagnostic d;
      d.severity = CXDiagnostic_Fatal;
      d.file = cmd.file;
      // libclang says only "error 1" for a source it cannot read: name the reason.
      struct stat st;
      if (::stat(cmd.file.c_str(), &st) != 0)
        d.message =
            std::string(errno == ENOENT ? "the file does not exist" : std::strerror(errno)) +
            " (listed in compile_commands.json)";
      else if (!S_ISREG(st.st_mode))
        d.message = "not a regular file (listed in compile_commands.json)";
      else
        d.message = "libclang could not parse the file (error " + std::to_string(rc) + ")";
      rec.diagnostics.push_back(std::move(d));
    }
    std::string text, e;
    std::string id = ReadFile(cmd.file, &text, &e) ? GitBlobId(text) : "";
    if (auto u = impl_->unsaved_ids.find(cmd.file); u != impl_->unsaved_ids.end()) id = u->second;
    rec.inputs.emplace_back(cmd.file, id);
  } else {
    rec.status = rec.diagnostics.empty() ? TuStatus::kOk : TuStatus::kErrors;
    WalkPreprocessingRecord(tu, st.get());
    LinkLambdas(st.get());
    // Every file the TU read: the main file and the inclusion closure.
    std::vector<CXFile> read;
    read.push_back(clang_getFile(tu, cmd.file.c_str()));
    clang_getInclusions(
        tu,
        [](CXFile f, CXSourceLocation*, unsigned, CXClientData d) {
          static_cast<std::vector<CXFile>*>(d)->push_back(f);
        },
        &read);
    std::unordered_set<std::string> seen;
    for (CXFile f : read) {
      if (!f) continue;
      CXSourceLocation loc = clang_getLocationForOffset(tu, f, 0);
      FileInfo& fi = st->File(f, loc);
      std::string path = fi.shard ? fi.shard->path : st->Path(f);
      if (!seen.insert(path).second) continue;
      std::string id = impl_->ContentId(tu, f, path);
      rec.inputs.emplace_back(path, id);
      if (fi.shard) {
        fi.shard->content_id = id;
      } else {
        Shard sys;
        sys.path = path;
        sys.content_id = id;
        sys.is_system = true;
        out.shards.push_back(std::move(sys));
      }
    }
    for (auto& sh : st->shards) {
      if (sh->content_id.empty()) continue;  // a file with facts but not read? skip
      out.shards.push_back(std::move(*sh));
    }
    // Entities named by edges, decls and tests (names for symbol rows).
    std::unordered_set<std::string> used;
    for (const Shard& s : out.shards) {
      for (const EdgeFact& e : s.edges) {
        used.insert(e.src_usr);
        used.insert(e.dst_usr);
      }
      for (const TestCaseFact& t : s.tests) {
        used.insert(t.body_usr);
        used.insert(t.fixture_usr);
      }
    }
    for (const std::string& u : used) {
      auto it = st->entities.find(u);
      if (it != st->entities.end()) out.entities.push_back(it->second);
    }
    // Specializations folded into a symbol the facts name: their USRs still find it.
    for (const auto& [raw, c] : st->canon)
      if (raw != c.usr && used.count(c.usr)) out.aliases.emplace_back(raw, c.usr);
    clang_disposeTranslationUnit(tu);
  }
  for (CXIndexAction a : actions) clang_IndexAction_dispose(a);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rec.parse_us = static_cast<int64_t>(out.seconds * 1e6);
  return out;
}

std::string CommandHash(const CompileCommand& cmd) {
  std::string buf = kIndexerVersion;
  buf.push_back('\0');
  buf += cmd.directory;
  for (const auto& a : cmd.arguments) {
    buf.push_back('\0');
    buf += a;
  }
  return Hash128Hex(buf);
}

std::string FindResourceDir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path base = fs::path(TIA_LLVM_ROOT) / "lib" / "clang";
  std::string best;
  for (const auto& e : fs::directory_iterator(base, ec)) {
    if (!e.is_directory(ec)) continue;
    std::string p = e.path().string();
    if (fs::exists(e.path() / "include" / "stddef.h", ec) && p > best) best = p;
  }
  return best;
}

}  // namespace tia
