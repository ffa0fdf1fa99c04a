// Internal to select: how one changed file contributes to a selection (ignored, the
// entities its changed lines touch, the whole file, every test, or a rule's tests), and
// the expansion of changed entities by the rules for types, fields and special members.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "changes.h"
#include "tia/select/selector.h"

namespace tia {

struct ShardView;

// How a changed file contributes to the selection.
struct FileVerdict {
  enum Kind { kIgnore, kEntities, kFileLevel, kAll, kRuleTests } kind = kIgnore;
  std::string reason;
  const PathRule* rule = nullptr;
  // Test cases were added, removed or renamed: what listing commands print changes.
  bool registrations = false;
};

// Classifies changed files and maps their changed lines to declarations.
class Analyzer {
 public:
  explicit Analyzer(const SelectContext& ctx) : ctx_(ctx), g_(*ctx.graph) {}

  // Recorded coverage applies to this change (its base is the recorded commit): a change
  // to the test framework's own files that only changes bodies of functions the coverage
  // describes is narrowed by it, not taken at the file level.
  void set_coverage_applies(bool on) { coverage_applies_ = on; }

  // Classifies one changed file, appending seeds to `seeds`.
  bool Classify(const FileChange& fc, std::vector<ChangedEntity>* seeds, FileVerdict* v,
                std::string* err);

 private:
  std::string Abs(const std::string& rel) const { return ctx_.repo->workdir() + "/" + rel; }
  std::optional<std::string> Content(const std::string& rel, const std::string& id, bool worktree);
  void MapLines(const ShardView& shard, const CodeText& code, int first, int count,
                const std::string& rel, std::vector<ChangedEntity>* seeds,
                std::vector<int>* unexplained);

  const SelectContext& ctx_;
  const CodeGraph& g_;
  bool coverage_applies_ = false;
};

// Expands seeds by the selection rules for non-function entities.
void ExpandSeeds(const CodeGraph& g, std::vector<ChangedEntity>* seeds);

}  // namespace tia
