// The code graph's snapshot file (see tia/graph/code_graph.h): what CodeGraph::Load builds
// from SQLite, written as flat arrays so a later command reads it in one pass instead of
// querying and hashing every edge again. Valid for one generation of the database.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <span>
#include <type_traits>

#include "tia/graph/code_graph.h"
#include "tia/store/db.h"
#include "tia/util/fs.h"
#include "tia/util/handle.h"
#include "tia/util/hash.h"

namespace tia {
namespace {

constexpr char kMagic[8] = {'T', 'I', 'A', 'G', 'R', 'P', 'H', '3'};
constexpr size_t kDigest = 32;  // Hash128Hex of everything after it
constexpr size_t kHeader = sizeof kMagic + kDigest;
constexpr size_t kAlign = 8;  // arrays start at multiples of it in the file

class Writer {
 public:
  template <typename T>
  void Pod(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  // The count, then the elements from the next multiple of 8 bytes (so that a reader can
  // use them in place).
  template <typename T>
  void Array(std::span<const T> v) {
    static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= kAlign);
    Pod(static_cast<uint64_t>(v.size()));
    out_.append((kAlign - (kHeader + out_.size()) % kAlign) % kAlign, '\0');
    out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  template <typename T>
  void Array(const std::vector<T>& v) {
    Array(std::span<const T>(v));
  }
  void Str(const std::string& s) {
    Pod(static_cast<uint32_t>(s.size()));
    out_ += s;
  }
  std::string& data() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename T>
  bool Pod(T* v) {
    if (in_.size() - at_ < sizeof(T)) return false;
    std::memcpy(v, in_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return true;
  }
  // An array in place: `in` must start at a multiple of 8 bytes in memory, as the file
  // starts (the payload after the header) in the mapping.
  template <typename T>
  bool View(std::span<const T>* v) {
    uint64_t n;
    if (!Pod(&n)) return false;
    size_t pad = (kAlign - (kHeader + at_) % kAlign) % kAlign;
    if (in_.size() - at_ < pad) return false;
    at_ += pad;
    if (n > (in_.size() - at_) / sizeof(T)) return false;
    *v = std::span<const T>(reinterpret_cast<const T*>(in_.data() + at_), n);
    at_ += n * sizeof(T);
    return true;
  }
  template <typename T>
  bool Array(std::vector<T>* v) {
    std::span<const T> view;
    if (!View(&view)) return false;
    v->assign(view.begin(), view.end());
    return true;
  }
  bool Str(std::string* s) {
    uint32_t n;
    if (!Pod(&n) || n > in_.size() - at_) return false;
    s->assign(in_.data() + at_, n);
    at_ += n;
    return true;
  }
  bool done() const { return at_ == in_.size(); }

 private:
  std::string_view in_;
  size_t at_ = 0;
};

}  // namespace

bool CodeGraph::SaveSnapshot(const std::string& path, int64_t generation, const PathRoots& roots,
                             std::string* err) const {
  Writer w;
  w.Pod(generation);
  w.Pod(static_cast<uint64_t>(symbols_.size()));
  for (const GraphSymbol& s : symbols_) {
    w.Str(s.usr);
    w.Str(s.name);
    w.Str(s.qualified_name);
    w.Pod(static_cast<int32_t>(s.kind));
  }
  w.Array(db_ids_);
  w.Array(by_qname_sorted_);
  w.Array(by_usr_);
  w.Array(by_name_);
  w.Array(by_db_id_);
  w.Pod(static_cast<uint64_t>(files_.size()));
  for (const std::string& f : files_) w.Str(StoredPath(f, roots));
  w.Array(in_offsets_);
  w.Array(in_edges_);
  w.Array(out_offsets_);
  w.Array(out_edges_);
  w.Array(decl_offsets_);
  w.Array(decls_);
  w.Pod(static_cast<uint64_t>(tests_.size()));
  for (const GraphTestCase& t : tests_) {
    w.Str(t.framework);
    w.Str(t.macro);
    w.Str(t.suite);
    w.Str(t.name);
    w.Pod(t.file);
    w.Pod(t.line);
    w.Pod(t.body);
    w.Pod(t.fixture);
  }
  w.Pod(static_cast<uint64_t>(tus_.size()));
  for (const GraphTu& t : tus_) {
    w.Pod(t.main_file);
    w.Pod(static_cast<int32_t>(t.status));
    w.Array(t.inputs);
  }
  std::string file(kMagic, sizeof kMagic);
  file += Hash128Hex(w.data());
  file += w.data();
  return WriteFileAtomic(path, file, err);
}

bool CodeGraph::LoadSnapshot(const std::string& path, int64_t generation, const PathRoots& roots,
                             std::string* err) {
  if (!symbols_.empty() || !files_.empty())
    return *err = "CodeGraph::LoadSnapshot on a loaded graph", false;
  // Mapped, not read: the edge arrays are used where they lie in the page cache.
  auto mapping = std::make_unique<Mapping>();
  {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    struct stat st;
    if (!fd || ::fstat(fd.get(), &st) != 0) return *err = path + ": " + std::strerror(errno), false;
    if (st.st_size == 0) return *err = path + ": empty", false;
    void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ,
                     MAP_PRIVATE | MAP_POPULATE, fd.get(), 0);
    if (p == MAP_FAILED) return *err = path + ": " + std::strerror(errno), false;
    mapping->data = p;
    mapping->size = static_cast<size_t>(st.st_size);
  }
  std::string_view data(static_cast<const char*>(mapping->data), mapping->size);
  auto bad = [&](const char* what) {
    *err = path + ": " + what;
    Clear();
    return false;
  };
  if (data.size() < sizeof kMagic + kDigest || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
    return bad("not a graph snapshot of this tia");
  std::string_view payload = data.substr(kHeader);
  if (Hash128Hex(payload) != data.substr(sizeof kMagic, kDigest)) return bad("damaged (checksum)");
  Reader r(payload);
  int64_t gen = -1;
  if (!r.Pod(&gen) || gen != generation) return bad("made for another state of the database");
  uint64_t n = 0;
  if (!r.Pod(&n) || n > data.size()) return bad("damaged (symbols)");
  symbols_.resize(n);
  for (GraphSymbol& s : symbols_) {
    int32_t kind;
    if (!r.Str(&s.usr) || !r.Str(&s.name) || !r.Str(&s.qualified_name) || !r.Pod(&kind))
      return bad("damaged (symbols)");
    s.kind = static_cast<SymbolKind>(kind);
  }
  if (!r.Array(&db_ids_) || db_ids_.size() != n || !r.Array(&by_qname_sorted_) ||
      by_qname_sorted_.size() != n || !r.Array(&by_usr_) || by_usr_.size() != n ||
      !r.Array(&by_name_) || by_name_.size() < n || !r.Array(&by_db_id_) || by_db_id_.size() != n)
    return bad("damaged (symbol ids)");
  if (!r.Pod(&n) || n > data.size()) return bad("damaged (files)");
  files_.resize(n);
  for (std::string& f : files_) {
    std::string stored;
    if (!r.Str(&stored)) return bad("damaged (files)");
    f = AbsolutePath(stored, roots);
  }
  if (!r.View(&in_offsets_) || !r.View(&in_edges_) || !r.View(&out_offsets_) ||
      !r.View(&out_edges_) || !r.View(&decl_offsets_) || !r.View(&decls_))
    return bad("damaged (edges)");
  size_t count = symbols_.size() + 1;
  if (in_offsets_.size() != count || out_offsets_.size() != count ||
      decl_offsets_.size() != count || in_offsets_.back() != in_edges_.size() ||
      out_offsets_.back() != out_edges_.size() || decl_offsets_.back() != decls_.size())
    return bad("damaged (offsets)");
  if (!r.Pod(&n) || n > data.size()) return bad("damaged (test cases)");
  tests_.resize(n);
  for (GraphTestCase& t : tests_) {
    if (!r.Str(&t.framework) || !r.Str(&t.macro) || !r.Str(&t.suite) || !r.Str(&t.name) ||
        !r.Pod(&t.file) || !r.Pod(&t.line) || !r.Pod(&t.body) || !r.Pod(&t.fixture))
      return bad("damaged (test cases)");
  }
  if (!r.Pod(&n) || n > data.size()) return bad("damaged (TUs)");
  tus_.resize(n);
  for (GraphTu& t : tus_) {
    int32_t status;
    if (!r.Pod(&t.main_file) || !r.Pod(&status) || !r.Array(&t.inputs)) return bad("damaged (TUs)");
    t.status = static_cast<TuStatus>(status);
  }
  if (!r.done()) return bad("damaged (trailing data)");
  // Every index stays in range, so a damaged file cannot make the graph read out of bounds.
  auto node_ok = [&](NodeId x) { return x == kNoNode || x < symbols_.size(); };
  for (const auto* edges : {&in_edges_, &out_edges_})
    for (const GraphEdge& e : *edges)
      if (!node_ok(e.other) || e.file >= files_.size()) return bad("damaged (edge)");
  for (const GraphDecl& d : decls_)
    if (d.file >= files_.size()) return bad("damaged (declaration)");
  for (NodeId q : by_qname_sorted_)
    if (q >= symbols_.size()) return bad("damaged (order)");
  for (const auto* index : {&by_usr_, &by_name_, &by_db_id_})
    for (const KeyedNode& e : *index)
      if (e.node >= symbols_.size()) return bad("damaged (lookup tables)");
  for (const GraphTestCase& t : tests_)
    if (t.file >= files_.size() || !node_ok(t.body) || !node_ok(t.fixture))
      return bad("damaged (test case)");
  for (const GraphTu& t : tus_) {
    if (t.main_file >= files_.size()) return bad("damaged (TU)");
    for (uint32_t f : t.inputs)
      if (f >= files_.size()) return bad("damaged (TU input)");
  }
  for (size_t i = 0; i + 1 < count; ++i)
    if (in_offsets_[i] > in_offsets_[i + 1] || out_offsets_[i] > out_offsets_[i + 1] ||
        decl_offsets_[i] > decl_offsets_[i + 1])
      return bad("damaged (offsets)");
  for (uint32_t i = 0; i < files_.size(); ++i) file_index_.emplace(files_[i], i);
  mapping_ = std::move(mapping);
  return true;
}

CodeGraph::Mapping::~Mapping() {
  if (data) ::munmap(data, size);
}

bool CodeGraph::LoadCached(Db& db, std::string* err) {
  int64_t generation = db.Generation();
  std::string path = db.path() + ".graph";
  std::string ignored;
  if (LoadSnapshot(path, generation, db.roots(), &ignored)) return true;
  if (!Load(db, err)) return false;
  SaveSnapshot(path, generation, db.roots(), &ignored);  // a cache: failing to write is fine
  return true;
}

}  // namespace tia
