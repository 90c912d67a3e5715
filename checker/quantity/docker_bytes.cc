// Docker / compose byte sizes, mirroring docker/go-units RAMInBytes. Uses
// float64 arithmetic like go-units does.
#include "quantity/quantity.h"

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

#include "quantity/internal.h"

namespace og {
namespace {

using quantity_internal::ascii_lower;
using quantity_internal::is_digit;

// Kelvin sign U+212A: Go's (?i) regexp folds it with 'k' and strings.ToLower
// maps it to "k", so go-units accepts "1\u212A" as 1 KiB.
constexpr std::string_view kKelvinSign = "\xE2\x84\xAA";

}  // namespace

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

}  // namespace og
