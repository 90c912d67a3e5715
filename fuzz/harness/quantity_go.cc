// The Go runtime's grammars: GOMEMLIMIT, GOGC and automemlimit's AUTOMEMLIMIT.
// Never throws; a GOMEMLIMIT in bytes prints back (plain and in oomguard's
// MiB spelling) to the same bytes; a suggested spelling is itself valid; a
// GOGC percent prints back; a ratio lies in (0, 1].
#include <string>

#include "fuzz_support.h"
#include "harnesses.h"
#include "quantity/quantity.h"

namespace og::fuzz {

void fuzz_quantity_go(const uint8_t* data, size_t size) {
  std::string_view text = as_text(data, size);
  GoMemLimit m = parse_gomemlimit(text);
  if (m.kind == GoMemLimit::Kind::Bytes) {
    OG_FUZZ_CHECK(m.bytes >= 0, "negative GOMEMLIMIT bytes");
    GoMemLimit back = parse_gomemlimit(std::to_string(m.bytes));
    OG_FUZZ_CHECK(back.kind == GoMemLimit::Kind::Bytes && back.bytes == m.bytes,
                  "GOMEMLIMIT '" + std::string(text) + "' does not print back");
    GoMemLimit mib = parse_gomemlimit(gomemlimit_spelling_mib(m.bytes));
    OG_FUZZ_CHECK(mib.kind == GoMemLimit::Kind::Bytes && mib.bytes == (m.bytes >> 20) << 20,
                  "the MiB spelling of " + std::to_string(m.bytes) + " is not valid");
    (void)format_bytes(m.bytes);
  } else if (m.kind == GoMemLimit::Kind::Malformed && !m.suggestion.empty()) {
    GoMemLimit s = parse_gomemlimit(m.suggestion);
    OG_FUZZ_CHECK(s.kind != GoMemLimit::Kind::Malformed,
                  "suggestion '" + m.suggestion + "' for '" + std::string(text) + "' is not a valid GOMEMLIMIT");
  }

  GoGC g = parse_gogc(text);
  if (g.kind == GoGC::Kind::Percent) {
    GoGC back = parse_gogc(std::to_string(g.percent));
    OG_FUZZ_CHECK(back.kind == GoGC::Kind::Percent && back.percent == g.percent,
                  "GOGC '" + std::string(text) + "' does not print back");
  } else if (g.kind == GoGC::Kind::Malformed) {
    OG_FUZZ_CHECK(g.percent == 100, "a malformed GOGC falls back to 100");
  }

  AutoMemLimit a = parse_automemlimit(text);
  if (a.kind == AutoMemLimit::Kind::Ratio)
    OG_FUZZ_CHECK(a.ratio > 0 && a.ratio <= 1, "AUTOMEMLIMIT ratio " + std::to_string(a.ratio) + " outside (0, 1]");

  int64_t cfg = 0;
  if (parse_config_bytes(text, &cfg)) OG_FUZZ_CHECK(cfg >= 0, "negative config bytes");
}

}  // namespace og::fuzz
