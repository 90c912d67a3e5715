// An input file's bytes with a line index, for exact positions and snippets.
#pragma once
#include <cstdint>
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
  // 1-based line holding byte `offset`.
  int line_of(size_t offset) const;

 private:
  std::string content_;
  std::vector<uint32_t> starts_;  // files are read only up to max_file_bytes (< 4 GiB)
  bool bom_ = false;
};

}  // namespace og
