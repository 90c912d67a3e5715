// An input file's bytes with a line index, for exact positions and snippets.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace og {

class SourceText {
 public:
  SourceText() = default;
  explicit SourceText(std::string content);
  const std::string& content() const { return content_; }
  bool has_bom() const { return bom_; }
  int line_count() const { return static_cast<int>(starts_.size()); }
  // 1-based line without its line terminator ("\n" or "\r\n").
  std::string_view line(int n) const;

 private:
  std::string content_;
  std::vector<size_t> starts_;
  bool bom_ = false;
};

}  // namespace og
