#include "report/common.h"

namespace og {

namespace {

const char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence at s[i], or 0 when ill-formed;
// *prefix gets the length of its maximal well-formed prefix (>= 1).
size_t sequence_length(std::string_view s, size_t i, size_t* prefix) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  *prefix = 1;
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte (Unicode Table 3-7)
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;       // no overlongs
    else if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    else if (c == 0xF4) hi = 0x8F;  // nothing beyond U+10FFFF
  } else {
    return 0;
  }
  for (size_t k = 1; k < len; ++k) {
    if (i + k >= s.size()) return 0;
    unsigned char x = b(i + k);
    if (k == 1 ? (x < lo || x > hi) : (x < 0x80 || x > 0xBF)) return 0;
    *prefix = k + 1;
  }
  return len;
}

}  // namespace

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t prefix;
    size_t len = sequence_length(s, i, &prefix);
    if (len) {
      out.append(s, i, len);
      i += len;
    } else {
      out += kReplacement;
      i += prefix;
    }
  }
  return out;
}

std::string xml_escape(std::string_view s, bool attribute) {
  std::string v = valid_utf8(s), out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += attribute ? "&quot;" : "\""; continue;
      case '\'': out += attribute ? "&apos;" : "'"; continue;
      case '\r': out += "&#13;"; continue;  // a raw CR would be read back as a newline
      case '\t': out += attribute ? "&#9;" : "\t"; continue;
      case '\n': out += attribute ? "&#10;" : "\n"; continue;
      default: break;
    }
    if (static_cast<unsigned char>(c) < 0x20) {
      out += kReplacement;
    } else if (v.compare(i, 2, "\xEF\xBF") == 0 && i + 2 < v.size() &&
               (v[i + 2] == '\xBE' || v[i + 2] == '\xBF')) {  // U+FFFE, U+FFFF
      out += kReplacement;
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string with_help(const Finding& f) {
  return f.help.empty() ? f.message : f.message + " \xE2\x80\x94 help: " + f.help;
}

std::string location_text(const ScanOutput& out, const ScanUnit& u, const Location& l) {
  std::string s = out.display_path(u, l.file);
  if (l.line > 0) s += ":" + std::to_string(l.line) + ":" + std::to_string(l.col);
  return s;
}

}  // namespace og
