// Word splitting and variable substitution for the Dockerfile parser. Each
// helper mirrors one piece of the BuildKit Dockerfile frontend
// (moby/buildkit frontend/dockerfile/parser and frontend/dockerfile/shell).
// All functions work on bytes, never throw and run in time linear in their
// input (the only nesting, ${a:-${b}}, is depth-capped).
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace og::dflex {

// Byte length of the white-space character at s[i] as Go's unicode.IsSpace
// sees it (ASCII \t\n\v\f\r and space, U+0085, U+00A0, U+1680, U+2000-U+200A,
// U+2028, U+2029, U+202F, U+205F, U+3000); 0 if s[i] does not start one.
std::size_t space_len(std::string_view s, std::size_t i);

// The ASCII class `[\t\v\f\r ]` of parser.reWhitespace / tokenWhitespace.
inline bool is_token_space(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

// [begin, end) of `s` with leading/trailing unicode white space removed
// (strings.TrimSpace).
struct Span { std::size_t begin = 0; std::size_t end = 0; };
Span trim_space(std::string_view s, Span span);

// parser/line_parsers.go parseWords: splits on unquoted white space, keeping
// quotes and escapes. Words are returned as spans of `s` (the raw text as
// written). An escape character that ends the input is dropped, as upstream.
std::vector<Span> split_words(std::string_view s, char escape);

// parser/split_command.go extractBuilderFlags: the leading `--flag[=value]`
// words (quotes and backslash escapes removed; `--flag value` is joined as
// `--flag=value`) and the offset in `s` where the remaining arguments start.
struct BuilderFlags {
  std::vector<std::string> flags;
  std::size_t rest = 0;
};
BuilderFlags extract_builder_flags(std::string_view s);

// Value of the first `--name=...` among `flags`.
std::optional<std::string> flag_value(const std::vector<std::string>& flags, std::string_view name);

// Variable lookup: the value if the variable is set, nullptr if it is not.
using VarLookup = std::function<const std::string*(std::string_view)>;

// shell/lex.go ProcessWord: removes quotes, applies escapes (the directive's
// escape character) and substitutes $v ${v} ${v:-w} ${v-w} ${v:+w} ${v+w}
// ${v:?e} ${v?e} ${v#p} ${v##p} ${v%p} ${v%%p} ${v/p/r} ${v//p/r}.
struct Expansion {
  std::string value;
  // Variables used for their value while unset (""), in first-use order,
  // without duplicates; a default form (${v-w}, ${v:-w}) or a test form
  // (${v+w}, ${v:+w}) does not count. Shell special parameters ($$, $1, ...)
  // are not listed.
  std::vector<std::string> unresolved;
  std::string error;  // non-empty: BuildKit would fail the build here
};
Expansion expand_word(std::string_view word, char escape, const VarLookup& lookup);

// parser.go heredocsFromLine + heredocFromMatch: the heredocs opened on a
// logical line, in order (`<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`,
// `3<<EOF`, `<< EOF`). Uses `\` as escape regardless of the directive, as
// upstream does.
struct HeredocSpec {
  std::string name;   // terminator line
  bool chomp = false; // <<-: leading tabs ignored when matching the terminator
  bool expand = true; // false when the name was quoted
};
std::vector<HeredocSpec> heredocs_in_line(std::string_view line);

// parser/line_parsers.go parseJSON: `s` (after leading white space) is a JSON
// array of strings, i.e. the exec form of RUN/CMD/COPY.
bool is_json_string_array(std::string_view s);

}  // namespace og::dflex
