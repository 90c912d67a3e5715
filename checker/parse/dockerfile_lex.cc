// See dockerfile_lex.h. Upstream references are to moby/buildkit
// frontend/dockerfile/{parser,shell}.
#include "parse/dockerfile_lex.h"

#include <algorithm>
#include <unordered_set>

namespace og::dflex {

namespace {

bool is_ascii_digit(int c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(int c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Length of a white-space character ending at s[end-1], or 0.
std::size_t space_len_before(std::string_view s, std::size_t end) {
  for (std::size_t k = 1; k <= 3 && k <= end; ++k) {
    if (space_len(s, end - k) == k) return k;
  }
  return 0;
}

// split_command.go reads bytes and tests unicode.IsSpace(rune(b)), so the
// Latin-1 bytes 0x85 and 0xA0 count as white space there.
bool is_flag_space(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0;
}

// Go regexp `\s`: [\t\n\f\r ].
bool is_re_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

}  // namespace

std::size_t space_len(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  const auto at = [&](std::size_t k) -> unsigned char {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
  };
  const unsigned char c = at(0);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (c == 0xC2 && (at(1) == 0x85 || at(1) == 0xA0)) return 2;
  if (c == 0xE1 && at(1) == 0x9A && at(2) == 0x80) return 3;  // U+1680
  if (c == 0xE2 && at(1) == 0x80) {
    const unsigned char b = at(2);
    if ((b >= 0x80 && b <= 0x8A) || b == 0xA8 || b == 0xA9 || b == 0xAF) return 3;
  }
  if (c == 0xE2 && at(1) == 0x81 && at(2) == 0x9F) return 3;  // U+205F
  if (c == 0xE3 && at(1) == 0x80 && at(2) == 0x80) return 3;  // U+3000
  return 0;
}

Span trim_space(std::string_view s, Span span) {
  while (span.begin < span.end) {
    const std::size_t n = space_len(s.substr(0, span.end), span.begin);
    if (n == 0) break;
    span.begin += n;
  }
  while (span.end > span.begin) {
    const std::size_t n = space_len_before(s.substr(0, span.end), span.end);
    if (n == 0 || span.end - n < span.begin) break;
    span.end -= n;
  }
  return span;
}

// Mirrors parseWords (parser/line_parsers.go): white space ends a word only
// outside quotes; the escape character protects the next character (not in
// single quotes); quotes and escapes stay in the word.
std::vector<Span> split_words(std::string_view s, char escape) {
  enum { kSpaces, kWord, kQuote } phase = kSpaces;
  std::vector<Span> words;
  const std::size_t n = s.size();
  char quote = 0;
  bool blank_ok = false;  // a quoted empty word ("") still counts
  Span cur;
  std::size_t pos = 0;
  const auto flush = [&] {
    if (blank_ok || cur.end > cur.begin) words.push_back(cur);
  };
  while (true) {
    if (phase == kSpaces) {
      if (pos >= n) break;
      if (const std::size_t sl = space_len(s, pos)) { pos += sl; continue; }
      phase = kWord;
      cur = {pos, pos};
    }
    if (pos >= n) { flush(); break; }
    const char ch = s[pos];
    if (phase == kWord) {
      if (const std::size_t sl = space_len(s, pos)) {
        flush();
        phase = kSpaces;
        blank_ok = false;
        pos += sl;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = ch;
        blank_ok = true;
        phase = kQuote;
      } else if (ch == escape) {
        if (pos + 1 == n) { ++pos; continue; }  // escape at end of line is dropped
        ++pos;                                   // keep escape + escaped char
      }
      cur.end = ++pos;
      continue;
    }
    // kQuote
    if (ch == quote) {
      phase = kWord;
    } else if (ch == escape && quote != '\'') {
      if (pos + 1 == n) { phase = kWord; ++pos; continue; }
      ++pos;
    }
    cur.end = ++pos;
  }
  return words;
}

// Mirrors extractBuilderFlags (parser/split_command.go), including its
// quirks: `\` is always the escape here, and after a `--k=v` flag a bare
// `--k v` is no longer joined.
BuilderFlags extract_builder_flags(std::string_view line) {
  enum { kSpaces, kWord, kQuote } phase = kSpaces;
  BuilderFlags out;
  std::string word;
  char quote = 0;
  bool blank_ok = false, parsing_flag_arg = false, need_flag_arg = true;
  const std::size_t n = line.size();
  for (std::size_t pos = 0; pos <= n; ++pos) {
    unsigned char ch = pos < n ? static_cast<unsigned char>(line[pos]) : 0;
    if (phase == kSpaces) {
      if (pos == n) break;
      if (is_flag_space(ch)) continue;
      if (!parsing_flag_arg && (ch != '-' || pos + 1 == n || line[pos + 1] != '-')) {
        out.rest = pos;
        return out;
      }
      phase = kWord;
    }
    if (pos == n) {
      if (word != "--" && (blank_ok || !word.empty())) out.flags.push_back(word);
      break;
    }
    if (phase == kWord) {
      if (is_flag_space(ch)) {
        phase = kSpaces;
        if (parsing_flag_arg) {
          out.flags.back() += "=" + word;
          parsing_flag_arg = false;
          need_flag_arg = true;
        } else {
          if (word == "--") { out.rest = pos; return out; }
          if (blank_ok || !word.empty()) {
            if (need_flag_arg) parsing_flag_arg = true;
            out.flags.push_back(word);
          }
        }
        word.clear();
        blank_ok = false;
        continue;
      }
      if (ch == '=' && need_flag_arg) need_flag_arg = false;
      if (ch == '\'' || ch == '"') {
        quote = static_cast<char>(ch);
        blank_ok = true;
        phase = kQuote;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == n) continue;
        ch = static_cast<unsigned char>(line[++pos]);
      }
      word += static_cast<char>(ch);
      continue;
    }
    // kQuote
    if (ch == static_cast<unsigned char>(quote)) { phase = kWord; continue; }
    if (ch == '\\') {
      if (pos + 1 == n) { phase = kWord; continue; }
      ch = static_cast<unsigned char>(line[++pos]);
    }
    word += static_cast<char>(ch);
  }
  out.rest = n;
  return out;
}

std::optional<std::string> flag_value(const std::vector<std::string>& flags, std::string_view name) {
  for (const std::string& f : flags) {
    const std::string_view v(f);
    if (v.size() > name.size() + 2 && v.substr(0, 2) == "--" && v.substr(2, name.size()) == name &&
        v[2 + name.size()] == '=') {
      return std::string(v.substr(3 + name.size()));
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Shell patterns for ${v#p} ${v%p} ${v/p/r} (shell/lex.go
// convertShellPatternToRegex): `*` any string, `?` any byte, `\*` `\?` `\\`
// literal, `\}` `\/` drop the backslash. Matching is a linear DP per call.

namespace {

struct PatTok { enum Kind { kLit, kAny, kStar } kind; char c; };

bool compile_pattern(std::string_view p, std::vector<PatTok>& out, std::string& error) {
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '*') { out.push_back({PatTok::kStar, 0}); continue; }
    if (c == '?') { out.push_back({PatTok::kAny, 0}); continue; }
    if (c == '\\') {
      if (i + 1 < p.size() && (p[i + 1] == '}' || p[i + 1] == '/')) continue;
      if (i + 1 >= p.size() || (p[i + 1] != '*' && p[i + 1] != '?' && p[i + 1] != '\\')) {
        error = "invalid pattern (" + std::string(p) + ") in substitution: invalid escape";
        return false;
      }
      out.push_back({PatTok::kLit, p[++i]});
      continue;
    }
    out.push_back({PatTok::kLit, c});
  }
  return true;
}

// For every end position e of `text`, the earliest start s such that
// text[s, e) matches the whole pattern (or npos). With `anchored`, only
// s == 0 is tried.
std::vector<std::size_t> match_starts(const std::vector<PatTok>& pat, std::string_view text,
                                      bool anchored) {
  constexpr std::size_t kNone = std::string_view::npos;
  const std::size_t n = text.size();
  std::vector<std::size_t> cur(n + 1, kNone), next(n + 1, kNone);
  for (std::size_t i = 0; i <= n; ++i) cur[i] = anchored ? (i == 0 ? 0 : kNone) : i;
  for (const PatTok& t : pat) {
    std::fill(next.begin(), next.end(), kNone);
    if (t.kind == PatTok::kStar) {
      std::size_t best = kNone;
      for (std::size_t i = 0; i <= n; ++i) { best = std::min(best, cur[i]); next[i] = best; }
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        if (cur[i] != kNone && (t.kind == PatTok::kAny || text[i] == t.c)) next[i + 1] = cur[i];
      }
    }
    cur.swap(next);
  }
  return cur;
}

}  // namespace

// ---------------------------------------------------------------------------
// Variable substitution, a transcription of shell/lex.go shellWord.

namespace {

constexpr int kEof = -1;
constexpr int kMaxDepth = 64;                   // ${a:-${b:-...}} nesting
constexpr std::size_t kPatternBudget = 50'000'000;  // DP cells per word
// Substitution that grows a word by more than this is an error: `ENV X=$X$X` repeated doubles
// the value on every line (found by fuzz/bounds.py), so without a bound 40
// lines take all memory. Real values are far shorter.
constexpr std::size_t kMaxExpandedBytes = 1u << 20;

class Expander {
 public:
  Expander(std::string_view in, char escape, const VarLookup& lookup)
      : in_(in), esc_(static_cast<unsigned char>(escape)), lookup_(lookup) {}

  Expansion run() {
    Expansion out;
    std::string value;
    if (!until(kEof, false, value)) out.error = error_;
    if (grown_too_much(value) && out.error.empty()) out.error = kTooLong;
    if (grown_too_much(value)) value.clear();
    out.value = std::move(value);
    out.unresolved = std::move(unresolved_);
    return out;
  }

 private:
  static constexpr const char* kTooLong = "substitution makes the value more than 1 MiB longer; not followed";
  // Substitution added more than kMaxExpandedBytes (a long literal is fine).
  bool grown_too_much(const std::string& out) const { return out.size() > in_.size() + kMaxExpandedBytes; }
  bool eof() const { return pos_ >= in_.size(); }
  int peek() const { return eof() ? kEof : static_cast<unsigned char>(in_[pos_]); }
  int next() { return eof() ? kEof : static_cast<unsigned char>(in_[pos_++]); }
  bool fail(std::string msg) {
    if (error_.empty()) error_ = std::move(msg);
    return false;
  }

  // processStopOn: reads until `stop` (consumed) or the end of input.
  bool until(int stop, bool raw_escapes, std::string& out) {
    const bool saved = raw_;
    raw_ = raw_escapes;
    const bool ok = until_impl(stop, out);
    raw_ = saved;
    return ok;
  }

  bool until_impl(int stop, std::string& out) {
    while (!eof()) {
      if (grown_too_much(out)) return fail(kTooLong);
      int ch = peek();
      if (stop != kEof && ch == stop) { ++pos_; return true; }
      if (ch == '$') { if (!dollar(out)) return false; continue; }
      if (ch == '\'') { if (!single_quote(out)) return false; continue; }
      if (ch == '"') { if (!double_quote(out)) return false; continue; }
      ++pos_;
      if (ch == esc_) {
        // The escape character protects the next one, except at the end.
        if (raw_) out += static_cast<char>(ch);
        if (eof()) break;
        ch = next();
      }
      out += static_cast<char>(ch);
    }
    if (stop != kEof) {
      return fail(std::string("unexpected end of statement while looking for matching ") +
                  static_cast<char>(stop));
    }
    return true;
  }

  // processSingleQuote: everything literal up to the next '.
  bool single_quote(std::string& out) {
    ++pos_;
    const std::size_t close = in_.find('\'', pos_);
    if (close == std::string_view::npos) {
      pos_ = in_.size();
      return fail("unexpected end of statement while looking for matching single-quote");
    }
    out.append(in_.substr(pos_, close - pos_));
    pos_ = close + 1;
    return true;
  }

  // processDoubleQuote: $ expands; the escape only protects " $ and itself.
  bool double_quote(std::string& out) {
    ++pos_;
    while (true) {
      if (eof()) return fail("unexpected end of statement while looking for matching double-quote");
      int ch = peek();
      if (ch == '"') { ++pos_; return true; }
      if (ch == '$') { if (!dollar(out)) return false; continue; }
      ++pos_;
      if (ch == esc_) {
        if (raw_) out += static_cast<char>(ch);
        if (eof()) continue;
        const int nx = peek();
        if (nx == '"' || nx == '$' || nx == esc_) ch = next();
      }
      out += static_cast<char>(ch);
    }
  }

  static bool is_special_param(int c) {
    switch (c) {
      case '@': case '*': case '#': case '?': case '-': case '$': case '!': case '0': return true;
      default: return false;
    }
  }

  // processName: digits, one special parameter, or [A-Za-z0-9_]+.
  std::string read_name() {
    std::string name;
    if (eof()) return name;
    if (is_ascii_digit(peek())) {
      while (is_ascii_digit(peek())) name += static_cast<char>(next());
      return name;
    }
    if (is_special_param(peek())) return std::string(1, static_cast<char>(next()));
    while (is_ascii_alnum(peek()) || peek() == '_') name += static_cast<char>(next());
    return name;
  }

  static bool is_identifier(std::string_view name) {
    return !name.empty() && !is_ascii_digit(static_cast<unsigned char>(name[0])) &&
           (is_ascii_alnum(static_cast<unsigned char>(name[0])) || name[0] == '_');
  }

  const std::string* get(const std::string& name, bool record) {
    const std::string* v = lookup_ ? lookup_(name) : nullptr;
    if (!v && record && is_identifier(name) && seen_.insert(name).second) unresolved_.push_back(name);
    return v;
  }

  // Forget unresolved names recorded since `mark` (a branch not taken).
  void rollback_unresolved(std::size_t mark) {
    while (unresolved_.size() > mark) {
      seen_.erase(unresolved_.back());
      unresolved_.pop_back();
    }
  }

  // processStopOn for the word of a ${...} modifier, depth-capped.
  bool nested_word(int stop, bool raw_escapes, std::string& word) {
    if (++depth_ > kMaxDepth) return fail("syntax error: substitution nested too deeply");
    const bool ok = until(stop, raw_escapes, word);
    --depth_;
    if (!ok && eof()) {
      error_ = stop == '/' ? "syntax error: missing '/' in ${}" : "syntax error: missing '}'";
    }
    return ok;
  }

  bool dollar(std::string& out) {
    ++pos_;  // '$'
    if (peek() != '{') {
      const std::string name = read_name();
      if (name.empty()) { out += '$'; return true; }
      if (const std::string* v = get(name, true)) out += *v;
      return true;
    }
    ++pos_;  // '{'
    if (eof()) return fail("syntax error: missing '}'");
    if (peek() == '{' || peek() == '}' || peek() == ':') return fail("syntax error: bad substitution");
    const std::string name = read_name();
    int ch = next();
    if (ch == kEof) return fail("syntax error: missing '}'");
    std::string chs(1, static_cast<char>(ch));
    if (ch == '}') {
      if (const std::string* v = get(name, true)) out += *v;
      return true;
    }
    bool null_is_unset = false;
    if (ch == ':') {
      null_is_unset = true;
      ch = next();
      if (ch != kEof) chs += static_cast<char>(ch);
      return modifier(name, ch, chs, null_is_unset, out);
    }
    if (ch == '+' || ch == '-' || ch == '?' || ch == '#' || ch == '%') {
      return modifier(name, ch, chs, null_is_unset, out);
    }
    if (ch == '/') return replace(name, out);
    return fail("unsupported modifier (" + chs + ") in substitution");
  }

  // ${name[:]op word}
  bool modifier(const std::string& name, int ch, const std::string& chs, bool null_is_unset,
                std::string& out) {
    const std::size_t mark = unresolved_.size();
    std::string word;
    if (!nested_word('}', ch == '#' || ch == '%', word)) return false;
    const std::string* v = get(name, false);
    const bool empty = !v || (null_is_unset && v->empty());
    switch (ch) {
      case '-':  // default when unset (or empty with ':')
        if (empty) { out += word; } else { rollback_unresolved(mark); out += *v; }
        return true;
      case '+':  // alternative when set (and non-empty with ':')
        if (empty) { rollback_unresolved(mark); } else { out += word; }
        return true;
      case '?':
        if (!v) return fail(name + ": " + (word.empty() ? "is not allowed to be unset" : word));
        if (null_is_unset && v->empty()) {
          return fail(name + ": " + (word.empty() ? "is not allowed to be empty" : word));
        }
        rollback_unresolved(mark);
        out += *v;
        return true;
      case '#':
      case '%': {
        rollback_unresolved(mark);  // the pattern is not part of the value
        get(name, true);
        const std::string value = v ? *v : std::string();
        bool greedy = false;
        if (!word.empty() && static_cast<unsigned char>(word[0]) == ch) {
          greedy = true;
          word.erase(0, 1);
        }
        std::string result;
        if (!trim(word, value, ch == '%', greedy, result)) return false;
        out += result;
        return true;
      }
      default:
        return fail("unsupported modifier (" + chs + ") in substitution");
    }
  }

  bool within_budget(std::size_t text, std::size_t pattern) {
    const std::size_t cost = (text + 1) * (pattern + 1);
    if (cost > kPatternBudget - std::min(spent_, kPatternBudget)) return false;
    spent_ += cost;
    return true;
  }

  // trimPrefix / trimSuffix: drop the shortest (or longest) matching prefix
  // or suffix. Over budget the value is left unchanged.
  bool trim(std::string_view pattern, const std::string& value, bool suffix, bool greedy,
            std::string& result) {
    std::vector<PatTok> pat;
    if (!compile_pattern(pattern, pat, error_)) return false;
    result = value;
    if (!within_budget(value.size(), pat.size())) return true;
    std::string text = value;
    if (suffix) {
      std::reverse(pat.begin(), pat.end());
      std::reverse(text.begin(), text.end());
    }
    const std::vector<std::size_t> starts = match_starts(pat, text, true);
    std::size_t cut = std::string::npos;
    for (std::size_t e = 0; e < starts.size(); ++e) {
      if (starts[e] == std::string::npos) continue;
      if (!greedy) { cut = e; break; }
      cut = e;
    }
    if (cut == std::string::npos) return true;
    result = suffix ? value.substr(0, value.size() - cut) : value.substr(cut);
    return true;
  }

  // ${name/pattern/replacement} and ${name//pattern/replacement}: leftmost
  // match, greedy stars; raw escapes kept in pattern and replacement.
  bool replace(const std::string& name, std::string& out) {
    const bool all = peek() == '/';
    if (all) ++pos_;
    std::string pattern, replacement;
    if (!nested_word('/', true, pattern)) return false;
    if (!nested_word('}', true, replacement)) return false;
    const std::string* v = get(name, true);
    std::string value = v ? *v : std::string();
    std::vector<PatTok> pat;
    if (!compile_pattern(pattern, pat, error_)) return false;
    std::string result;
    std::size_t p = 0;
    while (p <= value.size()) {
      const std::string_view rest = std::string_view(value).substr(p);
      if (!within_budget(rest.size(), pat.size())) break;
      const std::vector<std::size_t> starts = match_starts(pat, rest, false);
      std::size_t best_s = std::string::npos, best_e = 0;
      for (std::size_t e = 0; e < starts.size(); ++e) {
        if (starts[e] == std::string::npos) continue;
        if (starts[e] < best_s || (starts[e] == best_s && e > best_e)) { best_s = starts[e]; best_e = e; }
      }
      if (best_s == std::string::npos) break;
      result.append(rest.substr(0, best_s));
      result += replacement;
      p += best_e;
      if (best_e == best_s) {  // empty match: step over one byte
        if (p < value.size()) result += value[p];
        ++p;
      }
      if (!all) break;
    }
    if (p < value.size()) result.append(value, p, std::string::npos);
    out += result;
    return true;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  int esc_;
  const VarLookup& lookup_;
  bool raw_ = false;
  int depth_ = 0;
  std::size_t spent_ = 0;
  std::string error_;
  std::vector<std::string> unresolved_;
  std::unordered_set<std::string> seen_;
};

}  // namespace

Expansion expand_word(std::string_view word, char escape, const VarLookup& lookup) {
  return Expander(word, escape, lookup).run();
}

// ---------------------------------------------------------------------------
// Heredocs (parser.go heredocsFromLine / heredocFromMatch, shell/lex.go
// processPossibleHeredoc).

namespace {

// ProcessWords with RawQuotes, RawEscapes, SkipUnsetEnv and `\` as escape:
// the words of the line as written. `<<` swallows the white space after it
// (and an optional `-`) so `<< EOF` stays one word. Unbalanced quotes or a
// broken ${ make upstream's lexer fail, and then no heredoc is found.
bool raw_shell_words(std::string_view s, std::vector<std::string>& words) {
  std::string cur;
  bool in_word = false;
  const std::size_t n = s.size();
  std::size_t pos = 0;
  const auto flush = [&] {
    if (in_word && !cur.empty()) words.push_back(cur);
    cur.clear();
    in_word = false;
  };
  while (pos < n) {
    const char c = s[pos];
    if (const std::size_t sl = space_len(s, pos)) { flush(); pos += sl; continue; }
    in_word = true;
    if (c == '\'') {
      const std::size_t close = s.find('\'', pos + 1);
      if (close == std::string_view::npos) return false;
      cur.append(s.substr(pos, close + 1 - pos));
      pos = close + 1;
    } else if (c == '"') {
      std::size_t j = pos + 1;
      while (j < n && s[j] != '"') j += (s[j] == '\\' && j + 1 < n) ? 2 : 1;
      if (j >= n) return false;
      cur.append(s.substr(pos, j + 1 - pos));
      pos = j + 1;
    } else if (c == '\\') {
      cur += c;
      if (++pos < n) cur += s[pos++];
    } else if (c == '$' && pos + 1 < n && s[pos + 1] == '{') {
      const std::size_t close = s.find('}', pos + 2);
      if (close == std::string_view::npos || close == pos + 2) return false;
      if (s[pos + 2] == '{' || s[pos + 2] == ':') return false;
      cur.append(s.substr(pos, close + 1 - pos));
      pos = close + 1;
    } else if (c == '<' && pos + 1 < n && s[pos + 1] == '<') {
      cur += "<<";
      pos += 2;
      if (pos < n && s[pos] == '-') cur += s[pos++];
      while (pos < n && (s[pos] == ' ' || s[pos] == '\t')) cur += s[pos++];
    } else {
      cur += c;
      ++pos;
    }
  }
  flush();
  return true;
}

// ProcessWords without RawQuotes: quotes removed, `\` escapes applied, `$`
// kept (SkipUnsetEnv). Returns false when the result is not one word.
bool heredoc_name(std::string_view rest, std::string& name, bool& quoted) {
  name.clear();
  quoted = false;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const char c = rest[i];
    if (c == '\'') {
      const std::size_t close = rest.find('\'', i + 1);
      if (close == std::string_view::npos) return false;
      name.append(rest.substr(i + 1, close - i - 1));
      quoted = true;
      i = close;
    } else if (c == '"') {
      std::size_t j = i + 1;
      for (; j < rest.size() && rest[j] != '"'; ++j) {
        if (rest[j] == '\\' && j + 1 < rest.size() &&
            (rest[j + 1] == '"' || rest[j + 1] == '$' || rest[j + 1] == '\\')) {
          ++j;
        }
        name += rest[j];
      }
      if (j >= rest.size()) return false;
      quoted = true;
      i = j;
    } else if (c == '\\') {
      if (i + 1 < rest.size()) name += rest[++i];
    } else if (space_len(rest, i) != 0) {
      return false;  // two words: not a heredoc
    } else {
      name += c;
    }
  }
  return !name.empty();
}

}  // namespace

std::vector<HeredocSpec> heredocs_in_line(std::string_view line) {
  std::vector<HeredocSpec> docs;
  std::vector<std::string> words;
  if (!raw_shell_words(line, words)) return docs;
  for (const std::string& w : words) {
    // reHeredoc = ^(\d*)<<(-?)\s*([^<]*)$
    std::size_t i = 0;
    while (i < w.size() && is_ascii_digit(static_cast<unsigned char>(w[i]))) ++i;
    if (w.compare(i, 2, "<<") != 0) continue;
    i += 2;
    HeredocSpec spec;
    if (i < w.size() && w[i] == '-') { spec.chomp = true; ++i; }
    while (i < w.size() && is_re_space(w[i])) ++i;
    const std::string_view rest = std::string_view(w).substr(i);
    if (rest.empty() || rest.find('<') != std::string_view::npos) continue;
    bool quoted = false;
    if (!heredoc_name(rest, spec.name, quoted)) continue;
    spec.expand = !quoted;
    docs.push_back(std::move(spec));
  }
  return docs;
}

// ---------------------------------------------------------------------------

bool is_json_string_array(std::string_view s) {
  std::size_t i = 0;
  while (const std::size_t sl = space_len(s, i)) i += sl;
  const auto ws = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  };
  const auto hex = [](char c) {
    return is_ascii_digit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  if (i >= s.size() || s[i] != '[') return false;
  ++i;
  ws();
  if (i < s.size() && s[i] == ']') {
    ++i;
    ws();
    return i == s.size();
  }
  while (true) {
    if (i >= s.size() || s[i] != '"') return false;
    for (++i;; ++i) {
      if (i >= s.size()) return false;
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == '"') break;
      if (c < 0x20) return false;
      if (c != '\\') continue;
      if (++i >= s.size()) return false;
      const char e = s[i];
      if (e == 'u') {
        for (int k = 0; k < 4; ++k) {
          if (++i >= s.size() || !hex(s[i])) return false;
        }
      } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
        return false;
      }
    }
    ++i;  // closing quote
    ws();
    if (i < s.size() && s[i] == ',') { ++i; ws(); continue; }
    if (i < s.size() && s[i] == ']') { ++i; break; }
    return false;
  }
  ws();
  return i == s.size();
}

}  // namespace og::dflex
