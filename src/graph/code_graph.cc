// Loads the current index into memory (see tia/graph/code_graph.h).
#include "tia/graph/code_graph.h"

#include <xxhash.h>

#include <algorithm>

#include "tia/store/graph_rows.h"

namespace tia {
namespace {

// Fills CSR offsets for `count` nodes from (node, item) pairs sorted by node.
template <typename T>
void BuildCsr(size_t count, std::vector<std::pair<NodeId, T>>& pairs,
              std::vector<uint32_t>* offsets, std::vector<T>* items) {
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  offsets->assign(count + 1, 0);
  items->clear();
  items->reserve(pairs.size());
  for (auto& [n, item] : pairs) {
    (*offsets)[n + 1]++;
    items->push_back(std::move(item));
  }
  for (size_t i = 0; i < count; ++i) (*offsets)[i + 1] += (*offsets)[i];
}

}  // namespace

bool CodeGraph::Load(Db& db, std::string* err) {
  if (!symbols_.empty() || !files_.empty())
    return *err = "CodeGraph::Load on a loaded graph", false;
  // Current shards: read by some TU. Their files get dense indexes.
  std::unordered_map<int64_t, uint32_t> shard_file;  // shard id -> file index
  std::unordered_map<int64_t, uint32_t> file_of_db;  // file db id -> file index
  if (!ReadCurrentShards(
          db,
          [&](CurrentShardRow&& r) {
            auto [it, inserted] =
                file_of_db.emplace(r.file_id, static_cast<uint32_t>(files_.size()));
            if (inserted) files_.push_back(std::move(r.path));
            shard_file[r.shard_id] = it->second;
          },
          err))
    return false;
  for (uint32_t i = 0; i < files_.size(); ++i) file_index_.emplace(files_[i], i);

  if (!ReadSymbols(
          db,
          [&](SymbolRow&& r) {
            symbols_.push_back(
                {std::move(r.usr), std::move(r.name), std::move(r.qualified_name), r.kind});
            db_ids_.push_back(r.id);
          },
          err))
    return false;
  BuildIndexes();

  std::vector<std::pair<NodeId, GraphDecl>> decls;
  if (!ReadCurrentDecls(
          db,
          [&](const DeclRow& r) {
            auto sf = shard_file.find(r.shard_id);
            NodeId n = NodeForDbId(r.symbol_id);
            if (sf == shard_file.end() || n == kNoNode) return;
            decls.push_back({n, GraphDecl{sf->second, r.line_start, r.line_end, r.is_definition}});
          },
          err))
    return false;
  BuildCsr(symbols_.size(), decls, &arrays_.decl_offsets, &arrays_.decls);
  decl_offsets_ = arrays_.decl_offsets;
  decls_ = arrays_.decls;

  std::vector<std::pair<NodeId, GraphEdge>> in, out;
  if (!ReadCurrentEdges(
          db,
          [&](const EdgeRow& r) {
            auto sf = shard_file.find(r.shard_id);
            NodeId src = NodeForDbId(r.src_id);
            NodeId dst = NodeForDbId(r.dst_id);
            if (sf == shard_file.end() || dst == kNoNode) return;
            // A file-scope use (src 0) has no source node: it is kept as an incoming edge
            // from kNoNode, which makes the file itself affected.
            in.push_back({dst, GraphEdge{src, r.kind, sf->second, r.line}});
            if (src != kNoNode) out.push_back({src, GraphEdge{dst, r.kind, sf->second, r.line}});
          },
          err))
    return false;
  BuildCsr(symbols_.size(), in, &arrays_.in_offsets, &arrays_.in_edges);
  BuildCsr(symbols_.size(), out, &arrays_.out_offsets, &arrays_.out_edges);
  in_offsets_ = arrays_.in_offsets;
  in_edges_ = arrays_.in_edges;
  out_offsets_ = arrays_.out_offsets;
  out_edges_ = arrays_.out_edges;

  if (!ReadCurrentTestCases(
          db,
          [&](TestCaseRow&& r) {
            auto sf = shard_file.find(r.shard_id);
            if (sf == shard_file.end()) return;
            GraphTestCase t{std::move(r.framework),
                            std::move(r.macro),
                            std::move(r.suite),
                            std::move(r.name),
                            sf->second,
                            r.line,
                            NodeForDbId(r.body_id),
                            NodeForDbId(r.fixture_id)};
            // The same case is seen once per configuration that compiled its file.
            bool dup = !tests_.empty() && tests_.back().suite == t.suite &&
                       tests_.back().name == t.name && tests_.back().file == t.file &&
                       tests_.back().line == t.line;
            if (!dup) tests_.push_back(std::move(t));
          },
          err))
    return false;

  ResolveTestCases();

  std::unordered_map<int64_t, size_t> tu_index;
  return ReadTuInputs(
      db,
      [&](const TuInputRow& r) {
        auto [it, inserted] = tu_index.emplace(r.tu_id, tus_.size());
        if (inserted) {
          GraphTu tu;
          auto mf = file_of_db.find(r.main_file_id);
          tu.main_file = mf == file_of_db.end() ? 0 : mf->second;
          tu.status = r.status;
          tus_.push_back(std::move(tu));
        }
        auto sf = shard_file.find(r.shard_id);
        if (sf != shard_file.end()) tus_[it->second].inputs.push_back(sf->second);
      },
      err);
}

void CodeGraph::Clear() {
  symbols_.clear();
  by_usr_.clear();
  by_name_.clear();
  by_db_id_.clear();
  db_ids_.clear();
  files_.clear();
  file_index_.clear();
  in_offsets_ = out_offsets_ = decl_offsets_ = {};
  in_edges_ = out_edges_ = {};
  decls_ = {};
  arrays_ = Arrays();
  mapping_.reset();
  by_qname_sorted_.clear();
  tests_.clear();
  tus_.clear();
}

namespace {

uint64_t HashKey(std::string_view s) {
  return XXH3_64bits(s.data(), s.size());
}

}  // namespace

void CodeGraph::BuildIndexes() {
  auto sorted = [](std::vector<KeyedNode>* v) {
    std::sort(v->begin(), v->end(), [](const KeyedNode& a, const KeyedNode& b) {
      return a.key != b.key ? a.key < b.key : a.node < b.node;
    });
  };
  by_usr_.clear();
  by_name_.clear();
  by_db_id_.clear();
  by_usr_.reserve(symbols_.size());
  by_name_.reserve(symbols_.size() * 2);
  for (NodeId n = 0; n < symbols_.size(); ++n) {
    by_usr_.push_back({HashKey(symbols_[n].usr), n});
    by_name_.push_back({HashKey(symbols_[n].name), n});
    if (symbols_[n].qualified_name != symbols_[n].name)
      by_name_.push_back({HashKey(symbols_[n].qualified_name), n});
  }
  sorted(&by_usr_);
  sorted(&by_name_);
  by_db_id_.reserve(db_ids_.size());
  for (NodeId n = 0; n < db_ids_.size(); ++n)
    by_db_id_.push_back({static_cast<uint64_t>(db_ids_[n]), n});
  sorted(&by_db_id_);
  by_qname_sorted_.resize(symbols_.size());
  for (NodeId n = 0; n < symbols_.size(); ++n) by_qname_sorted_[n] = n;
  std::sort(by_qname_sorted_.begin(), by_qname_sorted_.end(), [this](NodeId a, NodeId b) {
    return symbols_[a].qualified_name < symbols_[b].qualified_name;
  });
}

std::span<const CodeGraph::KeyedNode> CodeGraph::Find(const std::vector<KeyedNode>& index,
                                                      uint64_t key) {
  auto lo = std::lower_bound(index.begin(), index.end(), key,
                             [](const KeyedNode& e, uint64_t k) { return e.key < k; });
  auto hi = lo;
  while (hi != index.end() && hi->key == key) ++hi;
  return {index.data() + (lo - index.begin()), static_cast<size_t>(hi - lo)};
}

void CodeGraph::ResolveTestCases() {
  // The body is the function defined at the macro's line (TestBody for GoogleTest); the
  // fixture of TEST_F/TEST_P/TYPED_TEST* is the class named like the suite.
  std::unordered_map<uint64_t, NodeId> def_at;  // (file << 32 | line) -> function
  for (NodeId n = 0; n < symbols_.size(); ++n) {
    SymbolKind k = symbols_[n].kind;
    if (k != SymbolKind::kMethod && k != SymbolKind::kFunction) continue;
    for (const GraphDecl& d : Decls(n)) {
      if (!d.is_definition) continue;
      uint64_t key = (static_cast<uint64_t>(d.file) << 32) | static_cast<uint32_t>(d.line_start);
      auto [it, inserted] = def_at.emplace(key, n);
      if (!inserted && symbols_[n].name == "TestBody") it->second = n;
    }
  }
  for (GraphTestCase& t : tests_) {
    if (t.body == kNoNode) {
      auto it = def_at.find((static_cast<uint64_t>(t.file) << 32) | static_cast<uint32_t>(t.line));
      if (it != def_at.end()) t.body = it->second;
    }
    if (t.fixture == kNoNode && t.framework == "gtest" && t.macro != "TEST") {
      for (NodeId n : Lookup(t.suite)) {
        SymbolKind k = symbols_[n].kind;
        if ((k == SymbolKind::kClass || k == SymbolKind::kStruct) && !Decls(n).empty()) {
          t.fixture = n;
          break;
        }
      }
    }
  }
}

NodeId CodeGraph::FindUsr(std::string_view usr) const {
  // The first node of the USR (Load keeps the first symbol of a repeated USR).
  for (const KeyedNode& e : Find(by_usr_, HashKey(usr)))
    if (symbols_[e.node].usr == usr) return e.node;
  return kNoNode;
}

NodeId CodeGraph::NodeForDbId(int64_t db_id) const {
  auto found = Find(by_db_id_, static_cast<uint64_t>(db_id));
  return found.empty() ? kNoNode : found.front().node;
}

std::vector<NodeId> CodeGraph::Lookup(std::string_view name) const {
  std::vector<NodeId> out;
  if (NodeId n = FindUsr(name); n != kNoNode) out.push_back(n);
  for (const KeyedNode& e : Find(by_name_, HashKey(name)))
    if (symbols_[e.node].name == name || symbols_[e.node].qualified_name == name)
      out.push_back(e.node);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<NodeId> CodeGraph::Members(NodeId cls) const {
  std::vector<NodeId> out;
  std::string prefix = symbols_[cls].qualified_name + "::";
  auto it = std::lower_bound(
      by_qname_sorted_.begin(), by_qname_sorted_.end(), prefix,
      [this](NodeId n, const std::string& p) { return symbols_[n].qualified_name < p; });
  for (; it != by_qname_sorted_.end(); ++it) {
    const std::string& q = symbols_[*it].qualified_name;
    if (q.compare(0, prefix.size(), prefix) != 0) break;
    out.push_back(*it);
  }
  return out;
}

std::span<const GraphEdge> CodeGraph::In(NodeId n) const {
  return {in_edges_.data() + in_offsets_[n], in_offsets_[n + 1] - in_offsets_[n]};
}

std::span<const GraphEdge> CodeGraph::Out(NodeId n) const {
  return {out_edges_.data() + out_offsets_[n], out_offsets_[n + 1] - out_offsets_[n]};
}

std::span<const GraphDecl> CodeGraph::Decls(NodeId n) const {
  return {decls_.data() + decl_offsets_[n], decl_offsets_[n + 1] - decl_offsets_[n]};
}

int CodeGraph::FileIndex(std::string_view path) const {
  auto it = file_index_.find(path);
  return it == file_index_.end() ? -1 : static_cast<int>(it->second);
}

}  // namespace tia
