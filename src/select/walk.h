// Internal to select: reverse reachability. From the changed entities, a breadth-first
// walk over reverse edges that lie in the files a test executable compiles (its link
// scope) finds the roots that can observe the change, each with its reason chain.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tia/select/selector.h"
#include "tia/util/fs.h"

namespace tia {

// Gathers the selection's roots and runs the reverse walk of every test executable.
//
// The walks of up to 64 executables run as one: each queue entry is a node reached for a
// set of executables (a bit mask) at one point of their walks, with the hop that reached
// it. Processing an entry does for each of its executables exactly what that
// executable's own breadth-first walk does when it takes the node from its queue, and a
// node gets a new entry only for executables that had not reached it yet, so the entries
// of one executable, in queue order, are its own walk's queue: the same nodes, parents,
// reason chains and stopping point. What the walks share (every node and edge in the
// link scope of several executables) is visited once per point where they first reach it,
// instead of once per executable.
class Walker {
 public:
  Walker(const SelectContext& ctx, const std::vector<ChangedEntity>& seeds);

  // Result of walking one executable.
  struct ExeResult {
    bool touched = false;    // anything of the change is linked into the executable
    std::string all_reason;  // non-empty: every case is affected (a shared root)
    std::map<size_t, std::vector<std::string>> cases;  // case index -> chain
    std::vector<std::string> first_chain;              // chain to the first reached node
  };

  // The result of every executable of `exes` (same order), `width` (1 to 64) walked
  // together.
  std::vector<ExeResult> WalkAll(const std::vector<TestExecutable>& exes,
                                 const std::vector<std::pair<uint32_t, std::string>>& file_level,
                                 size_t width = 64);

 private:
  using Mask = uint64_t;  // one bit per executable of a batch
  // How a node was reached from its parent.
  enum class Hop : uint8_t {
    kEdge,       // an edge of the graph (kind, file, line)
    kNameOf,     // the parent is a function of this name: a dependent call may reach it
    kClassOf,    // the parent is a special member or operator of this class
    kVirtualOf,  // the parent overrides a virtual called from unseen code; this is its class
  };
  static constexpr uint32_t kNoEntry = 0xffffffffu;
  // A node reached for the executables of `exes`.
  struct Entry {
    Mask exes = 0;
    NodeId node = kNoNode;
    uint32_t parent = kNoEntry;  // the entry that reached it; kNoEntry for a walk start
    uint32_t file = 0;
    int line = 0;
    int seed = -1;  // index into seeds_ for walk starts
    EdgeKind kind = EdgeKind::kCall;
    bool init = false;  // reached through an edge that runs code (not a mere reference)
    Hop hop = Hop::kEdge;
  };

  // Walks exes[first, first + count) (count <= 64) into results.
  void WalkBatch(const std::vector<TestExecutable>& exes, size_t first, size_t count,
                 const std::vector<std::pair<uint32_t, std::string>>& file_level,
                 std::vector<ExeResult>* results);
  // Adds an entry for `to` and the executables of `exes` that have not reached it yet.
  void Reach(NodeId to, uint32_t from, const GraphEdge& e, bool init, Mask exes, Hop hop);
  std::vector<std::string> Chain(uint32_t entry) const;
  // The executables of the batch that compile a file declaring (any decl) or defining
  // (definitions only) n.
  Mask DeclaredMask(NodeId n) const;
  Mask DefinedMask(NodeId n) const;
  // The node standing for every function of n's name (kDependentName edges), or kNoNode.
  NodeId DependentName(NodeId n);
  bool MayBeInstantiatedUnseen(NodeId n) const { return tia::MayBeInstantiatedUnseen(g_, n); }
  // The class (or classes: one name, several configurations) a member belongs to.
  std::vector<NodeId> ClassesOf(NodeId member) const;
  // True for a method, destructor or conversion function of `cls`.
  bool RunsOnAnObjectOf(NodeId member, NodeId cls) const;
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

  // A call through a base class's virtual that may dispatch to a changed override: the
  // base's callers observe the change only in the cases that construct the overriding
  // class (or a subclass of it). Resolved after the batch's walk from two walks of their
  // own (WalkFrom): the cases both reach.
  struct Dispatch {
    NodeId base = kNoNode;
    std::vector<NodeId> classes;
    Mask exes = 0;
    uint32_t entry = kNoEntry;  // the override's entry
    GraphEdge edge;             // the override edge
  };
  // Nested walks deeper than this follow overrides to every caller of the base.
  static constexpr int kMaxDispatchDepth = 2;
  // At most this many such walks per batch (each one costs up to a whole walk).
  static constexpr size_t kMaxNestedWalks = 64;
  // The results of a walk from `n` alone over the current batch (cached per batch).
  const std::vector<ExeResult>& WalkFrom(NodeId n);
  void ResolveDispatches(Mask* active, const std::function<ExeResult&(int)>& result);
  int depth_ = 0;
  // For the walk that finds the code making objects of a class (WalkFrom a class): the
  // class, whose own instance members (methods, destructor, conversions: they run on an
  // object that already exists) are not among its makers.
  NodeId made_class_ = kNoNode;
  std::vector<Dispatch> dispatches_;
  std::vector<TestExecutable> batch_;  // the current batch's executables, for WalkFrom
  std::map<NodeId, std::vector<ExeResult>> walked_from_;

  const SelectContext& ctx_;
  const CodeGraph& g_;
  const std::vector<ChangedEntity>& seeds_;
  TestRoots own_roots_;               // computed here when the context holds none
  const TestRoots* roots_ = nullptr;  // case roots and ::testing::Environment members
  std::vector<int> seed_files_;       // graph file index of each seed's file, -1 when not current
  static constexpr NodeId kNotLooked = kNoNode - 1;
  std::vector<NodeId> dependent_name_;  // per node: DependentName, kNotLooked until asked
  // The nodes that stand for every member function ([0]) and every free function ([1]) of
  // a name, by name: the few symbols whose USR DependentNameUsr makes (found on first use).
  std::unordered_map<std::string_view, NodeId> by_dependent_name_[2];
  bool dependent_names_found_ = false;
  // The walk of one batch.
  std::vector<Entry> entries_;  // the queue, kept whole for the reason chains
  std::vector<Mask> reached_;   // per node: the executables that reached it
  // Per node: the executables that reached it through an edge that runs code. A global or
  // a field first reached by a mere reference is walked again when code reaches it: only
  // then does its initializer run code for the executable (Again).
  std::vector<Mask> reached_init_;
  Mask Again(NodeId to, Mask in, bool init);
  std::vector<Mask> scope_;  // per graph file: the executables that compile it
};

}  // namespace tia
