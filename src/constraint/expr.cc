// Recursive-descent parser, evaluator and printer for //go:build-style expressions.
#include "tia/constraint/expr.h"

#include <algorithm>
#include <cstdio>

namespace tia::constraint {
namespace {

// Longest accepted expression, in tokens; bounds recursion depth and work per line.
constexpr int kMaxTokens = 1000;

enum class Tok { kTag, kNot, kAnd, kOr, kLParen, kRParen, kEnd };

struct Token {
  Tok kind = Tok::kEnd;
  size_t pos = 0;  // byte offset of the token's first character
  std::string_view text;
};

// How a character is shown in messages: printable ASCII as is, others as \xNN.
std::string ShowChar(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return std::string(1, c);
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02x", u);
  return buf;
}

std::string ShowToken(const Token& t) {
  if (t.kind == Tok::kEnd) return "end of expression";
  return "\"" + std::string(t.text) + "\"";
}

class Parser {
 public:
  Parser(std::string_view text, int first_column) : text_(text), first_column_(first_column) {}

  std::optional<Expr> Run(ParseError* err) {
    if (!Next()) return Fail(err);
    if (tok_.kind == Tok::kEnd) {
      SetError(tok_.pos, "empty expression");
      return Fail(err);
    }
    auto root = ParseOr();
    if (!root) return Fail(err);
    if (tok_.kind != Tok::kEnd) {
      if (tok_.kind == Tok::kRParen)
        SetError(tok_.pos, "unexpected \")\" without matching \"(\"");
      else
        SetError(tok_.pos, "unexpected " + ShowToken(tok_) +
                               ": expected \"&&\", \"||\" or end of expression");
      return Fail(err);
    }
    return Expr(std::move(root));
  }

 private:
  using NodePtr = std::shared_ptr<const Node>;

  std::nullopt_t Fail(ParseError* err) {
    if (err) *err = error_;
    return std::nullopt;
  }

  void SetError(size_t pos, std::string message) {
    error_.column = Column(pos);
    error_.message = std::move(message);
  }

  int Column(size_t pos) const { return static_cast<int>(pos) + first_column_; }

  // Reads the next token into tok_. False on a lexical error.
  bool Next() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\r' || text_[pos_] == '\n'))
      ++pos_;
    tok_.pos = pos_;
    if (pos_ >= text_.size()) {
      tok_.kind = Tok::kEnd;
      tok_.text = {};
      return true;
    }
    if (++tokens_ > kMaxTokens) {
      SetError(pos_, "expression too long (more than " + std::to_string(kMaxTokens) + " tokens)");
      return false;
    }
    char c = text_[pos_];
    size_t len = 1;
    switch (c) {
      case '!':
        tok_.kind = Tok::kNot;
        break;
      case '(':
        tok_.kind = Tok::kLParen;
        break;
      case ')':
        tok_.kind = Tok::kRParen;
        break;
      case '&':
      case '|':
        if (pos_ + 1 >= text_.size() || text_[pos_ + 1] != c) {
          SetError(pos_, "\"" + std::string(1, c) + "\" must be \"" + std::string(2, c) + "\"");
          return false;
        }
        tok_.kind = c == '&' ? Tok::kAnd : Tok::kOr;
        len = 2;
        break;
      default:
        if (!IsTagChar(c)) {
          SetError(pos_, "invalid character \"" + ShowChar(c) + "\"");
          return false;
        }
        tok_.kind = Tok::kTag;
        while (pos_ + len < text_.size() && IsTagChar(text_[pos_ + len])) ++len;
    }
    tok_.text = text_.substr(pos_, len);
    pos_ += len;
    return true;
  }

  NodePtr ParseOr() {
    NodePtr x = ParseAnd();
    while (x && tok_.kind == Tok::kOr) {
      if (!Next()) return nullptr;
      NodePtr y = ParseAnd();
      if (!y) return nullptr;
      x = Binary(Node::Kind::kOr, std::move(x), std::move(y));
    }
    return x;
  }

  NodePtr ParseAnd() {
    NodePtr x = ParseNot();
    while (x && tok_.kind == Tok::kAnd) {
      if (!Next()) return nullptr;
      NodePtr y = ParseNot();
      if (!y) return nullptr;
      x = Binary(Node::Kind::kAnd, std::move(x), std::move(y));
    }
    return x;
  }

  NodePtr ParseNot() {
    if (tok_.kind != Tok::kNot) return ParseAtom();
    if (!Next()) return nullptr;
    if (tok_.kind == Tok::kNot) {
      SetError(tok_.pos, "\"!!\" is not allowed (double negation)");
      return nullptr;
    }
    NodePtr x = ParseAtom();
    if (!x) return nullptr;
    auto n = std::make_shared<Node>();
    n->kind = Node::Kind::kNot;
    n->x = std::move(x);
    return n;
  }

