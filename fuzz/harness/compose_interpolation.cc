// Compose interpolation (${V:-d}, ${V:?e}, $$, nesting): never throws, the
// error offset and length lie in the input, an error leaves the text unchanged.
#include "fuzz_support.h"
#include "harnesses.h"
#include "parse/envfile.h"

namespace og::fuzz {

void fuzz_compose_interpolation(const uint8_t* data, size_t size) {
  std::string_view text = as_text(data, size);
  EnvLookup lookup = [](std::string_view k) -> std::optional<std::string> {
    if (k == "MEM") return std::string("512m");
    if (k == "EMPTY") return std::string();
    if (k == "SELF") return std::string("${SELF}");  // values are not re-interpolated
    return std::nullopt;
  };
  InterpolationResult r = interpolate_compose(text, lookup);
  if (r.error) {
    OG_FUZZ_CHECK(r.value == text, "an error must leave the text unchanged");
    OG_FUZZ_CHECK(r.error_offset < text.size(), "error offset outside the input");
    OG_FUZZ_CHECK(r.error_length >= 1 && r.error_offset + r.error_length <= text.size(),
                  "error span outside the input");
  }
  for (const auto& n : r.unresolved) OG_FUZZ_CHECK(!n.empty(), "an empty unresolved name");
  // No '$' means nothing to interpolate.
  if (text.find('$') == std::string_view::npos) OG_FUZZ_CHECK(!r.error && r.value == text, "text without '$' changed");
}

}  // namespace og::fuzz
