// .env parser and compose interpolation. See envfile.h for the upstream
// sources mirrored (compose-spec/compose-go v2: dotenv/parser.go,
// dotenv/godotenv.go, template/template.go) and the deliberate differences.
#include "parse/envfile.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace og {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// ---------------------------------------------------------------------------
// UTF-8 runes. Go iterates strings rune by rune (`for i, r := range s`); an
// invalid byte decodes as utf8.RuneError with width 1.
// ---------------------------------------------------------------------------

constexpr char32_t kRuneError = 0xFFFD;

struct Rune {
  char32_t cp;
  std::size_t len;
};

Rune decode_rune(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; min = 0x80; }
  else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; min = 0x800; }
  else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; min = 0x10000; }
  else return {kRuneError, 1};
  if (i + len > s.size()) return {kRuneError, 1};
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {kRuneError, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and out-of-range values are invalid in Go too.
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {kRuneError, 1};
  return {cp, len};
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// dotenv isSpace: a space character but not a line break.
bool is_dotenv_space(char32_t r) {
  switch (r) {
    case '\t': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
      return true;
    default:
      return false;
  }
}

// Go unicode.IsSpace.
bool is_unicode_space(char32_t r) {
  if (r == '\n' || is_dotenv_space(r)) return true;
  return r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 ||
         r == 0x202F || r == 0x205F || r == 0x3000;
}

// Approximates Go unicode.IsLetter || unicode.IsNumber without Unicode tables:
// exact for ASCII and Latin-1; other valid code points count as letters except
// the general-punctuation, CJK-symbol, private-use and specials blocks.
bool is_letter_or_number(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9');
  if (r < 0xC0) {
    return r == 0xAA || r == 0xB2 || r == 0xB3 || r == 0xB5 || r == 0xB9 || r == 0xBA ||
           (r >= 0xBC && r <= 0xBE);
  }
  if (r == 0xD7 || r == 0xF7) return false;
  if (r >= 0x2000 && r <= 0x206F) return false;
  if (r >= 0x3000 && r <= 0x3003) return false;
  if (r >= 0xE000 && r <= 0xF8FF) return false;
  if (r >= 0xFE00 && r <= 0xFE0F) return false;
  if (r == 0xFEFF || (r >= 0xFFF0 && r <= 0xFFFF)) return false;  // BOM, specials, RuneError
  return true;
}

// locateKeyName: variable names match [A-Za-z0-9_.\-\[\]] plus Unicode
// letters and numbers.
bool is_key_rune(char32_t r) {
  switch (r) {
    case '_': case '.': case '-': case '[': case ']':
      return true;
    default:
      return is_letter_or_number(r);
  }
}

// strings.TrimLeftFunc(s[i:], isSpace): index of the first non-space rune.
std::size_t skip_dotenv_space(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    const Rune r = decode_rune(s, i);
    if (!is_dotenv_space(r.cp)) break;
    i += r.len;
  }
  return i;
}

// strings.TrimRightFunc(s, unicode.IsSpace): the length that remains.
std::size_t trimmed_right_length(std::string_view s) {
  std::size_t end = 0;
  for (std::size_t i = 0; i < s.size();) {
    const Rune r = decode_rune(s, i);
    i += r.len;
    if (!is_unicode_space(r.cp)) end = i;
  }
  return end;
}

// Quotes text for an error message, cut to a readable length.
std::string quote_for_message(std::string_view s) {
  constexpr std::size_t kMax = 60;
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size() && i < kMax; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      static const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  if (s.size() > kMax) out += "...";
  out += '"';
  return out;
}

// ---------------------------------------------------------------------------
// Byte offsets -> 1-based line/column.
// ---------------------------------------------------------------------------

