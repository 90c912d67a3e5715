// Inline suppression comments. A comment is `#` at the start of a line or
// after whitespace (the YAML, shell and dotenv rule), followed by
// `oomguard:`. The directive then reads `ignore[IDS] reason` (the line it is
// on when code precedes it, else the next line that is neither blank nor a
// comment) or `ignore-file[IDS] reason` (the whole file).
#include <cctype>

#include "rules/catalog.h"
#include "suppress/suppressions.h"
#include "util/source_text.h"

namespace og {

namespace {

constexpr std::string_view kMarker = "oomguard:";

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

bool blank_or_comment(std::string_view line) {
  std::string t = trim(line);
  return t.empty() || t[0] == '#';
}

// The '#' that opens the comment holding the marker at `pos`, or npos.
size_t comment_start(std::string_view line, size_t pos) {
  size_t h = pos;
  while (h > 0 && (line[h - 1] == ' ' || line[h - 1] == '\t')) --h;
  if (h == 0 || line[h - 1] != '#') return std::string_view::npos;
  --h;
  if (h > 0 && line[h - 1] != ' ' && line[h - 1] != '\t') return std::string_view::npos;
  return h;
}

}  // namespace

void resolve_rule_names(const std::string& list, std::vector<std::string>* ids, std::vector<std::string>* unknown) {
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t e = list.find(',', pos);
    if (e == std::string::npos) e = list.size();
    std::string name = trim(std::string_view(list).substr(pos, e - pos));
    pos = e + 1;
    if (name.empty()) continue;
    const RuleMeta* hit = nullptr;
    for (const auto& m : rule_catalog())
      if (m.id == name || m.name == name) hit = &m;
    if (hit) ids->push_back(hit->id);
    else unknown->push_back(name);
  }
}

std::vector<SuppressionEntry> parse_inline_suppressions(const std::string& file, const SourceText& text) {
  std::vector<SuppressionEntry> out;
  std::string_view all = text.content();
  int scan_stop = 0;  // where the last search for a comment's target line stopped
  for (size_t at = all.find(kMarker); at != std::string_view::npos; at = all.find(kMarker, at + kMarker.size())) {
    int line_no = text.line_of(at);
    std::string_view line = text.line(line_no);
    size_t line_start = static_cast<size_t>(line.data() - all.data());
    size_t hash = comment_start(line, at - line_start);
    if (hash == std::string_view::npos) continue;  // "oomguard:" outside a comment (e.g. a label key)
    SuppressionEntry e;
    e.file = file;
    size_t end_of_line = line.size();
    while (end_of_line > hash && (line[end_of_line - 1] == '\r' || line[end_of_line - 1] == ' ')) --end_of_line;
    e.loc = Location::at(file, line_no, static_cast<int>(hash) + 1, static_cast<int>(end_of_line) + 1);
    e.text = std::string(line.substr(hash, end_of_line - hash));
    std::string_view rest = line.substr(at - line_start + kMarker.size());
    std::string directive = trim(rest);
    bool whole_file = directive.rfind("ignore-file[", 0) == 0;
    bool one_line = directive.rfind("ignore[", 0) == 0;
    size_t close = directive.find(']');
    if (!(whole_file || one_line) || close == std::string::npos) {
      e.malformed = "expected `oomguard: ignore[RULES] reason` or `oomguard: ignore-file[RULES] reason`";
      out.push_back(std::move(e));
      continue;
    }
    size_t open = directive.find('[');
    resolve_rule_names(directive.substr(open + 1, close - open - 1), &e.rules, &e.unknown);
    if (e.rules.empty() && e.unknown.empty()) e.malformed = "no rule IDs between the brackets";
    e.reason = trim(std::string_view(directive).substr(close + 1));
    if (whole_file) {
      e.source = SuppressionEntry::Source::File;
    } else {
      e.source = SuppressionEntry::Source::Line;
      if (trim(line.substr(0, hash)).empty()) {  // a comment line: it applies to the next code line
        int n = line_no + 1;
        // Comments come in line order: lines up to the last scan's stop were
        // all blank or comments, so that stop is this comment's target too
        // (a run of N comment lines costs N, not N^2; found by fuzz/bounds.py).
        if (n <= scan_stop) n = scan_stop;
        while (n <= text.line_count() && blank_or_comment(text.line(n))) ++n;
        scan_stop = n;
        e.target_line = n <= text.line_count() ? n : 0;
      } else {
        e.target_line = line_no;
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace og
