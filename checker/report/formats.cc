#include "report/report.h"

namespace og {

const std::vector<OutputFormat>& output_formats() {
  static const std::vector<OutputFormat> formats = {
      {"text", write_text, "human-readable, with source snippets (default)"},
      {"json", write_json, "oomguard/findings/v1: findings and effective configuration"},
      {"sarif", write_sarif, "SARIF 2.1.0 for GitHub code scanning and SARIF viewers"},
      {"github", write_github, "GitHub Actions workflow commands (annotations)"},
      {"junit", write_junit, "JUnit XML (one testcase per rule x workload)"},
      {"gitlab", write_gitlab, "GitLab Code Quality JSON"},
      {"markdown", write_markdown, "summary table for $GITHUB_STEP_SUMMARY and PR comments"},
  };
  return formats;
}

const OutputFormat* find_output_format(const std::string& name) {
  for (const auto& f : output_formats())
    if (name == f.name) return &f;
  return nullptr;
}

}  // namespace og
