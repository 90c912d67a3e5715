// Go runtime environment variables GOMEMLIMIT and GOGC, mirroring the
// runtime's own atoi-based parsers (not strconv), plus the suggestion of a
// valid GOMEMLIMIT spelling for a malformed value.
#include "quantity/quantity.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "quantity/internal.h"

namespace og {
namespace {

using quantity_internal::all_digits;
using quantity_internal::all_zero;
using quantity_internal::ascii_lower;
using quantity_internal::digits_to_int64;
using quantity_internal::is_digit;
using quantity_internal::kInt64Max;
using quantity_internal::Magnitude;
using quantity_internal::multiply_digits;
using quantity_internal::strip_leading_zeros;

// ---------------------------------------------------------------------------
// Go runtime integer parsing (runtime/string.go atoi64/atoi32, later
// internal/runtime/strconv.Atoi64/Atoi32 with the same code).
// ---------------------------------------------------------------------------

// Mirrors runtime atoi64: optional '-' only (no '+'), digits, overflow fails.
// Quirk kept: "-" alone parses as 0.
std::optional<int64_t> go_runtime_atoi64(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool neg = false;
  if (s[0] == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  uint64_t un = 0;
  for (char c : s) {
    if (!is_digit(c)) return std::nullopt;
    if (un > std::numeric_limits<uint64_t>::max() / 10) return std::nullopt;
    un *= 10;
    const uint64_t un1 = un + static_cast<uint64_t>(c - '0');
    if (un1 < un) return std::nullopt;
    un = un1;
  }
  const uint64_t max = static_cast<uint64_t>(kInt64Max);
  if (!neg && un > max) return std::nullopt;
  if (neg && un > max + 1) return std::nullopt;
  if (neg) return un == max + 1 ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(un);
  return static_cast<int64_t>(un);
}

// Mirrors runtime atoi32: atoi64 that must fit in int32.
std::optional<int32_t> go_runtime_atoi32(std::string_view s) {
  auto n = go_runtime_atoi64(s);
  if (!n || *n < std::numeric_limits<int32_t>::min() || *n > std::numeric_limits<int32_t>::max()) {
    return std::nullopt;
  }
  return static_cast<int32_t>(*n);
}

// Mirrors runtime parseByteCount (runtime/string.go):
// ^[0-9]+(([KMGT]i)?B)?$ in spirit, with atoi64's '-' quirk ("-0", "-KiB" = 0).
std::optional<int64_t> go_parse_byte_count(std::string_view s) {
  if (s.empty()) return std::nullopt;
  const char last = s.back();
  if (is_digit(last)) {
    auto n = go_runtime_atoi64(s);
    if (!n || *n < 0) return std::nullopt;
    return n;
  }
  if (last != 'B' || s.size() < 2) return std::nullopt;
  const char c = s[s.size() - 2];
  if (is_digit(c)) {
    auto n = go_runtime_atoi64(s.substr(0, s.size() - 1));
    if (!n || *n < 0) return std::nullopt;
    return n;
  }
  if (c != 'i' || s.size() < 4) return std::nullopt;
  int power = 0;
  switch (s[s.size() - 3]) {
    case 'K': power = 1; break;
    case 'M': power = 2; break;
    case 'G': power = 3; break;
    case 'T': power = 4; break;
    default: return std::nullopt;
  }
  uint64_t m = 1;
  for (int i = 0; i < power; ++i) m *= 1024;
  auto n = go_runtime_atoi64(s.substr(0, s.size() - 3));
  if (!n || *n < 0) return std::nullopt;
  uint64_t un = static_cast<uint64_t>(*n);
  if (un > static_cast<uint64_t>(kInt64Max) / m) return std::nullopt;  // overflow
  return static_cast<int64_t>(un * m);
}

// ---------------------------------------------------------------------------
// GOMEMLIMIT suggestion: the valid spelling a malformed value most likely meant.
// ---------------------------------------------------------------------------

std::string_view trim_junk(std::string_view s) {
  constexpr std::string_view kJunk = " \t\r\n\"'";
  const size_t b = s.find_first_not_of(kJunk);
  if (b == std::string_view::npos) return {};
  const size_t e = s.find_last_not_of(kJunk);
  return s.substr(b, e - b + 1);
}

// Lenient unit names -> power of 1024: "", b, k, kb, ki, kib, m, ..., e (any case).
std::optional<int> lenient_binary_power(std::string_view unit) {
  std::string u;
  for (char c : unit) u.push_back(ascii_lower(c));
  if (u.empty() || u == "b") return 0;
  constexpr std::string_view kPrefixes = "kmgtpe";
  const size_t p = kPrefixes.find(u[0]);
  if (p == std::string_view::npos) return std::nullopt;
  const std::string_view rest = std::string_view(u).substr(1);
  if (rest.empty() || rest == "b" || rest == "i" || rest == "ib") return static_cast<int>(p) + 1;
  return std::nullopt;
}

// Spell bytes with the largest GOMEMLIMIT unit (<= max_power, at most TiB)
// that divides it exactly; bare digits when no unit divides it.
std::string spell_exact_bytes(int64_t bytes, int max_power) {
  static constexpr const char* kUnits[] = {"", "KiB", "MiB", "GiB", "TiB"};
  int power = max_power < 4 ? max_power : 4;
  for (; power > 0; --power) {
    const int64_t unit = int64_t{1} << (10 * power);
    if (bytes % unit == 0) return std::to_string(bytes / unit) + kUnits[power];
  }
  return std::to_string(bytes);
}

std::string suggest_gomemlimit(std::string_view raw) {
  std::string_view s = trim_junk(raw);
  if (s.size() == 3 && ascii_lower(s[0]) == 'o' && ascii_lower(s[1]) == 'f' && ascii_lower(s[2]) == 'f') {
    return "off";
  }
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  const std::string_view int_part = s.substr(0, i);
  std::string_view frac_part;
  if (i < s.size() && s[i] == '.') {
    const size_t start = ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    frac_part = s.substr(start, i - start);
  }
  if (int_part.empty() && frac_part.empty()) return "";
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  const std::string_view unit_text = s.substr(i);
  const auto power = lenient_binary_power(unit_text);
  if (!power) return "";
  // Exact value in bytes: (int_part.frac_part) * 1024^power.
  std::string digits(strip_leading_zeros(int_part));
  digits.append(frac_part);
  for (int p = 0; p < *power; ++p) multiply_digits(digits, 1024);
  const std::string_view all(digits);
  const size_t keep = all.size() > frac_part.size() ? all.size() - frac_part.size() : 0;
  const Magnitude whole = digits_to_int64(strip_leading_zeros(all.substr(0, keep)));
  if (whole.saturated) return "";
  const bool exact = all_zero(all.substr(keep));
  if (!exact) {  // not a whole byte: truncate, unless the unit was bytes or nothing is left
    return (*power == 0 || whole.value == 0) ? "" : std::to_string(whole.value);
  }
  if (all_zero(frac_part) && *power >= 1 && *power <= 4) {
    // Keep the unit the author chose: "1024Mi" -> "1024MiB".
    static constexpr const char* kUnits[] = {"", "KiB", "MiB", "GiB", "TiB"};
    const std::string_view n = strip_leading_zeros(int_part);
    return std::string(n.empty() ? "0" : n) + kUnits[*power];
  }
  if (*power == 0) {
    const bool had_b = !unit_text.empty();
    return std::to_string(whole.value) + (had_b ? "B" : "");
  }
  return spell_exact_bytes(whole.value, *power);
}

}  // namespace

// Mirrors runtime readGOMEMLIMIT (runtime/mgcpacer.go): "" or "off" is no
// limit; anything parseByteCount rejects is a fatal start-up error.
GoMemLimit parse_gomemlimit(std::string_view text) {
  GoMemLimit g;
  if (text.empty() || text == "off") {
    g.kind = GoMemLimit::Kind::Off;
    g.bytes = kInt64Max;
    return g;
  }
  if (auto n = go_parse_byte_count(text)) {
    g.kind = GoMemLimit::Kind::Bytes;
    g.bytes = *n;
    return g;
  }
  g.kind = GoMemLimit::Kind::Malformed;
  g.suggestion = suggest_gomemlimit(text);
  return g;
}

// Mirrors runtime readGOGC (runtime/mgcpacer.go; readgogc in older mgc.go):
// "off" -> -1, else atoi32, and on any failure silently 100.
GoGC parse_gogc(std::string_view text) {
  GoGC g;
  if (text == "off") {
    g.kind = GoGC::Kind::Off;
    g.percent = -1;
    return g;
  }
  if (text.empty()) {
    // Go: atoi32("") fails and the runtime falls back to 100 -- exactly what
    // an unset GOGC means, so this is the default, not an error.
    g.kind = GoGC::Kind::Percent;
    g.percent = 100;
    return g;
  }
  if (auto n = go_runtime_atoi32(text)) {
    g.kind = GoGC::Kind::Percent;
    g.percent = *n;
    return g;
  }
  g.kind = GoGC::Kind::Malformed;
  g.percent = 100;
  // Newer toolchains parse with a '+'-accepting ParseInt: "+50" works there.
  const std::string_view rest = text.substr(1);
  g.non_portable_plus = text[0] == '+' && !rest.empty() && all_digits(rest) && go_runtime_atoi32(rest);
  return g;
}

}  // namespace og
