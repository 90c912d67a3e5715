// env files (compose-go dotenv): never throws, every location lies in the
// input, a single-line value span holds exactly the raw text, the error cap holds.
#include "fuzz_support.h"
#include "harnesses.h"
#include "parse/envfile.h"

namespace og::fuzz {

void fuzz_envfile(const uint8_t* data, size_t size) {
  const std::string file = "app.env";
  std::string_view text = as_text(data, size);
  EnvLookup outer = [](std::string_view k) -> std::optional<std::string> {
    if (k == "HOME") return std::string("/root");
    return std::nullopt;
  };
  EnvFile f = parse_env_file(file, text, outer);
  Lines lines(text);
  OG_FUZZ_CHECK(f.errors.size() <= kMaxEnvFileErrors + 1, "more errors than the cap");
  for (const auto& e : f.errors) check_location(e.loc, lines, file, "error '" + e.message + "'");
  for (const auto& e : f.entries) {
    OG_FUZZ_CHECK(!e.key.empty(), "an entry without a key");
    check_location(e.key_loc, lines, file, "key " + e.key);
    check_location(e.value_loc, lines, file, "value of " + e.key);
    if (e.value_loc.line > 0 && e.value_loc.end_line == e.value_loc.line && e.raw.find('\n') == std::string::npos)
      OG_FUZZ_CHECK(lines.span(e.value_loc) == e.raw,
                    "value span of " + e.key + " is '" + std::string(lines.span(e.value_loc)) + "', raw is '" + e.raw + "'");
  }
  if (!f.entries.empty()) (void)env_file_value(f, f.entries.back().key);
}

}  // namespace og::fuzz