class LineIndex {
 public:
  explicit LineIndex(std::string_view text) {
    starts_.push_back(0);
    for (std::size_t i = text.find('\n'); i != npos; i = text.find('\n', i + 1)) starts_.push_back(i + 1);
  }
  std::pair<int, int> at(std::size_t offset) const {
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    const auto line = static_cast<std::size_t>(it - starts_.begin());
    return {static_cast<int>(line), static_cast<int>(offset - starts_[line - 1] + 1)};
  }
  Location span(const std::string& file, std::size_t begin, std::size_t end) const {
    Location loc;
    loc.file = file;
    std::tie(loc.line, loc.col) = at(begin);
    std::tie(loc.end_line, loc.end_col) = at(end);
    return loc;
  }

 private:
  std::vector<std::size_t> starts_;
};

// ---------------------------------------------------------------------------
// Interpolation (template/template.go).
// ---------------------------------------------------------------------------

// Unresolved names, deduplicated, in first-seen order.
class NameList {
 public:
  void add(const std::string& name) {
    if (seen_.insert(name).second) list_.push_back(name);
  }
  void merge(const NameList& other) {
    for (const auto& n : other.list_) add(n);
  }
  std::vector<std::string> take() { return std::move(list_); }

 private:
  std::vector<std::string> list_;
  std::unordered_set<std::string> seen_;
};

