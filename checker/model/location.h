// A place in an input file. Lines and columns are 1-based; columns count bytes.
// end_col is exclusive (one past the last byte of the value) on end_line.
#pragma once
#include <string>

namespace og {

struct Location {
  std::string file;  // path relative to the scan root (or the --stdin-name)
  int line = 0;      // 0 = the whole file
  int col = 0;
  int end_line = 0;
  int end_col = 0;

  bool valid() const { return !file.empty(); }
  static Location whole_file(std::string f) { Location l; l.file = std::move(f); return l; }
  static Location at(std::string f, int line, int col, int end_col) {
    Location l; l.file = std::move(f); l.line = line; l.col = col; l.end_line = line; l.end_col = end_col;
    return l;
  }
};

inline bool operator==(const Location& a, const Location& b) {
  return a.file == b.file && a.line == b.line && a.col == b.col && a.end_line == b.end_line && a.end_col == b.end_col;
}
inline bool operator<(const Location& a, const Location& b) {
  if (a.file != b.file) return a.file < b.file;
  if (a.line != b.line) return a.line < b.line;
  return a.col < b.col;
}

// Errors are values with a position; parsers never throw across stages.
struct ParseError {
  Location loc;
  std::string message;
};

}  // namespace og
