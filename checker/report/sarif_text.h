// Text measures SARIF consumers compute their own way: GitHub's
// primaryLocationLineHash, and columns in UTF-16 code units.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace og {

// The primaryLocationLineHash of every line of a file, exactly as GitHub's
// codeql-action computes it when it uploads SARIF (src/fingerprints.ts): a
// rolling hash over the next 100 characters that are not spaces or tabs, from
// the start of each line, with CR, LF and CRLF all read as LF, rendered as
// "hex:occurrence" (the how-many-th line of this file with that hash).
// Element i is line i + 1; a file ending in a newline has one more (empty) line.
// The action reads the file as UTF-8 and hashes UTF-16 code units, so the
// bytes are decoded the same way (invalid sequences become U+FFFD).
std::vector<std::string> line_hashes(std::string_view content);

// A 1-based byte column of `line` as a 1-based column in UTF-16 code units
// (SARIF run.columnKind "utf16CodeUnits", which is what GitHub counts).
// Columns past the end of the line count one unit per byte.
int utf16_column(std::string_view line, int byte_col);

}  // namespace og