bool is_name_start(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

// Length of the name [_a-z][_a-z0-9]* (case-insensitive) at text[i].
std::size_t name_length(std::string_view text, std::size_t i) {
  if (i >= text.size() || !is_name_start(text[i])) return 0;
  std::size_t j = i + 1;
  while (j < text.size() && is_name_char(text[j])) ++j;
  return j - i;
}

// The operators of getSubstitutionFunctionForTemplate. Because the operator
// directly follows the name, "the earliest separator in the template" is the
// one at that position, with ":x" preferred over "x".
enum class Op { DefaultIfEmptyOrUnset, DefaultIfUnset, RequiredNonEmpty, Required, AltIfNonEmpty, AltIfSet };

std::size_t parse_op(std::string_view text, std::size_t i, Op& op) {
  const bool colon = i < text.size() && text[i] == ':';
  const std::size_t k = colon ? i + 1 : i;
  if (k >= text.size()) return 0;
  switch (text[k]) {
    case '-': op = colon ? Op::DefaultIfEmptyOrUnset : Op::DefaultIfUnset; break;
    case '?': op = colon ? Op::RequiredNonEmpty : Op::Required; break;
    case '+': op = colon ? Op::AltIfNonEmpty : Op::AltIfSet; break;
    default: return 0;
  }
  return k + 1 - i;
}

// The regex's braced form `{NAME<op>(.*)}` is greedy and `.` stops at a
// newline, so the candidate closing brace is the LAST '}' on the line. Cached
// per line so that a line of many templates is still scanned once.
class LastBraceOnLine {
 public:
  std::size_t find(std::string_view text, std::size_t p) {
    if (from_ == npos || p < from_ || p >= eol_) {
      from_ = p;
      eol_ = std::min(text.find('\n', p), text.size());
      last_ = npos;
      for (std::size_t k = eol_; k > p; --k) {
        if (text[k - 1] == '}') { last_ = k - 1; break; }
      }
    }
    return (last_ != npos && last_ >= p) ? last_ : npos;
  }

 private:
  std::size_t from_ = npos, eol_ = 0, last_ = npos;
};

// getFirstBraceClosingIndex (compose-go v2): counts every '{' (skipping the
// byte after it, as upstream does) and returns the '}' that balances the
// template starting at `dollar`, or npos. Only looks up to `limit`.
std::size_t first_brace_closing(std::string_view text, std::size_t dollar, std::size_t limit) {
  int open = 0;
  for (std::size_t k = dollar; k <= limit; ++k) {
    if (text[k] == '}') {
      if (--open == 0) return k;
    }
    if (text[k] == '{') {
      ++open;
      ++k;
    }
  }
  return npos;
}

class Interpolator {
 public:
  Interpolator(const EnvLookup& lookup, std::string_view root) : lookup_(lookup), root_(root) {}

  InterpolationResult run() {
    InterpolationResult res;
    NameList unresolved;
    if (expand(root_, 0, res.value, unresolved)) {
      res.unresolved = unresolved.take();
    } else {
      res.value = std::string(root_);  // ExpandVariables returns the input on error
      res.error = std::move(error_);
      res.error_offset = error_offset_;
      res.error_length = error_length_;
    }
    return res;
  }

 private:
  std::optional<std::string> get(std::string_view name) const {
    if (!lookup_) return std::nullopt;
    return lookup_(name);
  }

  bool fail(std::string message, std::string_view text, std::size_t at, std::size_t length) {
    error_ = std::move(message);
    error_offset_ = static_cast<std::size_t>(text.data() - root_.data()) + at;
    error_length_ = std::max<std::size_t>(length, 1);
    return false;
  }

  // SubstituteWithOptions over `text`: appends the result to `out`.
  bool expand(std::string_view text, int depth, std::string& out, NameList& unresolved) {
    LastBraceOnLine last_brace;
    std::size_t i = 0;
    while (i < text.size()) {
      const std::size_t dollar = text.find('$', i);
      if (dollar == npos) {
        out.append(text.substr(i));
        break;
      }
      out.append(text.substr(i, dollar - i));
      const std::size_t next = dollar + 1;
      if (next < text.size() && text[next] == '$') {  // group "escaped": $$ -> $
        out += '$';
        i = next + 1;
      } else if (const std::size_t n = name_length(text, next)) {  // group "named": $NAME
        lookup_plain(text.substr(next, n), out, unresolved);
        i = next + n;
      } else if (next < text.size() && text[next] == '{') {  // group "braced"
        if (!expand_braced(text, dollar, depth, last_brace, out, unresolved, i)) return false;
      } else {  // group "invalid": a lone '$'
        return fail("invalid template: \"$\" must be followed by a name, \"{\" or \"$\"", text, dollar, 1);
      }
    }
    return true;
  }

  // ${NAME} or $NAME: unset -> "" ("The %q variable is not set. Defaulting
  // to a blank string.").
  void lookup_plain(std::string_view name, std::string& out, NameList& unresolved) {
    if (auto v = get(name)) {
      out += *v;
    } else {
      unresolved.add(std::string(name));
    }
  }

  // ${NAME}, ${NAME<op>ARG}. On success sets `next` past the closing brace.
  bool expand_braced(std::string_view text, std::size_t dollar, int depth, LastBraceOnLine& last_brace,
                     std::string& out, NameList& unresolved, std::size_t& next) {
    const std::size_t name_at = dollar + 2;
    const std::size_t n = name_length(text, name_at);
    if (n == 0) return fail("invalid template: \"${\" must be followed by a variable name", text, dollar, 2);
    const std::string_view name = text.substr(name_at, n);
    const std::size_t after_name = name_at + n;
    if (after_name < text.size() && text[after_name] == '}') {
      lookup_plain(name, out, unresolved);
      next = after_name + 1;
      return true;
    }
    Op op{};
    const std::size_t op_len = parse_op(text, after_name, op);
    const std::size_t head_len = after_name + op_len - dollar;
    if (op_len == 0) {
      if (after_name >= text.size()) return fail("invalid template: missing \"}\"", text, dollar, head_len);
      return fail("invalid template: unexpected " + quote_for_message(text.substr(after_name, 1)) + " after \"${" +
                      std::string(name) + "\"",
                  text, dollar, head_len + 1);
    }
    const std::size_t arg_at = after_name + op_len;
    const std::size_t last = last_brace.find(text, arg_at);
    if (last == npos) return fail("invalid template: missing \"}\" on the same line", text, dollar, head_len);
    std::size_t close = first_brace_closing(text, dollar, last);
    if (close == npos || close < arg_at) close = last;
    if (depth + 1 > kMaxInterpolationDepth) {
      return fail("interpolation nested deeper than " + std::to_string(kMaxInterpolationDepth) + " levels", text,
                  dollar, close + 1 - dollar);
    }
    // Upstream substitutes the argument before looking at the variable, so
    // an error inside an unused default still fails.
    std::string arg;
    NameList arg_unresolved;
    if (!expand(text.substr(arg_at, close - arg_at), depth + 1, arg, arg_unresolved)) return false;
    if (!apply_op(op, name, arg, arg_unresolved, out, unresolved)) {
      return fail(error_.value_or(""), text, dollar, close + 1 - dollar);
    }
    next = close + 1;
    return true;
  }

  // withDefaultWhenAbsence / withDefaultWhenPresence / withRequired.
  bool apply_op(Op op, std::string_view name, const std::string& arg, const NameList& arg_unresolved,
                std::string& out, NameList& unresolved) {
    const std::optional<std::string> value = get(name);
    const bool set = value.has_value();
    const bool non_empty = set && !value->empty();
    bool use_arg = false;
    switch (op) {
      case Op::DefaultIfEmptyOrUnset: use_arg = !non_empty; break;
      case Op::DefaultIfUnset: use_arg = !set; break;
      case Op::AltIfNonEmpty: use_arg = non_empty; break;
      case Op::AltIfSet: use_arg = set; break;
      case Op::RequiredNonEmpty:
      case Op::Required:
        if (op == Op::RequiredNonEmpty ? !non_empty : !set) {
          // MissingRequiredError
          std::string msg = "required variable " + std::string(name) + " is missing a value";
          if (!arg.empty()) msg += ": " + arg;
          error_ = std::move(msg);
          return false;
        }
        break;
    }
    if (use_arg) {
      out += arg;
      unresolved.merge(arg_unresolved);
    } else if (set) {
      out += *value;
    }
    return true;
  }

  const EnvLookup& lookup_;
  std::string_view root_;
  std::optional<std::string> error_;
  std::size_t error_offset_ = 0;
  std::size_t error_length_ = 0;
};

// ---------------------------------------------------------------------------
// Double-quoted escapes (dotenv expandEscapes): the regex
// (\\(?:[abcfnrtv$"\\]|0\d{0,3})) with strconv.UnquoteChar on each match;
// `\$` becomes `$$` (a literal '$' for the interpolation that follows); a
// match UnquoteChar rejects (`\c`, `\012`, `\0400`) stays as written.
// `map_in[k]` / `map_out[j]` are source offsets, tracked only on demand.
// ---------------------------------------------------------------------------

bool is_octal(char c) { return c >= '0' && c <= '7'; }

std::string expand_escapes(std::string_view s, const std::vector<std::size_t>* map_in,
                           std::vector<std::size_t>* map_out) {
  std::string out;
  out.reserve(s.size());
  auto emit = [&](std::string_view bytes, std::size_t from) {
    out.append(bytes);
    if (map_out) map_out->insert(map_out->end(), bytes.size(), (*map_in)[from]);
  };
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      emit(s.substr(i, 1), i);
      ++i;
      continue;
    }
    const char c = s[i + 1];
    std::size_t len = 2;
    switch (c) {
      case 'a': emit("\a", i); break;
      case 'b': emit("\b", i); break;
      case 'f': emit("\f", i); break;
      case 'n': emit("\n", i); break;
      case 'r': emit("\r", i); break;
      case 't': emit("\t", i); break;
      case 'v': emit("\v", i); break;
      case '"': emit("\"", i); break;
      case '\\': emit("\\", i); break;
      case '$': emit("$$", i); break;
      case 'c': emit(s.substr(i, 2), i); break;  // in the regex class, rejected by UnquoteChar
      case '0': {
        std::size_t digits = 0;
        while (digits < 3 && i + 2 + digits < s.size() && s[i + 2 + digits] >= '0' && s[i + 2 + digits] <= '9') {
          ++digits;
        }
        len = 2 + digits;
        // `\0ddd` -> `\ddd`: exactly three octal digits, value <= 255.
        const std::string_view d = s.substr(i + 2, digits);
        const bool ok = digits == 3 && is_octal(d[0]) && is_octal(d[1]) && is_octal(d[2]);
        const int v = ok ? (d[0] - '0') * 64 + (d[1] - '0') * 8 + (d[2] - '0') : 256;
        if (v <= 255) {
          std::string enc;
          append_utf8(enc, static_cast<char32_t>(v));  // string(rune(v))
          emit(enc, i);
        } else {
          emit(s.substr(i, len), i);
        }
        break;
      }
      default:  // not an escape: the backslash stays, scanning resumes after it
        emit("\\", i);
        len = 1;
        break;
    }
    i += len;
  }
  return out;
}

