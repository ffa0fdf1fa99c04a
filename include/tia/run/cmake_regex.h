// CMake's regular expressions (cmsys::RegularExpression, the syntax of CTest's
// PASS_/FAIL_/SKIP_REGULAR_EXPRESSION and TIMEOUT_AFTER_MATCH), searched in a text that
// arrives in pieces: a test's output of any size, in one pass and bounded memory.
//
// Syntax: `^` (start of the text), `$` (end of the text), `.` (any character, a line end
// included), `[...]` and `[^...]` with ranges (a backslash is an ordinary character
// inside; `]` first is literal), `(...)`, `|`, and `*` `+` `?` after an item; a backslash
// makes the next character literal; everything else, `{` and `}` included, is literal.
// Matching simulates the pattern's automaton (Thompson, as in Pike's VM): time linear in
// the text, no recursion, whatever the pattern.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tia::run {

class CMakeRegex {
 public:
  // False with `err` ("'*a': '*' at character 1 follows nothing it can repeat") on a
  // pattern CMake would reject.
  bool Compile(const std::string& pattern, std::string* err);
  const std::string& pattern() const { return pattern_; }

  // Searches the text given to Feed, piece by piece, for a match anywhere.
  class Search {
   public:
    explicit Search(const CMakeRegex& re);
    // Feeds the next piece; true once the pattern has matched.
    bool Feed(std::string_view piece);
    // Call once after the last piece (for `$`); true when the pattern matched.
    bool End();
    bool matched() const { return matched_; }

   private:
    void Add(std::vector<int>* list, int pc, bool at_start, bool at_end);
    const CMakeRegex& re_;
    std::vector<int> current_;       // threads before the next character
    std::vector<uint32_t> mark_;     // per instruction: the step it was last added in
    std::vector<int> next_, stack_;  // reused between characters
    uint32_t step_ = 1;
    bool at_start_ = true;
    bool matched_ = false;
  };

  // The whole `text` at once.
  bool SearchIn(std::string_view text) const;

 private:
  struct Inst {
    enum Op { kChar, kAny, kClass, kSplit, kJump, kBol, kEol, kMatch } op;
    unsigned char c = 0;
    int x = 0, y = 0;  // kSplit: both; kJump: x
    int cls = -1;      // kClass: index into classes_
  };
  friend class Search;
  bool ParseAlt(size_t* i, std::vector<Inst>* out, std::string* err);
  bool ParseBranch(size_t* i, std::vector<Inst>* out, std::string* err);
  std::string pattern_;
  std::vector<Inst> prog_;
  std::vector<std::vector<bool>> classes_;  // 256 entries each
};

}  // namespace tia::run
