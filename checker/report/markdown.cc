// Markdown summary for $GITHUB_STEP_SUMMARY, merge-request and PR comments:
// a heading naming the mode, a one-line verdict, a table of the unsuppressed
// findings (errors first, at most kMaxRows), and what was fixed.
// Suppressed and baselined findings are counted in the verdict, not listed.
//
// Cells hold text from input files, so everything is escaped for GitHub
// Flavored Markdown: punctuation that would start emphasis, links, HTML or
// end a cell is backslash-escaped ('|' even inside code spans, as GFM tables
// require), and newlines become <br>.
#include <algorithm>

#include "report/common.h"
#include "report/report.h"

namespace og {

namespace {

// A summary, not the full report: GitHub comments hold at most 65,536 characters.
constexpr size_t kMaxRows = 200;

std::string plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// Plain text in a table cell or list item.
std::string md_text(std::string_view s) {
  std::string out;
  for (char c : valid_utf8(s)) {
    if (c == '\n') out += "<br>";
    else if (c == '\r') continue;
    else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') out += "\xEF\xBF\xBD";
    else if (std::string_view("\\`*_[]<>|~&").find(c) != std::string_view::npos) out += std::string("\\") + c;
    else out += c;
  }
  return out;
}

// `s` as a code span: the fence is longer than any run of backticks inside.
std::string md_code(std::string_view s) {
  std::string body;
  size_t run = 0, longest = 0;
  for (char c : valid_utf8(s)) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
    if (c == '|') body += "\\|";
    else body += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;  // a code span cannot break a line
  }
  std::string fence(longest + 1, '`');
  bool pad = !body.empty() && (body.front() == '`' || body.back() == '`');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string md_location(const ScanOutput& out, const ScanUnit& u, const Location& l) {
  std::string s = out.display_path(u, l.file);
  if (l.line > 0) s += ":" + std::to_string(l.line);
  return md_code(s);
}

struct Row {
  const ScanUnit* unit;
  const Finding* finding;
};

std::string heading(const std::string& mode) {
  if (mode == "staged") return "## oomguard: staged changes";
  if (mode == "diff-base") return "## oomguard: changes since the base revision";
  return "## oomguard";
}

std::string verdict(const ScanOutput& out) {
  Counts c = count_levels(out);
  int total = c.error + c.warning + c.note, workloads = 0, files = 0, baselined = 0, fixed = 0;
  for (const auto& u : out.units) {
    workloads += static_cast<int>(u.project.workloads.size());
    files += u.files_read;
    baselined += u.baselined;
    fixed += static_cast<int>(u.fixed.size());
  }
  std::string s = total ? "**Found " + plural(total, "finding") + "** (" + plural(c.error, "error") + ", " +
                              plural(c.warning, "warning") + ", " + plural(c.note, "note") + ")"
                        : std::string("**No findings**");
  s += " in " + plural(workloads, "workload") + " from " + plural(files, "file");
  std::vector<std::string> more;
  if (c.suppressed) more.push_back(std::to_string(c.suppressed) + " suppressed");
  if (baselined)
    more.push_back(std::to_string(baselined) + " already in " +
                   (out.mode == "diff-base" ? "the base revision" : "the baseline"));
  if (fixed) more.push_back(std::to_string(fixed) + " fixed");
  for (size_t i = 0; i < more.size(); ++i) s += (i ? ", " : "; ") + more[i];
  return s + ".";
}

void write_table(std::ostream& os, const ScanOutput& out, std::vector<Row> rows) {
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.finding->level > b.finding->level; });
  os << "\n| Level | Rule | Location | Workload | Message |\n| --- | --- | --- | --- | --- |\n";
  for (size_t i = 0; i < rows.size() && i < kMaxRows; ++i) {
    const Finding& f = *rows[i].finding;
    std::string message = md_text(f.message);
    if (!f.help.empty()) message += "<br>help: " + md_text(f.help);
    os << "| " << level_name(f.level) << " | " << md_text(f.rule_id + " " + f.rule_name) << " | "
       << md_location(out, *rows[i].unit, f.loc) << " | "
       << (f.workload_label.empty() ? std::string("\xE2\x80\x94") : md_text(f.workload_label)) << " | " << message
       << " |\n";
  }
  if (rows.size() > kMaxRows) os << "\n... and " << rows.size() - kMaxRows << " more\n";
}

void write_fixed(std::ostream& os, const ScanOutput& out, const std::vector<Row>& fixed) {
  os << "\n### Fixed\n\n";
  for (size_t i = 0; i < fixed.size() && i < kMaxRows; ++i) {
    const Finding& f = *fixed[i].finding;
    os << "- " << md_text(f.rule_id + " " + f.rule_name) << ": " << md_text(f.message) << " ("
       << md_location(out, *fixed[i].unit, f.loc) << ")\n";
  }
  if (fixed.size() > kMaxRows) os << "\n... and " << fixed.size() - kMaxRows << " more\n";
}

}  // namespace

void write_markdown(std::ostream& os, const ScanOutput& out, const WriteOptions&) {
  std::vector<Row> rows, fixed;
  for (const auto& u : out.units) {
    for (const auto& f : u.findings)
      if (!f.suppression) rows.push_back({&u, &f});
    for (const auto& f : u.fixed) fixed.push_back({&u, &f});
  }
  os << heading(out.mode) << "\n\n" << verdict(out) << "\n";
  if (!rows.empty()) write_table(os, out, std::move(rows));
  if (!fixed.empty()) write_fixed(os, out, fixed);
}

}  // namespace og
