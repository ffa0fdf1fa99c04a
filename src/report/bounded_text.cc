// Head-and-tail bounded text (see tia/report/bounded_text.h).
#include "tia/report/bounded_text.h"

#include <algorithm>

namespace tia::report {

void BoundedText::Append(std::string_view s) {
  total_ += s.size();
  newlines_ += static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
  if (head_.size() < head_max_) {
    size_t n = std::min(s.size(), head_max_ - head_.size());
    head_.append(s.substr(0, n));
    s.remove_prefix(n);
  }
  if (s.empty() || tail_max_ == 0) return;
  if (s.size() >= tail_max_) {
    tail_.assign(s.substr(s.size() - tail_max_));
    return;
  }
  tail_.append(s);
  // Trim lazily: at most twice the tail is held.
  if (tail_.size() > 2 * tail_max_) tail_.erase(0, tail_.size() - tail_max_);
}

std::string BoundedText::Text(const std::string& log) const {
  if (total_ <= head_.size() + tail_.size()) return head_ + tail_;
  std::string tail = tail_.size() > tail_max_ ? tail_.substr(tail_.size() - tail_max_) : tail_;
  // Cut at line ends where the kept parts have them, so no line is shown in pieces.
  std::string head = head_;
  if (size_t nl = head.rfind('\n'); nl != std::string::npos && nl >= head.size() / 2)
    head.resize(nl + 1);
  if (size_t nl = tail.find('\n'); nl != std::string::npos && nl < tail.size() / 2)
    tail.erase(0, nl + 1);
  size_t cut_bytes = total_ - head.size() - tail.size();
  size_t kept_lines = static_cast<size_t>(std::count(head.begin(), head.end(), '\n') +
                                          std::count(tail.begin(), tail.end(), '\n'));
  size_t cut_lines = newlines_ > kept_lines ? newlines_ - kept_lines : 0;
  std::string note = "[tia: " + WithThousands(cut_bytes) + " bytes (" + WithThousands(cut_lines) +
                     " lines) of output cut here";
  if (!log.empty()) note += "; full output in " + log;
  note += "]\n";
  if (!head.empty() && head.back() != '\n') head += '\n';
  return head + note + tail;
}

std::string BoundText(std::string_view text, const std::string& log, size_t head, size_t tail) {
  if (text.size() <= head + tail) return std::string(text);
  BoundedText b(head, tail);
  b.Append(text);
  return b.Text(log);
}

std::string WithThousands(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace tia::report
