// Internal to select: reverse reachability. From the changed entities, a breadth-first
// walk over reverse edges that lie in the files a test executable compiles (its link
// scope) finds the roots that can observe the change, each with its reason chain.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tia/select/selector.h"
#include "tia/util/fs.h"

namespace tia {

// Gathers the selection's roots and runs the per-executable reverse walk.
class Walker {
 public:
  Walker(const SelectContext& ctx, const std::vector<ChangedEntity>& seeds)
      : ctx_(ctx), g_(*ctx.graph), seeds_(seeds) {
    BuildRoots();
    visit_.assign(g_.size(), Visit{});
    // The dependent-name node of each function, looked up on first use.
    dependent_name_.assign(g_.size(), kNotLooked);
    for (const ChangedEntity& s : seeds_)
      seed_files_.push_back(g_.FileIndex(ctx_.repo ? ctx_.repo->workdir() + "/" + s.file : s.file));
  }

  // Result of walking one executable.
  struct ExeResult {
    bool touched = false;    // anything of the change is linked into the executable
    std::string all_reason;  // non-empty: every case is affected (a shared root)
    std::map<size_t, std::vector<std::string>> cases;  // case index -> chain
    std::vector<std::string> first_chain;              // chain to the first reached node
  };

  ExeResult Walk(const TestExecutable& exe,
                 const std::vector<std::pair<uint32_t, std::string>>& file_level);

 private:
  // How a node was reached from its parent.
  enum class Hop : uint8_t {
    kEdge,     // an edge of the graph (kind, file, line)
    kNameOf,   // the parent is a function of this name: a dependent call may reach it
    kClassOf,  // the parent is a special member or operator of this class
  };
  struct Visit {
    uint32_t stamp = 0;
    NodeId parent = kNoNode;
    EdgeKind kind = EdgeKind::kCall;
    uint32_t file = 0;
    int line = 0;
    int seed = -1;      // index into seeds_ for walk starts
    bool init = false;  // reached through an edge that runs code (not a mere reference)
    Hop hop = Hop::kEdge;
  };

  void BuildRoots();
  std::vector<std::string> Chain(NodeId n) const;
  // The node standing for every function of n's name (kDependentName edges), or kNoNode.
  NodeId DependentName(NodeId n) {
    NodeId& d = dependent_name_[n];
    if (d == kNotLooked) {
      const GraphSymbol& s = g_.symbol(n);
      d = g_.FindUsr(DependentNameUsr(s.name, s.kind != SymbolKind::kFunction));
    }
    return d;
  }
  bool MayBeInstantiatedUnseen(NodeId n) const { return tia::MayBeInstantiatedUnseen(g_, n); }
  // The class (or classes: one name, several configurations) a member belongs to.
  std::vector<NodeId> ClassesOf(NodeId member) const;
  // False for a changed global variable whose initialization runs no code (a constant
  // initializer of a scalar, pointer or array of them): only its users are affected, not
  // every case of the executables that link it. True for everything else.
  bool InitRunsCode(NodeId n) const;
  // True for a global variable whose initializer calls a function or constructor.
  bool InitCalls(NodeId n) const {
    if (g_.symbol(n).kind != SymbolKind::kGlobalVariable) return false;
    for (const GraphEdge& e : g_.Out(n))
      if (e.kind == EdgeKind::kCall) return true;
    return false;
  }
  std::string Rel(uint32_t file) const {
    return RelativeTo(g_.files()[file], ctx_.repo ? ctx_.repo->workdir() : "");
  }
  bool DefinedIn(NodeId n, const TestExecutable& exe) const {
    for (const GraphDecl& d : g_.Decls(n))
      if (d.is_definition && exe.HasFile(d.file)) return true;
    return false;
  }

  const SelectContext& ctx_;
  const CodeGraph& g_;
  const std::vector<ChangedEntity>& seeds_;
  TestRoots own_roots_;               // computed here when the context holds none
  const TestRoots* roots_ = nullptr;  // case roots and ::testing::Environment members
  std::vector<Visit> visit_;
  std::vector<int> seed_files_;  // graph file index of each seed's file, -1 when not current
  uint32_t stamp_ = 0;
  static constexpr NodeId kNotLooked = kNoNode - 1;
  std::vector<NodeId> dependent_name_;  // per node: DependentName, kNotLooked until asked
};

}  // namespace tia