// ---------------------------------------------------------------------------
// The parser (dotenv/parser.go). A byte cursor over the whole input like
// upstream's `cutset`, so a quoted value may span lines and another statement
// may follow a closing quote on the same line.
// ---------------------------------------------------------------------------

struct QuotedScan {
  bool closed = false;
  std::size_t close = 0;  // offset of the closing quote
  std::string chars;      // the content with escaped quotes unescaped
};

class EnvParser {
 public:
  EnvParser(std::string path, std::string_view src, const EnvLookup& outer)
      : src_(src), lines_(src), outer_(outer) {
    file_.path = std::move(path);
    mapping_ = [this](std::string_view name) -> std::optional<std::string> {
      // expandVariables: keys already defined in this file, then the lookup.
      const auto it = env_.find(std::string(name));
      if (it != env_.end()) return it->second;
      if (outer_) return outer_(name);
      return std::nullopt;
    };
  }

  EnvFile run() {
    // parseWithLookup: bytes.TrimPrefix(data, utf8BOM).
    std::size_t pos = src_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (!stopped_) {
      pos = statement_start(pos);
      if (pos >= src_.size()) break;
      pos = parse_statement(pos);
    }
    return std::move(file_);
  }

 private:
  // getStatementStart: skips whitespace (unicode.IsSpace, newlines included)
  // and whole `#` comment lines.
  std::size_t statement_start(std::size_t pos) const {
    while (pos < src_.size()) {
      const Rune r = decode_rune(src_, pos);
      if (is_unicode_space(r.cp)) {
        pos += r.len;
      } else if (r.cp == '#') {
        pos = next_line(pos);
      } else {
        break;
      }
    }
    return pos;
  }

