#include "report/report.h"

namespace og {

const std::vector<OutputFormat>& output_formats() {
  static const std::vector<OutputFormat> formats = {
      {"text", write_text, "human-readable, with source snippets (default)"},
      {"json", write_json, "oomguard/findings/v1: findings and effective configuration"},
  };
  return formats;
}

const OutputFormat* find_output_format(const std::string& name) {
  for (const auto& f : output_formats())
    if (name == f.name) return &f;
  return nullptr;
}

}  // namespace og
