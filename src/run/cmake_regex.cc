// CMake regular expressions compiled to a small instruction program and searched by
// simulating all threads at once (see tia/run/cmake_regex.h).
#include "tia/run/cmake_regex.h"

namespace tia::run {

// The grammar, as cmsys::RegularExpression (Henry Spencer's) reads it:
//   alt    := branch ('|' branch)*
//   branch := piece*
//   piece  := atom ('*' | '+' | '?')?
//   atom   := '(' alt ')' | '[' class ']' | '.' | '^' | '$' | '\' char | char
bool CMakeRegex::Compile(const std::string& pattern, std::string* err) {
  pattern_ = pattern;
  prog_.clear();
  classes_.clear();
  size_t i = 0;
  if (!ParseAlt(&i, &prog_, err)) return false;
  if (i < pattern_.size()) {
    *err = "'" + pattern_ + "': unmatched ) at character " + std::to_string(i + 1);
    return false;
  }
  prog_.push_back({Inst::kMatch});
  return true;
}

bool CMakeRegex::ParseAlt(size_t* i, std::vector<Inst>* out, std::string* err) {
  std::vector<Inst> first;
  if (!ParseBranch(i, &first, err)) return false;
  if (*i >= pattern_.size() || pattern_[*i] != '|') {
    out->insert(out->end(), first.begin(), first.end());
    return true;
  }
  ++*i;
  std::vector<Inst> rest;
  if (!ParseAlt(i, &rest, err)) return false;
  // split L1, L2; L1: first; jump end; L2: rest; end:
  int base = static_cast<int>(out->size());
  auto relocate = [](std::vector<Inst>* v, int by) {
    for (Inst& in : *v) {
      if (in.op == Inst::kSplit) {
        in.x += by;
        in.y += by;
      } else if (in.op == Inst::kJump) {
        in.x += by;
      }
    }
  };
  int first_at = base + 1;
  int rest_at = first_at + static_cast<int>(first.size()) + 1;
  int end_at = rest_at + static_cast<int>(rest.size());
  relocate(&first, first_at);
  relocate(&rest, rest_at);
  Inst split{Inst::kSplit};
  split.x = first_at;
  split.y = rest_at;
  out->push_back(split);
  out->insert(out->end(), first.begin(), first.end());
  Inst jump{Inst::kJump};
  jump.x = end_at;
  out->push_back(jump);
  out->insert(out->end(), rest.begin(), rest.end());
  return true;
}

// Instructions of a branch use addresses relative to the branch's start; ParseAlt and the
// caller relocate them.
bool CMakeRegex::ParseBranch(size_t* i, std::vector<Inst>* out, std::string* err) {
  const std::string& p = pattern_;
  auto relocate = [](std::vector<Inst>* v, int by) {
    for (Inst& in : *v) {
      if (in.op == Inst::kSplit) {
        in.x += by;
        in.y += by;
      } else if (in.op == Inst::kJump) {
        in.x += by;
      }
    }
  };
  while (*i < p.size() && p[*i] != '|' && p[*i] != ')') {
    size_t at = *i;
    char c = p[at];
    std::vector<Inst> atom;
    if (c == '*' || c == '+' || c == '?') {
      *err = "'" + p + "': '" + c + "' at character " + std::to_string(at + 1) +
             " follows nothing it can repeat";
      return false;
    }
    if (c == '(') {
      ++*i;
      if (!ParseAlt(i, &atom, err)) return false;
      if (*i >= p.size() || p[*i] != ')') {
        *err = "'" + p + "': unmatched ( at character " + std::to_string(at + 1);
        return false;
      }
      ++*i;
    } else if (c == '[') {
      size_t j = at + 1;
      bool negate = j < p.size() && p[j] == '^';
      if (negate) ++j;
      std::vector<bool> set(256, false);
      bool first = true;
      for (; j < p.size() && (first || p[j] != ']'); ++j, first = false) {
        unsigned char lo = static_cast<unsigned char>(p[j]);
        if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
          unsigned char hi = static_cast<unsigned char>(p[j + 2]);
          if (hi < lo) {
            *err = "'" + p + "': invalid range at character " + std::to_string(j + 1);
            return false;
          }
          for (int k = lo; k <= hi; ++k) set[static_cast<size_t>(k)] = true;
          j += 2;
        } else {
          set[lo] = true;
        }
      }
      if (j >= p.size()) {
        *err = "'" + p + "': unmatched [ at character " + std::to_string(at + 1);
        return false;
      }
      if (negate)
        for (size_t k = 0; k < 256; ++k) set[k] = !set[k];
      Inst in{Inst::kClass};
      in.cls = static_cast<int>(classes_.size());
      classes_.push_back(std::move(set));
      atom.push_back(in);
      *i = j + 1;
    } else if (c == '.') {
      atom.push_back({Inst::kAny});
      ++*i;
    } else if (c == '^') {
      atom.push_back({Inst::kBol});
      ++*i;
    } else if (c == '$') {
      atom.push_back({Inst::kEol});
      ++*i;
    } else {
      if (c == '\\') {
        if (at + 1 >= p.size()) {
          *err = "'" + p + "': trailing backslash";
          return false;
        }
        c = p[at + 1];
        *i = at + 2;
      } else {
        ++*i;
      }
      Inst in{Inst::kChar};
      in.c = static_cast<unsigned char>(c);
      atom.push_back(in);
    }
    char op = *i < p.size() ? p[*i] : '\0';
    int base = static_cast<int>(out->size());
    if (op == '*' || op == '+' || op == '?') {
      ++*i;
      if (*i < p.size() && (p[*i] == '*' || p[*i] == '+' || p[*i] == '?')) {
        *err = "'" + p + "': nested *?+ at character " + std::to_string(*i + 1);
        return false;
      }
    }
    int n = static_cast<int>(atom.size());
    if (op == '*') {
      // L0: split L1, L2; L1: atom; jump L0; L2:
      relocate(&atom, base + 1);
      Inst split{Inst::kSplit};
      split.x = base + 1;
      split.y = base + 1 + n + 1;
      out->push_back(split);
      out->insert(out->end(), atom.begin(), atom.end());
      Inst jump{Inst::kJump};
      jump.x = base;
      out->push_back(jump);
    } else if (op == '+') {
      // L1: atom; split L1, L2; L2:
      relocate(&atom, base);
      out->insert(out->end(), atom.begin(), atom.end());
      Inst split{Inst::kSplit};
      split.x = base;
      split.y = base + n + 1;
      out->push_back(split);
    } else if (op == '?') {
      // split L1, L2; L1: atom; L2:
      relocate(&atom, base + 1);
      Inst split{Inst::kSplit};
      split.x = base + 1;
      split.y = base + 1 + n;
      out->push_back(split);
      out->insert(out->end(), atom.begin(), atom.end());
    } else {
      relocate(&atom, base);
      out->insert(out->end(), atom.begin(), atom.end());
    }
  }
  return true;
}

