// The last lines of a stream, in bounded memory: a workload may write
// gigabytes to stderr, and a failure report needs only its end.
#pragma once
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace og::runtime {

class TailBuffer {
 public:
  explicit TailBuffer(size_t max_lines = 20, size_t max_line_bytes = 512)
      : max_lines_(max_lines), max_line_bytes_(max_line_bytes) {}
  void append(std::string_view data);
  // The kept lines, oldest first, with an unterminated last line included.
  // Lines longer than max_line_bytes end in "...".
  std::vector<std::string> lines() const;

 private:
  void push_line(std::string line);
  size_t max_lines_, max_line_bytes_;
  std::deque<std::string> lines_;
  std::string partial_;
  bool partial_truncated_ = false;
};

}  // namespace og::runtime
