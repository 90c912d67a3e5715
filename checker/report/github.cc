// GitHub Actions workflow commands: one annotation per unsuppressed finding,
//   ::error file=PATH,line=L,col=C,endLine=L,endColumn=E,title=OG103 name::MESSAGE
// Suppressed findings are not problems and are not printed.
//
// Escaping is exactly that of actions/toolkit (packages/core/src/command.ts):
// the message (escapeData) has % CR LF percent-encoded, property values
// (escapeProperty) also ':' and ','. With every newline encoded, text from an
// input file can never start a line and so can never issue a command itself.
// Before escaping, invalid UTF-8 and other control bytes become U+FFFD.
//
// Paths are display paths (relative to the cwd when beneath it): in Actions
// the scan runs in the workspace, which is what annotation paths are relative to.
// The runner rejects col/endColumn when line and endLine differ, and
// endColumn below col, so columns are only given for single-line spans.
// GitHub shows at most 10 annotations of each level per step; the rest are
// in the log, so the findings keep the scan's order.
#include "report/common.h"
#include "report/report.h"

namespace og {

namespace {

std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

// Valid UTF-8 (the runner reads the log as UTF-8) without control bytes
// other than the line breaks escape_data encodes: the log viewer interprets
// ANSI escapes, and input files must not drive it.
std::string clean(std::string_view s) {
  std::string out;
  for (char c : valid_utf8(s)) {
    bool control = (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f;
    out += control ? std::string("\xEF\xBF\xBD") : std::string(1, c);
  }
  return out;
}

const char* command(Level l) {
  return l == Level::Error ? "error" : l == Level::Warning ? "warning" : "notice";
}

// "file=...,line=...": whole-file findings are pinned to line 1, where the
// annotation is still shown beside the file.
std::string properties(const std::string& path, const Location& l) {
  std::string p = "file=" + escape_property(path) + ",line=" + std::to_string(l.line > 0 ? l.line : 1);
  if (l.line <= 0) return p;
  if (l.end_line > l.line) return p + ",endLine=" + std::to_string(l.end_line);  // no columns allowed
  if (l.col <= 0) return p;
  p += ",col=" + std::to_string(l.col);
  // end_col is exclusive, as GitHub reads endColumn
  if (l.end_line == l.line && l.end_col > l.col)
    p += ",endLine=" + std::to_string(l.line) + ",endColumn=" + std::to_string(l.end_col);
  return p;
}

}  // namespace

void write_github(std::ostream& os, const ScanOutput& out, const WriteOptions&) {
  for (const auto& u : out.units)
    for (const auto& f : u.findings) {
      if (f.suppression) continue;
      std::string message = with_help(f);
      for (const auto& r : f.related) message += "\nrelated: " + r.message + " at " + location_text(out, u, r.loc);
      if (!f.workload_label.empty()) message += "\nworkload: " + f.workload_label;
      os << "::" << command(f.level) << " " << properties(clean(out.display_path(u, f.loc.file)), f.loc)
         << ",title=" << escape_property(clean(f.rule_id + " " + f.rule_name)) << "::" << escape_data(clean(message))
         << "\n";
    }
}

}  // namespace og