  std::size_t next_line(std::size_t pos) const {
    const std::size_t nl = src_.find('\n', pos);
    return nl == npos ? src_.size() : nl + 1;
  }

  std::size_t line_end(std::size_t pos) const { return std::min(src_.find('\n', pos), src_.size()); }

  std::size_t parse_statement(std::size_t pos) {
    const std::size_t key_at = strip_export(pos);
    const bool exported = key_at != pos;
    // locateKeyName: spaces inside the key are skipped by the scan and
    // rejected afterwards; '=', ':' or a newline end the key.
    std::size_t i = key_at;
    while (i < src_.size()) {
      const Rune r = decode_rune(src_, i);
      if (r.cp == '=' || r.cp == ':' || r.cp == '\n') break;
      if (!is_dotenv_space(r.cp) && !is_key_rune(r.cp)) {
        error(i, i + r.len,
              "unexpected character " + quote_for_message(src_.substr(i, r.len)) + " in variable name " +
                  quote_for_message(src_.substr(key_at, line_end(key_at) - key_at)));
        return next_line(i);
      }
      i += r.len;
    }
    const std::size_t key_end = key_at + trimmed_right_length(src_.substr(key_at, i - key_at));
    const std::string key(src_.substr(key_at, key_end - key_at));
    const bool bare = i >= src_.size() || src_[i] == '\n';
    if (key.find(' ') != std::string::npos) {
      error(key_at, key_end, "key cannot contain a space: " + quote_for_message(key));
      return next_line(i);
    }
    if (key.empty()) {
      // `export` alone on a line: upstream looks up "" and sets nothing.
      if (exported && bare) return next_line(i);
      error(i, i + 1, "missing variable name before " + quote_for_message(src_.substr(i, 1)));
      return next_line(i);
    }
    if (bare) {
      add_bare(key, key_at, key_end);
      return next_line(i);
    }
    const std::size_t value_at = skip_dotenv_space(src_, i + 1);
    const char first = value_at < src_.size() ? src_[value_at] : '\0';
    if (first == '"' || first == '\'') return parse_quoted(key, key_at, key_end, value_at, first);
    return parse_unquoted(key, key_at, key_end, i, value_at);
  }

