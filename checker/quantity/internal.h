// Helpers shared by two or more of the quantity grammars (k8s_quantity.cc,
// docker_bytes.cc, go_env.cc, automemlimit.cc). Internal to checker/quantity;
// the public API is quantity/quantity.h.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace og::quantity_internal {

inline constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
inline constexpr std::string_view kInt64MaxDigits = "9223372036854775807";

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

inline bool all_zero(std::string_view s) {
  for (char c : s) {
    if (c != '0') return false;
  }
  return true;
}

inline std::string_view strip_leading_zeros(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] == '0') ++i;
  return s.substr(i);
}

// ---------------------------------------------------------------------------
// Exact non-negative integers held as decimal digit strings.
// ---------------------------------------------------------------------------

// digits *= m, for a plain decimal digit string (most significant first).
inline void multiply_digits(std::string& digits, uint32_t m) {
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
inline Magnitude digits_to_int64(std::string_view digits) {
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

}  // namespace og::quantity_internal
