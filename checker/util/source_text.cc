#include "util/source_text.h"

#include <algorithm>

namespace og {

SourceText::SourceText(std::string content) : content_(std::move(content)) {
  bom_ = content_.size() >= 3 && content_.compare(0, 3, "\xEF\xBB\xBF") == 0;
  starts_.push_back(0);
  for (size_t i = 0; i < content_.size(); ++i)
    if (content_[i] == '\n' && i + 1 < content_.size()) starts_.push_back(static_cast<uint32_t>(i + 1));
}

std::string_view SourceText::line(int n) const {
  if (n < 1 || n > line_count()) return {};
  size_t b = starts_[n - 1];
  size_t e = content_.find('\n', b);
  if (e == std::string::npos) e = content_.size();
  if (e > b && content_[e - 1] == '\r') --e;
  return std::string_view(content_).substr(b, e - b);
}

int SourceText::line_of(size_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), static_cast<uint32_t>(offset));
  return static_cast<int>(it - starts_.begin());
}

}  // namespace og
