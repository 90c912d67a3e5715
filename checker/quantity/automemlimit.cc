// automemlimit's AUTOMEMLIMIT ratio, mirroring
// github.com/KimMachineGun/automemlimit and Go's strconv.ParseFloat.
#include "quantity/quantity.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "quantity/internal.h"

namespace og {
namespace {

using quantity_internal::ascii_lower;
using quantity_internal::is_digit;

// ---------------------------------------------------------------------------
// Go strconv.ParseFloat(s, 64) (internal/strconv/atof.go).
// ---------------------------------------------------------------------------

// Mirrors strconv underscoreOK: '_' only between digits (or after a base prefix).
bool go_underscore_ok(std::string_view s) {
  char saw = '^';
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' &&
      (ascii_lower(s[1]) == 'b' || ascii_lower(s[1]) == 'o' || ascii_lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = ascii_lower(s[1]) == 'x';
  }
  for (; i < s.size(); ++i) {
    const char lc = ascii_lower(s[i]);
    if (is_digit(s[i]) || (hex && lc >= 'a' && lc <= 'f')) {
      saw = '0';
      continue;
    }
    if (s[i] == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

// Mirrors strconv special(): whole-string [+-]?inf(inity)? or nan, any case.
std::optional<double> go_parse_special_float(std::string_view s) {
  auto iequals = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (ascii_lower(a[i]) != b[i]) return false;
    }
    return true;
  };
  if (iequals(s, "nan")) return std::numeric_limits<double>::quiet_NaN();
  double sign = 1;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    sign = s[0] == '-' ? -1 : 1;
    s.remove_prefix(1);
  }
  if (iequals(s, "inf") || iequals(s, "infinity")) return sign * std::numeric_limits<double>::infinity();
  return std::nullopt;
}

// Mirrors strconv readFloat's syntax check for a whole string: decimal or
// 0x-hex mantissa (hex needs a 'p' exponent), '_' separators, one '.'.
bool go_float_syntax_ok(std::string_view s, bool* hex_out) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  bool hex = false;
  char exp_char = 'e';
  if (i + 2 < s.size() && s[i] == '0' && ascii_lower(s[i + 1]) == 'x') {
    hex = true;
    exp_char = 'p';
    i += 2;
  }
  bool underscores = false, saw_dot = false, saw_digits = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    const char lc = ascii_lower(c);
    if (c == '_') {
      underscores = true;
    } else if (c == '.') {
      if (saw_dot) break;
      saw_dot = true;
    } else if (is_digit(c) || (hex && lc >= 'a' && lc <= 'f')) {
      saw_digits = true;
    } else {
      break;
    }
  }
  if (!saw_digits) return false;
  if (i < s.size() && ascii_lower(s[i]) == exp_char) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i >= s.size() || !is_digit(s[i])) return false;
    for (; i < s.size() && (is_digit(s[i]) || s[i] == '_'); ++i) {
      if (s[i] == '_') underscores = true;
    }
  } else if (hex) {
    return false;
  }
  if (underscores && !go_underscore_ok(s.substr(0, i))) return false;
  *hex_out = hex;
  return i == s.size();  // ParseFloat: the prefix must be the whole string
}

// strconv.ParseFloat(s, 64); nullopt on ErrSyntax or ErrRange (overflow).
// An underflow is 0 in Go; from_chars reports it as out of range, so it is
// returned as 0 here too.
std::optional<double> go_parse_float64(std::string_view s) {
  if (auto special = go_parse_special_float(s)) return special;
  bool hex = false;
  if (!go_float_syntax_ok(s, &hex)) return std::nullopt;
  std::string clean;
  bool neg = false;
  for (char c : s) {
    if (c == '_' || c == '+') continue;
    if (c == '-' && clean.empty()) {
      neg = true;
      continue;
    }
    clean.push_back(c);
  }
  if (hex) clean.erase(0, 2);  // "0x"
  double v = 0;
  const auto fmt = hex ? std::chars_format::hex : std::chars_format::general;
  const auto res = std::from_chars(clean.data(), clean.data() + clean.size(), v, fmt);
  if (res.ptr != clean.data() + clean.size()) return std::nullopt;
  if (res.ec == std::errc::result_out_of_range) {
    // Tell overflow (Go: ±Inf, ErrRange) from underflow (Go: 0, no error).
    const auto e = clean.find_first_of(hex ? "pP" : "eE");
    const bool negative_exponent = e != std::string::npos && e + 1 < clean.size() && clean[e + 1] == '-';
    if (!negative_exponent) return std::nullopt;
    v = 0;
  } else if (res.ec != std::errc()) {
    return std::nullopt;
  }
  return neg ? -v : v;
}

}  // namespace

// Mirrors github.com/KimMachineGun/automemlimit memlimit.Set: "off" skips,
// else strconv.ParseFloat(v, 64) and ApplyRatio's (0,1] check (NaN rejected).
// Upstream treats a set-but-empty AUTOMEMLIMIT as a parse error; here ""
// means unset (the caller cannot tell them apart), i.e. the 0.9 default.
AutoMemLimit parse_automemlimit(std::string_view text) {
  AutoMemLimit a;
  if (text == "off") {
    a.kind = AutoMemLimit::Kind::Off;
    return a;
  }
  if (text.empty()) {
    a.kind = AutoMemLimit::Kind::Ratio;
    a.ratio = 0.9;
    return a;
  }
  const auto v = go_parse_float64(text);
  if (!v || std::isnan(*v) || *v <= 0 || *v > 1) {
    a.kind = AutoMemLimit::Kind::Malformed;
    return a;
  }
  a.kind = AutoMemLimit::Kind::Ratio;
  a.ratio = *v;
  return a;
}

}  // namespace og
