// .env / env_file parser (compose-go dotenv semantics) and the compose
// interpolation language (${V}, $V, ${V:-d}, ${V-d}, ${V:?e}, ${V?e},
// ${V:+r}, ${V+r}, $$).
//
// Mirrors compose-spec/compose-go v2 dotenv/parser.go (parse, locateKeyName,
// extractVarValue, expandEscapes) and template/template.go (Substitute).
// Differences, all deliberate:
//  - upstream stops at the first error; here every problem becomes a
//    ParseError and parsing resumes on the next line;
//  - a key on the last line without '=' / ':' and without a trailing newline
//    is a bare key (upstream mis-parses it as the value of an empty key);
//  - an empty key (`=x`, `: x`) is an error (upstream stores key "");
//  - nested ${...} deeper than kMaxInterpolationDepth is an error.
// Positions are byte offsets of the ORIGINAL text: a UTF-8 BOM is skipped
// for parsing but still counts (the first key of a BOM file is at col 4), and
// a CR before LF is part of its line.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/location.h"

namespace og {

struct EnvEntry {
  std::string key;
  std::string value;      // after unquoting, escapes and interpolation
  std::string raw;        // the value as written: exactly the bytes under value_loc
                          // (quotes included for a quoted value)
  Location key_loc;
  Location value_loc;     // span of the value text (for an empty value: zero width after '=')
                          // (bare key: zero width right after the key)
  bool bare = false;      // a line with only a KEY (no '=' / ':'); value comes from
                          // `outer` only; when outer lacks it, value is "" and the
                          // key itself is listed in `unresolved`: such an entry sets
                          // nothing (compose keeps any earlier value of the key)
  std::vector<std::string> unresolved;  // ${X} with no value and no default
};
// A line whose value fails interpolation (${V:?e} unset, invalid template)
// yields a ParseError and no entry, as compose refuses such a file.

// After this many errors a file is abandoned (one more error says so).
constexpr std::size_t kMaxEnvFileErrors = 1000;

struct EnvFile {
  std::string path;
  std::vector<EnvEntry> entries;   // in file order (duplicates kept: last wins)
  std::vector<ParseError> errors;
};

// lookup(name) returns the value of a variable if it is defined.
using EnvLookup = std::function<std::optional<std::string>(std::string_view)>;

// Parses an env file. Values may interpolate earlier keys of the same file and
// then `outer` (e.g. the process environment); pass nullptr for none.
EnvFile parse_env_file(std::string path, std::string_view content, const EnvLookup& outer = nullptr);

// Nesting limit for ${V:-${W:-...}}: deeper templates are an error rather
// than a stack overflow.
constexpr int kMaxInterpolationDepth = 64;

struct InterpolationResult {
  std::string value;                    // on error: the input text unchanged (as upstream)
  std::vector<std::string> unresolved;  // names with no value and no default (deduplicated, in order)
  std::optional<std::string> error;     // ${V:?msg} failure or a syntax error
  std::size_t error_offset = 0;         // when error: byte offset in `text` of the failing '$'
  std::size_t error_length = 0;         // ... and the length of the failing construct (>= 1)
};
// The value a KEY finally has in an env file (the last definition wins; bare
// keys carry none).
std::optional<std::string> env_file_value(const EnvFile& f, std::string_view key);

// Compose interpolation of one string. `lookup` may be empty (nothing is set).
InterpolationResult interpolate_compose(std::string_view text, const EnvLookup& lookup);

}  // namespace og
