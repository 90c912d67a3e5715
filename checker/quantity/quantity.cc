// The quantity grammars oomguard reads, each mirroring one upstream parser
// exactly (see the comment above each public function for the source).
//
// Kubernetes quantities use exact decimal arithmetic on digit strings (like
// apimachinery's inf.Dec); Docker sizes use float64 like go-units does.
#include "quantity/quantity.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace og {
namespace {

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr std::string_view kInt64MaxDigits = "9223372036854775807";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

bool all_zero(std::string_view s) {
  for (char c : s) {
    if (c != '0') return false;
  }
  return true;
}

std::string_view strip_leading_zeros(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] == '0') ++i;
  return s.substr(i);
}

// ---------------------------------------------------------------------------
// Exact non-negative integers held as decimal digit strings.
// ---------------------------------------------------------------------------

// digits *= m, for a plain decimal digit string (most significant first).
void multiply_digits(std::string& digits, uint32_t m) {
  uint64_t carry = 0;
  for (size_t i = digits.size(); i-- > 0;) {
    uint64_t v = static_cast<uint64_t>(digits[i] - '0') * m + carry;
    digits[i] = static_cast<char>('0' + v % 10);
    carry = v / 10;
  }
  std::string head;
  while (carry > 0) {
    head.insert(head.begin(), static_cast<char>('0' + carry % 10));
    carry /= 10;
  }
  digits.insert(0, head);
}

struct Magnitude {
  int64_t value = 0;
  bool saturated = false;
};

// A digit string without leading zeros as int64, saturating.
Magnitude digits_to_int64(std::string_view digits) {
  Magnitude m;
  if (digits.size() > kInt64MaxDigits.size() ||
      (digits.size() == kInt64MaxDigits.size() && digits > kInt64MaxDigits)) {
    m.value = kInt64Max;
    m.saturated = true;
    return m;
  }
  for (char c : digits) m.value = m.value * 10 + (c - '0');
  return m;
}

// ceil(digits * 10^pow10), saturating at INT64_MAX.
Magnitude ceil_scaled(std::string_view digits, int64_t pow10) {
  digits = strip_leading_zeros(digits);
  if (digits.empty()) return {};
  if (pow10 >= 0) {
    if (static_cast<int64_t>(digits.size()) + pow10 > 19) return {kInt64Max, true};
    std::string whole(digits);
    whole.append(static_cast<size_t>(pow10), '0');
    return digits_to_int64(whole);
  }
  const uint64_t drop = static_cast<uint64_t>(-(pow10 + 1)) + 1;  // -pow10 without overflow
  if (drop >= digits.size()) return {1, false};  // 0 < value < 1 rounds up to 1
  const size_t keep = digits.size() - static_cast<size_t>(drop);
  Magnitude m = digits_to_int64(strip_leading_zeros(digits.substr(0, keep)));
  if (!all_zero(digits.substr(keep))) {
    if (m.value == kInt64Max) return {kInt64Max, true};
    ++m.value;
  }
  return m;
}

// ---------------------------------------------------------------------------
// Kubernetes: k8s.io/apimachinery/pkg/api/resource (quantity.go, suffix.go)
// ---------------------------------------------------------------------------

constexpr const char* kErrFormatWrong =
    "quantities must match the regular expression "
    "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
constexpr const char* kErrNumeric = "unable to parse numeric part of quantity";
constexpr const char* kErrSuffix = "unable to parse quantity's suffix";

struct ScannedQuantity {
  bool ok = false;
  bool positive = true;
  std::string_view value;  // sign + number as written (what inf.Dec would scan)
  std::string_view num;    // integer digits, leading zeros stripped; "0" when none
  std::string_view denom;  // fraction digits
  std::string_view suffix;
};

bool is_suffix_letter(char c) {
  return std::string_view("eEinumkKMGTP").find(c) != std::string_view::npos;
}