CMakeRegex::Search::Search(const CMakeRegex& re) : re_(re), mark_(re.prog_.size(), 0) {
  Add(&current_, 0, true, false);
}

// Adds the thread at `pc` and everything it reaches without reading a character.
void CMakeRegex::Search::Add(std::vector<int>* list, int pc, bool at_start, bool at_end) {
  std::vector<int>& stack = stack_;
  stack.assign(1, pc);
  while (!stack.empty()) {
    int p = stack.back();
    stack.pop_back();
    if (p < 0 || static_cast<size_t>(p) >= re_.prog_.size() || mark_[p] == step_) continue;
    mark_[p] = step_;
    const Inst& in = re_.prog_[p];
    switch (in.op) {
      case Inst::kSplit:
        stack.push_back(in.y);
        stack.push_back(in.x);
        break;
      case Inst::kJump:
        stack.push_back(in.x);
        break;
      case Inst::kBol:
        if (at_start) stack.push_back(p + 1);
        break;
      case Inst::kEol:
        if (at_end) {
          stack.push_back(p + 1);
        } else {
          list->push_back(p);  // waits for the end of the text
        }
        break;
      case Inst::kMatch:
        matched_ = true;
        list->push_back(p);
        break;
      default:
        list->push_back(p);
    }
  }
}

bool CMakeRegex::Search::Feed(std::string_view piece) {
  std::vector<int>& next = next_;
  for (char ch : piece) {
    if (matched_) return true;
    unsigned char c = static_cast<unsigned char>(ch);
    ++step_;
    next.clear();
    for (int pc : current_) {
      const Inst& in = re_.prog_[pc];
      bool step = (in.op == Inst::kChar && in.c == c) || in.op == Inst::kAny ||
                  (in.op == Inst::kClass && re_.classes_[static_cast<size_t>(in.cls)][c]);
      if (step) Add(&next, pc + 1, false, false);
    }
    // A match may also start after this character.
    Add(&next, 0, false, false);
    current_.swap(next);
    at_start_ = false;
  }
  return matched_;
}

bool CMakeRegex::Search::End() {
  if (matched_) return true;
  ++step_;
  std::vector<int> waiting = current_, next;
  for (int pc : waiting)
    if (re_.prog_[pc].op == Inst::kEol) Add(&next, pc + 1, at_start_, true);
  return matched_;
}

bool CMakeRegex::SearchIn(std::string_view text) const {
  Search s(*this);
  s.Feed(text);
  return s.End();
}

}  // namespace tia::run
