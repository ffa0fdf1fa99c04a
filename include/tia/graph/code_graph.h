// The code graph of the current index, loaded from SQLite into memory for traversal:
// symbols, where each is declared/defined, and edges in compressed sparse row form in
// both directions. SQLite is the durable store; traversal never queries it per node.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tia/store/facts.h"

namespace tia {

class Db;
struct PathRoots;

// Dense symbol index in a CodeGraph (0..size()-1); not the database id.
using NodeId = uint32_t;
inline constexpr NodeId kNoNode = 0xffffffffu;

struct GraphSymbol {
  std::string usr;
  std::string name;
  std::string qualified_name;
  SymbolKind kind = SymbolKind::kOther;
};

// A declaration or definition of a symbol in a current file version.
struct GraphDecl {
  uint32_t file = 0;  // index into CodeGraph::files()
  int line_start = 0;
  int line_end = 0;
  bool is_definition = false;
};

// One edge as seen from one end: `other` is the source for incoming edges and the
// destination for outgoing ones; file/line locate the use.
struct GraphEdge {
  NodeId other = kNoNode;
  EdgeKind kind = EdgeKind::kCall;
  uint32_t file = 0;
  int line = 0;
};

// A test case of the current index (GoogleTest, Catch2, doctest).
struct GraphTestCase {
  std::string framework, macro, suite, name;
  uint32_t file = 0;
  int line = 0;
  NodeId body = kNoNode;
  NodeId fixture = kNoNode;
};

// A translation unit of the current index: its main file and every file it read.
struct GraphTu {
  uint32_t main_file = 0;
  std::vector<uint32_t> inputs;  // file indexes, the main file included
  TuStatus status = TuStatus::kOk;
};

// Neither copyable nor movable: lookup tables hold views into the symbol strings.
class CodeGraph {
 public:
  CodeGraph() = default;
  CodeGraph(const CodeGraph&) = delete;
  CodeGraph& operator=(const CodeGraph&) = delete;

  // Loads (into a new, empty graph) symbols, current declarations, current edges, test cases and
  // TUs. A shard is current when some TU's inputs name it.
  bool Load(Db& db, std::string* err);
  // Load, through a compact snapshot of the graph next to the database (DB.graph): read
  // when it was written for the database's current generation, else the graph is loaded
  // from SQLite and the snapshot written (best effort) for the next command.
  bool LoadCached(Db& db, std::string* err);
  // The snapshot file: the graph's arrays as they are in memory, strings length-prefixed,
  // paths in the database's stored form. False (err) when the file is missing, of another
  // generation or format, or damaged: the caller loads from SQLite.
  bool LoadSnapshot(const std::string& path, int64_t generation, const PathRoots& roots,
                    std::string* err);
  bool SaveSnapshot(const std::string& path, int64_t generation, const PathRoots& roots,
                    std::string* err) const;

  size_t size() const { return symbols_.size(); }
  const GraphSymbol& symbol(NodeId n) const { return symbols_[n]; }
  NodeId FindUsr(std::string_view usr) const;
  // Nodes whose name or qualified name is `name` (or whose USR is `name`).
  std::vector<NodeId> Lookup(std::string_view name) const;
  // Methods, constructors, destructors and other members of a class (qualified name
  // prefix "Class::"), nested ones included.
  std::vector<NodeId> Members(NodeId cls) const;

  // Edges whose destination is n. An edge from kNoNode is a use at file scope (outside
  // any function, variable or type), for example a macro expanded in an array bound.
  std::span<const GraphEdge> In(NodeId n) const;
  std::span<const GraphEdge> Out(NodeId n) const;  // edges whose source is n
  std::span<const GraphDecl> Decls(NodeId n) const;

  const std::vector<std::string>& files() const { return files_; }
  // Index of `path` in files(), or -1.
  int FileIndex(std::string_view path) const;
  // Maps a database symbol id to a node (kNoNode when unknown).
  NodeId NodeForDbId(int64_t db_id) const;

  const std::vector<GraphTestCase>& test_cases() const { return tests_; }
  const std::vector<GraphTu>& tus() const { return tus_; }

 private:
  // Fills body/fixture nodes the index left unresolved.
  void ResolveTestCases();
  // The lookup tables over symbols_ and files_ (after Load; LoadSnapshot reads all but
  // the files').
  void BuildIndexes();
  // Back to an empty graph (after a damaged snapshot).
  void Clear();
  std::vector<int64_t> db_ids_;  // database id of each node (for the snapshot)

  // A node under a 64-bit hash of one of its strings, or under its database id: sorted
  // arrays that the lookups binary-search (comparing the strings), built once and kept in
  // the snapshot as they are, so that loading one builds no hash table.
  struct KeyedNode {
    uint64_t key = 0;
    NodeId node = kNoNode;
    uint32_t unused = 0;
  };
  // The entries of `index` under `key` (a hash or a database id).
  static std::span<const KeyedNode> Find(const std::vector<KeyedNode>& index, uint64_t key);

  std::vector<GraphSymbol> symbols_;
  std::vector<KeyedNode> by_usr_;    // hash of the USR
  std::vector<KeyedNode> by_name_;   // hash of the name and of the qualified name
  std::vector<KeyedNode> by_db_id_;  // the database id
  std::vector<std::string> files_;
  std::unordered_map<std::string_view, uint32_t> file_index_;
  // CSR: edges of node n are [offsets[n], offsets[n+1]). Views of the vectors below (a
  // graph loaded from SQLite) or of the mapped snapshot file.
  std::span<const uint32_t> in_offsets_, out_offsets_, decl_offsets_;
  std::span<const GraphEdge> in_edges_, out_edges_;
  std::span<const GraphDecl> decls_;
  struct Arrays {
    std::vector<uint32_t> in_offsets, out_offsets, decl_offsets;
    std::vector<GraphEdge> in_edges, out_edges;
    std::vector<GraphDecl> decls;
  } arrays_;
  // The snapshot file mapped read-only (after LoadSnapshot).
  struct Mapping {
    void* data = nullptr;
    size_t size = 0;
    ~Mapping();
  };
  std::unique_ptr<Mapping> mapping_;
  std::vector<NodeId> by_qname_sorted_;  // nodes sorted by qualified name, for Members()
  std::vector<GraphTestCase> tests_;
  std::vector<GraphTu> tus_;
};

}  // namespace tia
