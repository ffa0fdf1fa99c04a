// Test output kept within a fixed size: the first and the last part of what a test
// printed, with a note saying how much was cut in between and where the whole output is.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tia::report {

// Bytes of a test's output kept from its start and from its end (in memory and in every
// report); the rest is only in the test's log file.
inline constexpr size_t kOutputHead = 32 * 1024;
inline constexpr size_t kOutputTail = 32 * 1024;

class BoundedText {
 public:
  explicit BoundedText(size_t head = kOutputHead, size_t tail = kOutputTail)
      : head_max_(head), tail_max_(tail) {}

  void Append(std::string_view s);
  // Bytes appended in all.
  size_t total() const { return total_; }
  // True when more was appended than is kept.
  bool cut() const { return total_ > head_.size() + tail_.size(); }
  // The kept text. When something was cut: the head up to its last line end, a line
  // "[tia: N bytes (M lines) of output cut here; full output in LOG]" (the log part only
  // when `log` is not empty), then the tail from its first complete line.
  std::string Text(const std::string& log) const;

 private:
  size_t head_max_, tail_max_;
  std::string head_, tail_;
  size_t total_ = 0;
  size_t newlines_ = 0;  // in everything appended
};

// `text` bounded as above (for output that is already in memory, e.g. a report's failure).
std::string BoundText(std::string_view text, const std::string& log = "", size_t head = kOutputHead,
                      size_t tail = kOutputTail);

// "12,345,678".
std::string WithThousands(size_t n);

}  // namespace tia::report
