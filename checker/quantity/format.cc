// Human-readable byte formatting and the GOMEMLIMIT MiB spelling.
#include "quantity/quantity.h"

#include <cstdint>
#include <string>

namespace og {

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