  // `^export\s+` (RE2 \s = [\t\n\f\r ]) then TrimLeftFunc(isSpace).
  std::size_t strip_export(std::size_t pos) const {
    constexpr std::string_view kExport = "export";
    if (src_.substr(pos, kExport.size()) != kExport) return pos;
    const std::size_t after = pos + kExport.size();
    if (after >= src_.size()) return pos;
    switch (src_[after]) {
      case '\t': case '\n': case '\f': case '\r': case ' ':
        return skip_dotenv_space(src_, after);
      default:
        return pos;
    }
  }

  // An inherited key: upstream takes it from the lookup only (not from the
  // keys of this file) and sets nothing when the lookup has no value.
  void add_bare(const std::string& key, std::size_t key_at, std::size_t key_end) {
    EnvEntry e;
    e.key = key;
    e.bare = true;
    e.key_loc = lines_.span(file_.path, key_at, key_end);
    e.value_loc = lines_.span(file_.path, key_end, key_end);
    if (auto v = outer_ ? outer_(key) : std::nullopt) {
      e.value = *v;
      env_[key] = *v;
    } else {
      e.unresolved.push_back(key);
    }
    file_.entries.push_back(std::move(e));
  }

  // extractVarValue, unquoted: up to the newline, cut at the first " #",
  // right-trimmed (unicode.IsSpace, so a CR goes too), then interpolated.
  std::size_t parse_unquoted(const std::string& key, std::size_t key_at, std::size_t key_end, std::size_t sep,
                             std::size_t value_at) {
    const std::size_t eol = line_end(value_at);
    std::string_view text = src_.substr(value_at, eol - value_at);
    text = text.substr(0, text.find(" #"));
    text = text.substr(0, trimmed_right_length(text));
    InterpolationResult r = interpolate_compose(text, mapping_);
    if (r.error) {
      error(value_at + r.error_offset, value_at + r.error_offset + r.error_length, *r.error);
    } else {
      const std::size_t begin = text.empty() ? sep + 1 : value_at;
      add_entry(key, key_at, key_end, begin, begin + text.size(), std::move(r));
    }
    return next_line(eol);
  }

  // extractVarValue, quoted: '...' is literal; "..." gets expandEscapes then
  // interpolation. Parsing resumes right after the closing quote.
  std::size_t parse_quoted(const std::string& key, std::size_t key_at, std::size_t key_end, std::size_t value_at,
                           char quote) {
    QuotedScan q = scan_quoted(value_at, quote, nullptr);
    if (!q.closed) {
      const std::size_t eol = line_end(value_at);
      std::size_t end = value_at + trimmed_right_length(src_.substr(value_at, eol - value_at));
      error(value_at, end, "unterminated quoted value " + quote_for_message(src_.substr(value_at, end - value_at)));
      return next_line(value_at);
    }
    if (quote == '\'') {
      InterpolationResult r;
      r.value = std::move(q.chars);
      add_entry(key, key_at, key_end, value_at, q.close + 1, std::move(r));
      return q.close + 1;
    }
    InterpolationResult r = interpolate_compose(expand_escapes(q.chars, nullptr, nullptr), mapping_);
    if (r.error) {
      locate_quoted_error(value_at, quote, r);
    } else {
      add_entry(key, key_at, key_end, value_at, q.close + 1, std::move(r));
    }
    return q.close + 1;
  }