  NodePtr ParseAtom() {
    if (tok_.kind == Tok::kTag) {
      auto n = std::make_shared<Node>();
      n->kind = Node::Kind::kTag;
      n->tag = std::string(tok_.text);
      if (!Next()) return nullptr;
      return n;
    }
    if (tok_.kind == Tok::kLParen) {
      size_t open = tok_.pos;
      if (!Next()) return nullptr;
      NodePtr x = ParseOr();
      if (!x) return nullptr;
      if (tok_.kind != Tok::kRParen) {
        SetError(tok_.pos, "missing \")\" to close \"(\" at column " +
                               std::to_string(Column(open)) + " (found " + ShowToken(tok_) + ")");
        return nullptr;
      }
      if (!Next()) return nullptr;
      return x;
    }
    if (tok_.kind == Tok::kEnd)
      SetError(tok_.pos, "unexpected end of expression: expected a tag, \"!\" or \"(\"");
    else
      SetError(tok_.pos, "unexpected " + ShowToken(tok_) + ": expected a tag, \"!\" or \"(\"");
    return nullptr;
  }

  static NodePtr Binary(Node::Kind kind, NodePtr x, NodePtr y) {
    auto n = std::make_shared<Node>();
    n->kind = kind;
    n->x = std::move(x);
    n->y = std::move(y);
    return n;
  }

  std::string_view text_;
  int first_column_ = 1;
  size_t pos_ = 0;
  int tokens_ = 0;
  Token tok_;
  ParseError error_;
};

bool EvalNode(const Node& n, const std::function<bool(std::string_view)>& has_tag) {
  switch (n.kind) {
    case Node::Kind::kTag:
      return has_tag(n.tag);
    case Node::Kind::kNot:
      return !EvalNode(*n.x, has_tag);
    case Node::Kind::kAnd:
      return EvalNode(*n.x, has_tag) && EvalNode(*n.y, has_tag);
    case Node::Kind::kOr:
      return EvalNode(*n.x, has_tag) || EvalNode(*n.y, has_tag);
  }
  return false;
}

void Print(const Node& n, std::string* out);

// Prints `n` as an operand of `parent`: wrapped in parentheses when it is the other binary
// operator (as Go does, for readability) or when it is not a tag under `!`.
void PrintOperand(const Node& n, Node::Kind parent, std::string* out) {
  bool paren = false;
  if (parent == Node::Kind::kNot)
    paren = n.kind != Node::Kind::kTag;
  else
    paren = (n.kind == Node::Kind::kAnd || n.kind == Node::Kind::kOr) && n.kind != parent;
  if (paren) out->push_back('(');
  Print(n, out);
  if (paren) out->push_back(')');
}

void Print(const Node& n, std::string* out) {
  switch (n.kind) {
    case Node::Kind::kTag:
      out->append(n.tag);
      return;
    case Node::Kind::kNot:
      out->push_back('!');
      PrintOperand(*n.x, n.kind, out);
      return;
    case Node::Kind::kAnd:
    case Node::Kind::kOr:
      PrintOperand(*n.x, n.kind, out);
      out->append(n.kind == Node::Kind::kAnd ? " && " : " || ");
      // Right operands of the same operator need parentheses to keep the tree's shape;
      // the value would not change, but canonical text should re-parse to the same tree.
      if (n.y->kind == n.kind) {
        out->push_back('(');
        Print(*n.y, out);
        out->push_back(')');
      } else {
        PrintOperand(*n.y, n.kind, out);
      }
      return;
  }
}

void CollectTags(const Node& n, std::vector<std::string>* out) {
  if (n.kind == Node::Kind::kTag) {
    out->push_back(n.tag);
    return;
  }
  if (n.x) CollectTags(*n.x, out);
  if (n.y) CollectTags(*n.y, out);
}

}  // namespace

bool IsTagChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}

bool IsValidTag(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsTagChar);
}

std::optional<Expr> Parse(std::string_view text, ParseError* err, int first_column) {
  return Parser(text, first_column).Run(err);
}

bool Eval(const Expr& e, const std::function<bool(std::string_view)>& has_tag) {
  return e.valid() && EvalNode(e.root(), has_tag);
}

bool Eval(const Expr& e, const std::set<std::string, std::less<>>& tags) {
  return Eval(e, [&](std::string_view t) { return tags.find(t) != tags.end(); });
}

std::string ToString(const Expr& e) {
  std::string out;
  if (e.valid()) Print(e.root(), &out);
  return out;
}

std::vector<std::string> Tags(const Expr& e) {
  std::vector<std::string> out;
  if (e.valid()) CollectTags(e.root(), &out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace tia::constraint
