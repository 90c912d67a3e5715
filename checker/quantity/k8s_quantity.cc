// Kubernetes resource.Quantity, mirroring k8s.io/apimachinery/pkg/api/resource
// (quantity.go, suffix.go) exactly. Uses exact decimal arithmetic on digit
// strings (like apimachinery's inf.Dec), never floating point.
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
using quantity_internal::digits_to_int64;
using quantity_internal::is_digit;
using quantity_internal::kInt64Max;
using quantity_internal::Magnitude;
using quantity_internal::multiply_digits;
using quantity_internal::strip_leading_zeros;

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

}  // namespace og