  // Maps an interpolation error in a double-quoted value back to the source
  // by redoing the unquoting and escapes with offset tracking.
  void locate_quoted_error(std::size_t value_at, char quote, const InterpolationResult& r) {
    std::vector<std::size_t> chars_map;
    std::vector<std::size_t> escaped_map;
    QuotedScan q = scan_quoted(value_at, quote, &chars_map);
    expand_escapes(q.chars, &chars_map, &escaped_map);
    const std::size_t from = r.error_offset, to = r.error_offset + r.error_length;
    const std::size_t begin = from < escaped_map.size() ? escaped_map[from] : q.close;
    const std::size_t end = to < escaped_map.size() ? escaped_map[to] : q.close;
    error(begin, std::max(end, begin + 1), *r.error);
  }

  // The quote terminator loop of extractVarValue: a backslash escapes the
  // next byte; an escaped quote loses its backslash, anything else keeps it.
  // Linear overall: an unterminated scan runs to the end of the input, and
  // no later value can open the same kind of quote (that quote, preceded by
  // '=' or a space, would have closed this scan), so there is at most one
  // such scan per quote kind.
  QuotedScan scan_quoted(std::size_t value_at, char quote, std::vector<std::size_t>* map) const {
    QuotedScan q;
    bool escaped = false;
    for (std::size_t i = value_at + 1; i < src_.size(); ++i) {
      const char c = src_[i];
      if (c != quote) {
        if (!escaped && c == '\\') {
          escaped = true;
          continue;
        }
        if (escaped) {
          escaped = false;
          q.chars += '\\';
          if (map) map->push_back(i - 1);
        }
        q.chars += c;
        if (map) map->push_back(i);
        continue;
      }
      if (escaped) {
        escaped = false;
        q.chars += c;
        if (map) map->push_back(i);
        continue;
      }
      q.closed = true;
      q.close = i;
      return q;
    }
    q.chars.clear();
    return q;
  }

  void add_entry(const std::string& key, std::size_t key_at, std::size_t key_end, std::size_t value_begin,
                 std::size_t value_end, InterpolationResult r) {
    EnvEntry e;
    e.key = key;
    e.value = std::move(r.value);
    e.raw = std::string(src_.substr(value_begin, value_end - value_begin));
    e.key_loc = lines_.span(file_.path, key_at, key_end);
    e.value_loc = lines_.span(file_.path, value_begin, value_end);
    e.unresolved = std::move(r.unresolved);
    env_[key] = e.value;  // out[key] = value: later statements see it
    file_.entries.push_back(std::move(e));
  }

  void error(std::size_t begin, std::size_t end, std::string message) {
    if (file_.errors.size() >= kMaxEnvFileErrors) {
      file_.errors.push_back({lines_.span(file_.path, begin, begin), "too many errors; stopped parsing this file"});
      stopped_ = true;
      return;
    }
    file_.errors.push_back({lines_.span(file_.path, begin, end), std::move(message)});
  }

  std::string_view src_;
  LineIndex lines_;
  const EnvLookup& outer_;
  EnvLookup mapping_;
  EnvFile file_;
  std::unordered_map<std::string, std::string> env_;
  bool stopped_ = false;
};

}  // namespace

InterpolationResult interpolate_compose(std::string_view text, const EnvLookup& lookup) {
  return Interpolator(lookup, text).run();
}

EnvFile parse_env_file(std::string path, std::string_view content, const EnvLookup& outer) {
  return EnvParser(std::move(path), content, outer).run();
}

std::optional<std::string> env_file_value(const EnvFile& f, std::string_view key) {
  std::optional<std::string> v;
  for (const auto& e : f.entries)
    if (e.key == key && !e.bare) v = e.value;
  return v;
}

}  // namespace og