// Mirrors parseQuantityString: a fast scanner that splits sign, numerator,
// denominator and suffix. Quirks kept on purpose: "", "-", ".", "Mi" scan fine.
ScannedQuantity scan_quantity_string(std::string_view str) {
  ScannedQuantity r;
  size_t pos = 0;
  const size_t end = str.size();
  if (pos < end && (str[0] == '-' || str[0] == '+')) {
    r.positive = str[0] != '-';
    ++pos;
  }
  while (pos < end && str[pos] == '0') ++pos;  // strip leading zeros
  if (pos >= end) {                            // nothing but sign and zeros
    r.num = "0";
    r.value = "0";
    r.ok = true;
    return r;
  }
  const size_t num_start = pos;
  while (pos < end && is_digit(str[pos])) ++pos;
  r.num = str.substr(num_start, pos - num_start);
  if (r.num.empty()) r.num = "0";
  if (pos < end && str[pos] == '.') {
    ++pos;
    const size_t denom_start = pos;
    while (pos < end && is_digit(str[pos])) ++pos;
    r.denom = str.substr(denom_start, pos - denom_start);
  }
  r.value = str.substr(0, pos);
  const size_t suffix_start = pos;
  while (pos < end && is_suffix_letter(str[pos])) ++pos;
  if (pos < end && (str[pos] == '-' || str[pos] == '+')) ++pos;
  while (pos < end && is_digit(str[pos])) ++pos;
  if (pos < end) return r;  // junk after the suffix: ErrFormatWrong
  r.suffix = str.substr(suffix_start);
  r.ok = true;
  return r;
}

enum class K8sFormat { DecimalSI, BinarySI, DecimalExponent };

struct SuffixInfo {
  bool ok = false;
  int base = 10;
  int32_t exponent = 0;
  K8sFormat format = K8sFormat::DecimalSI;
};

// Go strconv.ParseInt(s, 10, 64): optional sign, at least one digit, no overflow.
std::optional<int64_t> go_parse_int64(std::string_view s) {
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || !all_digits(s)) return std::nullopt;
  uint64_t un = 0;
  for (char c : s) {
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (un > (std::numeric_limits<uint64_t>::max() - d) / 10) return std::nullopt;
    un = un * 10 + d;
  }
  const uint64_t cutoff = uint64_t{1} << 63;
  if (!neg && un >= cutoff) return std::nullopt;
  if (neg && un > cutoff) return std::nullopt;
  if (neg) return un == cutoff ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(un);
  return static_cast<int64_t>(un);
}

// Go's int32(x) conversion of an int64: keep the low 32 bits.
int32_t go_int32_truncate(int64_t v) {
  const uint32_t low = static_cast<uint32_t>(static_cast<uint64_t>(v) & 0xffffffffu);
  return low >= 0x80000000u ? static_cast<int32_t>(static_cast<int64_t>(low) - 0x100000000LL)
                            : static_cast<int32_t>(low);
}

// Mirrors suffixHandler.interpret: decimal SI table, binary SI table, then
// "e"/"E" + ParseInt exponent (so "E" alone is exa, "e" alone is invalid).
// The exponent is truncated to int32 as Go does; the later int32 wrap of
// -exponent inside inf.Dec (only for exactly -2^31) is not modelled.
SuffixInfo interpret_suffix(std::string_view s) {
  struct Entry {
    std::string_view name;
    int base;
    int32_t exponent;
  };
  static constexpr Entry kDecimal[] = {{"n", 10, -9}, {"u", 10, -6}, {"m", 10, -3}, {"", 10, 0},
                                       {"k", 10, 3},  {"M", 10, 6},  {"G", 10, 9},  {"T", 10, 12},
                                       {"P", 10, 15}, {"E", 10, 18}};
  static constexpr Entry kBinary[] = {{"Ki", 2, 10}, {"Mi", 2, 20}, {"Gi", 2, 30},
                                      {"Ti", 2, 40}, {"Pi", 2, 50}, {"Ei", 2, 60}};
  SuffixInfo info;
  for (const Entry& e : kDecimal) {
    if (e.name == s) return {true, e.base, e.exponent, K8sFormat::DecimalSI};
  }
  for (const Entry& e : kBinary) {
    if (e.name == s) return {true, e.base, e.exponent, K8sFormat::BinarySI};
  }
  if (s.size() > 1 && (s[0] == 'e' || s[0] == 'E')) {
    if (auto v = go_parse_int64(s.substr(1))) {
      return {true, 10, go_int32_truncate(*v), K8sFormat::DecimalExponent};
    }
  }
  return info;
}

