#include "runtime/tail_buffer.h"

#include <algorithm>

namespace og::runtime {

void TailBuffer::push_line(std::string line) {
  lines_.push_back(std::move(line));
  if (lines_.size() > max_lines_) lines_.pop_front();
}

void TailBuffer::append(std::string_view data) {
  while (!data.empty()) {
    size_t nl = data.find('\n');
    std::string_view piece = data.substr(0, nl);
    // Keep at most max_line_bytes of a line; the rest of it is dropped.
    size_t room = max_line_bytes_ - std::min(partial_.size(), max_line_bytes_);
    if (piece.size() > room) partial_truncated_ = true;
    partial_.append(piece.substr(0, room));
    if (nl == std::string_view::npos) return;
    push_line(partial_truncated_ ? partial_ + "..." : partial_);
    partial_.clear();
    partial_truncated_ = false;
    data.remove_prefix(nl + 1);
  }
}

std::vector<std::string> TailBuffer::lines() const {
  std::vector<std::string> out(lines_.begin(), lines_.end());
  if (!partial_.empty()) out.push_back(partial_truncated_ ? partial_ + "..." : partial_);
  if (out.size() > max_lines_) out.erase(out.begin());
  return out;
}

}  // namespace og::runtime