// Whether ParseQuantity returns from its int64 fast path. Only the slow path
// runs inf.Dec.SetString on the number, which needs at least one digit, so
// this decides whether a digit-less quantity ("Mi" vs "Pi") is accepted.
bool takes_int64_fast_path(const ScannedQuantity& q, const SuffixInfo& suf) {
  constexpr int64_t kMaxInt64Factors = 18;
  constexpr int64_t kNano = -9;
  const int64_t num_len = static_cast<int64_t>(q.num.size());
  const int64_t denom_len = static_cast<int64_t>(q.denom.size());
  if (suf.format == K8sFormat::BinarySI) {
    if (!q.denom.empty()) return false;
    // precision = 15 - len(num) - int32(float32(exponent)*3/10) - 1
    const int64_t precision = 15 - num_len - (static_cast<int64_t>(suf.exponent) * 3 / 10) - 1;
    return precision >= 0;  // scale stays 0 >= Nano
  }
  if (kMaxInt64Factors - (num_len + denom_len) < 0) return false;
  return static_cast<int64_t>(suf.exponent) - denom_len >= kNano;
}

bool has_digit(std::string_view s) {
  for (char c : s) {
    if (is_digit(c)) return true;
  }
  return false;
}

// |quantity| in bytes, ceil'd, saturating; BinarySI is capped at INT64_MAX
// by apimachinery (maxAllowed) and DecimalSI overflows in Value(): both
// saturate here.
Magnitude quantity_magnitude(const ScannedQuantity& q, const SuffixInfo& suf) {
  std::string digits(strip_leading_zeros(q.num));
  digits.append(q.denom);
  int64_t pow10 = -static_cast<int64_t>(q.denom.size());
  if (suf.base == 2) {
    for (int32_t e = 0; e < suf.exponent; e += 10) multiply_digits(digits, 1024);
  } else {
    pow10 += suf.exponent;
  }
  return ceil_scaled(digits, pow10);
}

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

// Kelvin sign U+212A: Go's (?i) regexp folds it with 'k' and strings.ToLower
// maps it to "k", so go-units accepts "1\u212A" as 1 KiB.
constexpr std::string_view kKelvinSign = "\xE2\x84\xAA";

}  // namespace

// Mirrors k8s.io/apimachinery/pkg/api/resource ParseQuantity followed by
// Quantity.Value() (ceil away from zero).
K8sQuantity parse_k8s_quantity(std::string_view text) {
  K8sQuantity q;
  if (text.empty()) {
    q.error = kErrFormatWrong;
    return q;
  }
  const ScannedQuantity scanned = scan_quantity_string(text);
  if (!scanned.ok) {
    q.error = kErrFormatWrong;
    return q;
  }
  const SuffixInfo suf = interpret_suffix(scanned.suffix);
  if (!suf.ok) {
    q.error = kErrSuffix;
    return q;
  }
  q.suffix = std::string(scanned.suffix);
  q.no_digits = !has_digit(text.substr(0, text.size() - scanned.suffix.size()));
  if (!has_digit(scanned.value) && !takes_int64_fast_path(scanned, suf)) {
    q.error = kErrNumeric;  // inf.Dec.SetString needs a digit
    return q;
  }
  const Magnitude m = quantity_magnitude(scanned, suf);
  q.ok = true;
  q.saturated = m.saturated;
  q.negative = !scanned.positive && m.value != 0;
  q.bytes = q.negative ? -m.value : m.value;
  q.sub_unit_suffix = suf.base == 10 && suf.exponent < 0;
  return q;
}

// Mirrors docker/go-units RAMInBytes -> parseSize(sizeStr, binaryMap):
//   sizeRegex = (?i)^(\d+(\.\d+)*) ?([kmgtp])?i?b?$
//   size = ParseFloat(m[1]) * float64(binaryMap[lower(m[3])]); return int64(size)
DockerBytes parse_docker_bytes(std::string_view text) {
  DockerBytes r;
  const std::string invalid = "invalid size: '" + std::string(text) + "'";
  size_t i = 0;
  const size_t n = text.size();
  while (i < n && is_digit(text[i])) ++i;
  if (i == 0) {
    r.error = invalid;
    return r;
  }
  while (i + 1 < n && text[i] == '.' && is_digit(text[i + 1])) {  // (\.\d+)*
    ++i;
    while (i < n && is_digit(text[i])) ++i;
  }
  const std::string_view number = text.substr(0, i);
  if (i < n && text[i] == ' ') ++i;
  uint64_t multiplier = 1;
  if (i < n) {
    static constexpr std::string_view kUnits = "kmgtp";
    const size_t u = kUnits.find(ascii_lower(text[i]));
    if (u != std::string_view::npos) {
      multiplier = uint64_t{1} << (10 * (u + 1));
      ++i;
    } else if (text.substr(i, kKelvinSign.size()) == kKelvinSign) {
      multiplier = 1024;
      i += kKelvinSign.size();
    }
  }
  if (i < n && ascii_lower(text[i]) == 'i') ++i;
  if (i < n && ascii_lower(text[i]) == 'b') ++i;
  if (i != n) {
    r.error = invalid;
    return r;
  }
  // ParseFloat rejects "1.5.2" (the regex allows repeated fractions) and
  // numbers beyond float64 range.
  double size = 0;
  const auto res = std::from_chars(number.data(), number.data() + number.size(), size,
                                   std::chars_format::fixed);
  if (res.ec != std::errc() || res.ptr != number.data() + number.size()) {
    r.error = "strconv.ParseFloat: parsing \"" + std::string(number) + "\": invalid syntax or out of range";
    return r;
  }
  size *= static_cast<double>(multiplier);
  if (size >= 9223372036854775808.0) {  // int64(size) is undefined in Go
    r.error = "size " + std::string(text) + " overflows int64";
    return r;
  }
  r.ok = true;
  r.bytes = static_cast<int64_t>(size);  // truncation, like Go's int64(float64)
  return r;
}

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

std::string format_bytes(int64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  const bool neg = bytes < 0;
  const uint64_t mag = neg ? uint64_t{0} - static_cast<uint64_t>(bytes) : static_cast<uint64_t>(bytes);
  int power = 0;
  while (power < 6 && mag >= (uint64_t{1} << (10 * (power + 1)))) ++power;
  uint64_t whole = 0, hundredths = 0;
  for (;;) {
    const int shift = 10 * power;
    whole = mag >> shift;
    const uint64_t rem = shift == 0 ? 0 : (mag & ((uint64_t{1} << shift) - 1));
    // round(rem / 2^shift * 100), half up; drop low bits so rem*100 fits.
    const int drop = shift > 50 ? shift - 50 : 0;
    const uint64_t r = rem >> drop;
    const int s = shift - drop;
    hundredths = s == 0 ? 0 : (r * 100 + (uint64_t{1} << (s - 1))) >> s;
    if (hundredths == 100) {
      ++whole;
      hundredths = 0;
    }
    if (whole >= 1024 && power < 6) {  // 1023.999KiB rounds to the next unit
      ++power;
      continue;
    }
    break;
  }
  std::string out = neg ? "-" : "";
  out += std::to_string(whole);
  if (hundredths != 0) {
    out += '.';
    out += static_cast<char>('0' + hundredths / 10);
    if (hundredths % 10 != 0) out += static_cast<char>('0' + hundredths % 10);
  }
  return out + kUnits[power];
}

std::string gomemlimit_spelling_mib(int64_t bytes) {
  if (bytes < 0) bytes = 0;
  return std::to_string(bytes >> 20) + "MiB";
}

}  // namespace og
