// Dockerfile parser mirroring the BuildKit Dockerfile frontend
// (moby/buildkit frontend/dockerfile): parser/parser.go (lines, directives,
// continuations, heredocs), parser/split_command.go + line_parsers.go
// (keyword, flags, ENV/ARG words), instructions/parse.go (FROM, ARG),
// dockerfile2llb/convert.go (ARG/ENV scoping, FROM expansion) and
// shell/lex.go (substitution, via dockerfile_lex.h).
//
// Where upstream stops at the first error, this parser records a
// ParseError and goes on. Every pass is linear in the input.
#include "parse/dockerfile.h"

#include <algorithm>
#include <climits>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "parse/dockerfile_lex.h"

namespace og {

namespace {

using dflex::Span;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kMaxErrors = 500;              // then one "further errors" note
constexpr std::size_t kMaxShown = 64;                // bytes of input quoted in messages
constexpr std::size_t kInheritBudget = 4'000'000;    // ENV entries copied between stages
constexpr std::size_t kInheritBytesBudget = 64u << 20;  // ... and their bytes (a long chain of growing values)

int clamp_int(std::size_t v) { return v > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(v); }

std::string shown(std::string_view s) {
  if (s.size() <= kMaxShown) return std::string(s);
  return std::string(s.substr(0, kMaxShown)) + "...";
}

std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (const std::size_t n = dflex::space_len(s, i)) i += n;
  return i;
}

// parser.go isComment: '#' after leading white space.
bool is_comment(std::string_view line) {
  const std::size_t i = skip_spaces(line, 0);
  return i < line.size() && line[i] == '#';
}

// parser.go isEmptyContinuationLine.
bool is_blank(std::string_view line) { return skip_spaces(line, 0) >= line.size(); }

// parser.go lineContinuationRegex `([^E])E[ \t]*$|^E[ \t]*$`: the escape
// character ends the line (trailing blanks allowed) and is not itself
// escaped. Returns the line without it.
std::string_view trim_continuation(std::string_view line, char escape, bool& continued) {
  std::size_t e = line.size();
  while (e > 0 && (line[e - 1] == ' ' || line[e - 1] == '\t')) --e;
  continued = e >= 1 && line[e - 1] == escape && (e == 1 || line[e - 2] != escape);
  return continued ? line.substr(0, e - 1) : line;
}

// instructions/parse.go parseBuildStageName: ^[a-z][a-z0-9-_\.]*$
bool valid_stage_name(std::string_view name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

// command.Commands
bool known_instruction(std::string_view kw) {
  static const std::unordered_set<std::string_view> kKnown = {
      "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK",
      "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"};
  return kKnown.count(kw) != 0;
}

// ARGs BuildKit defines in the global scope on its own (platform args).
const std::vector<std::string>& automatic_args() {
  static const std::vector<std::string> kArgs = {
      "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
      "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT"};
  return kArgs;
}

// ---------------------------------------------------------------------------
// Physical lines (parser.go scanLines + trimNewline; the BOM is dropped
// from the first line only).

struct PhysLine {
  std::size_t start = 0;  // file offset of the line (column 1)
  std::size_t begin = 0;  // first content byte (after a BOM on line 1)
  std::size_t end = 0;    // end of content without trailing \r and \n
  int number = 0;
};

class LineReader {
 public:
  explicit LineReader(std::string_view content) : c_(content) {}

  bool next(PhysLine& l) {
    if (pos_ >= c_.size()) return false;
    const std::size_t nl = c_.find('\n', pos_);
    const std::size_t stop = nl == std::string_view::npos ? c_.size() : nl + 1;
    l.start = l.begin = pos_;
    if (number_ == 0 && c_.substr(pos_, kBom.size()) == kBom) l.begin += kBom.size();
    std::size_t e = stop;
    while (e > l.begin && (c_[e - 1] == '\n' || c_[e - 1] == '\r')) --e;
    l.end = e;
    l.number = ++number_;
    pos_ = stop;
    return true;
  }

  std::string_view text(const PhysLine& l) const { return c_.substr(l.begin, l.end - l.begin); }

 private:
  std::string_view c_;
  std::size_t pos_ = 0;
  int number_ = 0;
};

// ---------------------------------------------------------------------------
// A logical line: the joined text of an instruction plus, for every
// physical piece, where it came from, so any byte maps back to line/col.

struct Segment {
  std::size_t text_off;    // offset in LogicalLine::text
  std::size_t file_off;    // file offset of that byte
  std::size_t line_start;  // file offset of the physical line
  int line;
};

struct LogicalLine {
  std::string text;
  std::vector<Segment> segs;
  int first_line = 0;
  int last_line = 0;

  void append(std::string_view piece, const PhysLine& l, std::size_t file_off) {
    segs.push_back({text.size(), file_off, l.start, l.number});
    text.append(piece);
  }

  // Line and column of text offset `off` (off == text.size() is allowed).
  std::pair<int, int> pos(std::size_t off) const {
    auto it = std::upper_bound(segs.begin(), segs.end(), off,
                               [](std::size_t o, const Segment& s) { return o < s.text_off; });
    if (it == segs.begin()) return {first_line, 1};
    const Segment& s = *std::prev(it);
    return {s.line, clamp_int(s.file_off + (off - s.text_off) - s.line_start + 1)};
  }
};

// One instruction split as splitCommand + extractBuilderFlags do.
struct Instr {
  std::string keyword;  // upper-case
  Span kw;              // keyword in the logical text
  Span after;           // everything after the keyword, trimmed (flags included)
  std::vector<std::string> flags;
  Span args;            // arguments after the flags, trimmed
};

Instr split_instruction(std::string_view text, Span range) {
  Instr in;
  const Span all = dflex::trim_space(text, range);
  std::size_t k = all.begin;
  while (k < all.end && !dflex::is_token_space(text[k])) ++k;
  in.kw = {all.begin, k};
  in.keyword = ascii_upper(text.substr(all.begin, k - all.begin));
  std::size_t r = k;
  while (r < all.end && dflex::is_token_space(text[r])) ++r;
  in.after = {r, all.end};
  dflex::BuilderFlags fl = dflex::extract_builder_flags(text.substr(r, all.end - r));
  in.flags = std::move(fl.flags);
  in.args = dflex::trim_space(text, {r + fl.rest, all.end});
  return in;
}

std::string_view slice(std::string_view text, Span s) { return text.substr(s.begin, s.end - s.begin); }

// parser.go canContainHeredoc: RUN/COPY/ADD (also behind ONBUILD), not in
// JSON (exec) form.
bool can_contain_heredoc(std::string_view text, const Instr& in) {
  const Instr* cmd = &in;
  Instr sub;
  if (in.keyword == "ONBUILD") {
    sub = split_instruction(text, in.args);
    cmd = &sub;
  }
  if (cmd->keyword != "RUN" && cmd->keyword != "COPY" && cmd->keyword != "ADD") return false;
  return !dflex::is_json_string_array(slice(text, cmd->args));
}

// ---------------------------------------------------------------------------

class Parser {
 public:
  Parser(std::string path, std::string_view content) : reader_(content) {
    df_.path = std::move(path);
    for (const std::string& a : automatic_args()) global_vals_[a] = "";
  }

  Dockerfile run() {
    LogicalLine ll;
    while (next_logical(ll)) handle(ll);
    if (df_.stages.empty()) error(Location::whole_file(df_.path), "file with no FROM instruction");
    return std::move(df_);
  }

 private:
  // ---- errors and locations ----

  void error(Location loc, std::string message) {
    if (df_.errors.size() < kMaxErrors) {
      df_.errors.push_back({std::move(loc), std::move(message)});
    } else if (df_.errors.size() == kMaxErrors) {
      df_.errors.push_back({Location::whole_file(df_.path), "too many errors; further errors not reported"});
    }
  }

  Location span(const LogicalLine& ll, Span s) const {
    const auto [line, col] = ll.pos(s.begin);
    Location loc = Location::at(df_.path, line, col, col);
    if (s.end > s.begin) {
      const auto [eline, ecol] = ll.pos(s.end - 1);
      loc.end_line = eline;
      loc.end_col = ecol + 1;
    }
    return loc;
  }

  // ---- lines, directives, continuations (parser.go Parse) ----

  bool next_logical(LogicalLine& ll) {
    PhysLine l;
    while (reader_.next(l)) {
      const std::string_view raw = reader_.text(l);
      const std::size_t lead = skip_spaces(raw, 0);  // stripLeftWhitespace
      const std::string_view first = raw.substr(lead);
      directive(first, l, l.begin + lead);
      if (is_comment(first)) continue;  // trimComments
      bool continued = false;
      const std::string_view piece = trim_continuation(first, df_.escape, continued);
      if (!continued && piece.empty()) continue;
      ll = LogicalLine{};
      ll.first_line = ll.last_line = l.number;
      ll.append(piece, l, l.begin + lead);
      while (continued && reader_.next(l)) {
        const std::string_view text = reader_.text(l);
        ll.last_line = l.number;
        if (is_comment(text) || is_blank(text)) continue;  // dropped inside continuations
        const std::string_view more = trim_continuation(text, df_.escape, continued);
        ll.append(more, l, l.begin);
      }
      return true;
    }
    return false;
  }

  // directives.go DirectiveParser.ParseLine: `#key=value` lines before
  // anything else; a blank line, a plain comment or an instruction ends them.
  void directive(std::string_view line, const PhysLine& l, std::size_t file_off) {
    if (directives_done_) return;
    if (line.empty() || line[0] != '#') { directives_done_ = true; return; }
    std::size_t i = skip_spaces(line, 1);
    const std::size_t key_begin = i;
    const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (i >= line.size() || !alpha(line[i])) { directives_done_ = true; return; }
    while (i < line.size() && (alpha(line[i]) || (line[i] >= '0' && line[i] <= '9'))) ++i;
    const std::string key = ascii_lower(line.substr(key_begin, i - key_begin));
    const auto re_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; };
    while (i < line.size() && re_space(line[i])) ++i;
    if (i >= line.size() || line[i] != '=') { directives_done_ = true; return; }
    const std::string_view rest = line.substr(i + 1);
    if (rest.empty()) { directives_done_ = true; return; }
    // \s*(.+?)\s*$ : trimmed value, or the last character if all blank.
    std::size_t vb = 0, ve = rest.size();
    while (vb < ve && re_space(rest[vb])) ++vb;
    if (vb == ve) vb = ve - 1;
    while (ve > vb + 1 && re_space(rest[ve - 1])) --ve;
    const std::string_view value = rest.substr(vb, ve - vb);
    if (key != "syntax" && key != "escape" && key != "check") { directives_done_ = true; return; }

    const std::size_t value_off = file_off + i + 1 + vb;
    const int col = clamp_int(value_off - l.start + 1);
    const Location loc = Location::at(df_.path, l.number, col, clamp_int(col + value.size()));
    if (!directives_seen_.insert(key).second) {
      error(loc, "only one " + key + " parser directive can be used");
      return;
    }
    if (key != "escape") return;
    if (value != "`" && value != "\\") {
      error(loc, "invalid escape token '" + shown(value) + "' does not match ` or \\");
      return;
    }
    df_.escape = value[0];
  }

  // ---- heredocs ----

  // Reads the bodies of the heredocs opened on `ll` (in order) and returns
  // them joined; each ends at its terminator line (tabs ignored for <<-).
  std::string heredoc_bodies(LogicalLine& ll, const Instr& in) {
    std::string bodies;
    if (!can_contain_heredoc(ll.text, in) || ll.text.find("<<") == std::string::npos) return bodies;
    for (const dflex::HeredocSpec& doc : dflex::heredocs_in_line(ll.text)) {
      bool terminated = false;
      PhysLine l;
      while (reader_.next(l)) {
        ll.last_line = l.number;
        const std::string_view text = reader_.text(l);
        std::string_view candidate = text;
        if (doc.chomp) candidate.remove_prefix(std::min(candidate.find_first_not_of('\t'), candidate.size()));
        if (candidate == doc.name) { terminated = true; break; }
        bodies += '\n';
        bodies.append(text);
      }
      if (!terminated) {
        error(span(ll, in.kw), "unterminated heredoc <<" + shown(doc.name));
        break;
      }
    }
    return bodies;
  }

  // ---- instructions ----

  void handle(LogicalLine& ll) {
    const Instr in = split_instruction(ll.text, {0, ll.text.size()});
    if (in.kw.end == in.kw.begin) return;  // white space only
    const std::string bodies = heredoc_bodies(ll, in);
    const Location kw_loc = span(ll, in.kw);
    if (!known_instruction(in.keyword)) {
      error(kw_loc, "unknown instruction: " + shown(slice(ll.text, in.kw)));
      return;
    }
    if (in.keyword == "FROM") { on_from(ll, in, kw_loc); return; }
    if (df_.stages.empty()) {
      if (in.keyword == "ARG") { on_arg(ll, in, kw_loc, nullptr); return; }
      error(kw_loc, in.keyword + " before the first FROM (no build stage in current context)");
      return;
    }
    DfStage& stage = df_.stages.back();
    DfInstruction inst{in.keyword, std::string(slice(ll.text, in.after)) + bodies, kw_loc, ll.last_line};
    stage.instructions.push_back(inst);
    if (in.keyword == "ENV") {
      on_env(ll, in, kw_loc, stage);
    } else if (in.keyword == "ARG") {
      on_arg(ll, in, kw_loc, &stage);
    } else if (in.keyword == "RUN") {
      stage.runs.push_back(std::move(inst));
    } else if (in.keyword == "COPY" || in.keyword == "ADD") {
      on_copy(in, std::move(inst), stage);
    }
  }

  // instructions/parse.go parseFrom; dockerfile2llb expands the image
  // reference (and --platform) with the global ARGs only.
  void on_from(const LogicalLine& ll, const Instr& in, const Location& kw_loc) {
    end_stage();
    std::vector<Span> words;
    for (std::size_t i = in.args.begin; i < in.args.end;) {
      std::size_t j = i;
      while (j < in.args.end && !dflex::is_token_space(ll.text[j])) ++j;
      words.push_back({i, j});
      while (j < in.args.end && dflex::is_token_space(ll.text[j])) ++j;
      i = j;
    }
    DfStage st;
    st.index = clamp_int(df_.stages.size());
    if (words.size() == 3 && ascii_lower(slice(ll.text, words[1])) == "as") {
      st.name = ascii_lower(slice(ll.text, words[2]));
      if (!valid_stage_name(st.name)) {
        error(span(ll, words[2]), "invalid name for build stage: \"" + shown(slice(ll.text, words[2])) +
                                      "\", name can't start with a number or contain symbols");
      }
    } else if (words.size() != 1) {
      error(kw_loc, "FROM requires either one or three arguments");
    }
    const dflex::VarLookup global = [this](std::string_view n) { return lookup_global(n); };
    st.from_loc = kw_loc;
    if (!words.empty()) {
      st.from_loc = span(ll, words[0]);
      dflex::Expansion e = dflex::expand_word(slice(ll.text, words[0]), df_.escape, global);
      if (!e.error.empty()) error(st.from_loc, e.error);
      st.base = std::move(e.value);
      st.base_unresolved = std::move(e.unresolved);
    }
    if (const auto platform = dflex::flag_value(in.flags, "platform")) {
      dflex::Expansion e = dflex::expand_word(*platform, df_.escape, global);
      if (!e.error.empty()) error(kw_loc, e.error);
      st.platform = std::move(e.value);
    }
    // FROM <earlier stage> (names are compared lower-cased).
    // The latest earlier stage of that name, from a map (not a scan of every
    // stage per FROM, which is quadratic).
    const std::string base_lower = ascii_lower(st.base);
    if (auto it = stage_by_name_.find(base_lower); !base_lower.empty() && it != stage_by_name_.end())
      st.parent_stage = it->second;
    if (!st.name.empty()) stage_by_name_[st.name] = st.index;
    begin_stage(st.parent_stage);
    df_.stages.push_back(std::move(st));
  }

  // Saves the finished stage's ENV so later `FROM <stage>` can inherit it.
  void end_stage() {
    if (df_.stages.empty()) return;
    std::size_t bytes = 0;
    for (const auto& [k, v] : scope_env_) bytes += k.size() + v.size();
    stage_env_bytes_.push_back(bytes);
    stage_env_.push_back(std::move(scope_env_));
    scope_env_.clear();
    scope_args_.clear();
  }

  // A new stage sees its parent stage's final ENV (image config) and no ARG.
  void begin_stage(int parent) {
    if (parent < 0) return;
    const auto& inherited = stage_env_[static_cast<std::size_t>(parent)];
    const std::size_t bytes = stage_env_bytes_[static_cast<std::size_t>(parent)];
    if (inherited_copied_ + inherited.size() > kInheritBudget || inherited_bytes_ + bytes > kInheritBytesBudget) {
      if (!inherit_budget_reported_) {
        error(Location::whole_file(df_.path), "too many inherited ENV entries; stage inheritance not followed");
        inherit_budget_reported_ = true;
      }
      return;
    }
    inherited_copied_ += inherited.size();
    inherited_bytes_ += bytes;
    scope_env_ = inherited;
  }

  // line_parsers.go parseNameVal: `ENV K=V ...` or the legacy `ENV K V W`.
  // All pairs are expanded with the environment before the instruction.
  void on_env(const LogicalLine& ll, const Instr& in, const Location& kw_loc, DfStage& stage) {
    const std::string_view args = slice(ll.text, in.args);
    const std::vector<Span> words = dflex::split_words(args, df_.escape);
    if (words.empty()) { error(kw_loc, "ENV requires at least one argument"); return; }
    const auto abs = [&](Span s) { return Span{in.args.begin + s.begin, in.args.begin + s.end}; };
    std::vector<std::pair<Span, Span>> pairs;  // key, value (absolute)
    if (slice(args, words[0]).find('=') == std::string_view::npos) {
      std::size_t k = 0;
      while (k < args.size() && !dflex::is_token_space(args[k])) ++k;
      std::size_t v = k;
      while (v < args.size() && dflex::is_token_space(args[v])) ++v;
      if (v >= args.size()) {
        error(span(ll, abs({0, k})), "ENV must have two arguments (ENV " + shown(args.substr(0, k)) +
                                          " has no value; use ENV KEY=VALUE)");
        return;
      }
      pairs.push_back({abs({0, k}), abs({v, args.size()})});
    } else {
      for (const Span& w : words) {
        const std::size_t eq = slice(args, w).find('=');
        if (eq == std::string_view::npos) {
          error(span(ll, abs(w)), "Syntax error - can't find = in \"" + shown(slice(args, w)) +
                                      "\". Must be of the form: name=value");
          continue;
        }
        if (eq == 0) { error(span(ll, abs(w)), "ENV names can not be blank"); continue; }
        pairs.push_back({abs({w.begin, w.begin + eq}), abs({w.begin + eq + 1, w.end})});
      }
    }
    const dflex::VarLookup scope = [this](std::string_view n) { return lookup_stage(n); };
    std::vector<DfVar> vars;
    for (const auto& [key, value] : pairs) vars.push_back(make_var(ll, key, &value, scope, true));
    for (DfVar& v : vars) {
      scope_env_[v.key] = v.value;
      stage.env.push_back(std::move(v));
    }
  }

  // instructions/parse.go parseArg + convert.go dispatchArg: NAME[=default]
  // words, each expanded in turn. A stage `ARG NAME` takes the global value.
  void on_arg(const LogicalLine& ll, const Instr& in, const Location& kw_loc, DfStage* stage) {
    const std::string_view args = slice(ll.text, in.args);
    const std::vector<Span> words = dflex::split_words(args, df_.escape);
    if (words.empty()) { error(kw_loc, "ARG requires at least one argument"); return; }
    const dflex::VarLookup scope = [this, stage](std::string_view n) {
      return stage ? lookup_stage(n) : lookup_global(n);
    };
    for (const Span& w : words) {
      const Span word{in.args.begin + w.begin, in.args.begin + w.end};
      const std::size_t eq = slice(ll.text, word).find('=');
      if (eq == 0) { error(span(ll, word), "ARG names can not be blank"); continue; }
      DfVar var;
      if (eq == std::string_view::npos) {
        var = make_var(ll, word, nullptr, scope, false);
        if (stage) inherit_global(var);
      } else {
        const Span value{word.begin + eq + 1, word.end};
        var = make_var(ll, {word.begin, word.begin + eq}, &value, scope, false);
      }
      if (stage) {
        if (var.has_value) scope_args_[var.key] = var.value;
        stage->args.push_back(std::move(var));
      } else {
        if (var.has_value) {
          global_vals_[var.key] = var.value;
          global_index_[var.key] = df_.global_args.size();
        }
        df_.global_args.push_back(std::move(var));
      }
    }
  }

  // dispatchArg: an ARG without default inside a stage takes the global
  // ARG's value (automatic platform ARGs count, with an unknown value "").
  void inherit_global(DfVar& var) const {
    const auto v = global_vals_.find(var.key);
    if (v == global_vals_.end()) return;
    var.has_value = true;
    var.from_global = true;
    var.value = v->second;
    const auto idx = global_index_.find(var.key);
    if (idx == global_index_.end()) return;
    const DfVar& g = df_.global_args[idx->second];
    var.raw = g.raw;
    var.value_loc = g.value_loc;
    var.unresolved = g.unresolved;
  }

  void on_copy(const Instr& in, DfInstruction inst, DfStage& stage) {
    DfStage::Copy copy{"", inst.loc, std::move(inst.args)};
    if (in.keyword == "COPY") {
      if (const auto from = dflex::flag_value(in.flags, "from")) {
        const dflex::VarLookup scope = [this](std::string_view n) { return lookup_stage(n); };
        copy.from = dflex::expand_word(*from, df_.escape, scope).value;
      }
    }
    stage.copies.push_back(std::move(copy));
  }

  // Builds a DfVar from key/value spans of the logical line. `value` null:
  // ARG NAME without default.
  DfVar make_var(const LogicalLine& ll, Span key, const Span* value, const dflex::VarLookup& scope,
                 bool expand_key) {
    DfVar v;
    v.key_loc = span(ll, key);
    v.key = std::string(slice(ll.text, key));
    if (expand_key) {  // commands.go expandKvp expands ENV keys too
      dflex::Expansion k = dflex::expand_word(v.key, df_.escape, scope);
      if (!k.error.empty()) error(v.key_loc, k.error);
      v.key = std::move(k.value);
    }
    if (!value) {
      v.has_value = false;
      v.value_loc = span(ll, {key.end, key.end});
      return v;
    }
    v.raw = std::string(slice(ll.text, *value));
    v.value_loc = span(ll, *value);
    dflex::Expansion e = dflex::expand_word(v.raw, df_.escape, scope);
    if (!e.error.empty()) error(v.value_loc, e.error);
    v.value = std::move(e.value);
    v.unresolved = std::move(e.unresolved);
    return v;
  }

  // Stage scope: ENV (inherited + own) beats ARG of the same name.
  const std::string* lookup_stage(std::string_view name) const {
    const std::string key(name);
    if (const auto it = scope_env_.find(key); it != scope_env_.end()) return &it->second;
    if (const auto it = scope_args_.find(key); it != scope_args_.end()) return &it->second;
    return nullptr;
  }

  // Global scope (FROM lines and ARGs before the first FROM).
  const std::string* lookup_global(std::string_view name) const {
    const auto it = global_vals_.find(std::string(name));
    return it == global_vals_.end() ? nullptr : &it->second;
  }

  LineReader reader_;
  Dockerfile df_;
  bool directives_done_ = false;
  std::unordered_set<std::string> directives_seen_;
  std::unordered_map<std::string, std::string> global_vals_;   // global ARGs with a value
  std::unordered_map<std::string, std::size_t> global_index_;  // -> df_.global_args
  std::unordered_map<std::string, std::string> scope_env_;     // current stage ENV
  std::unordered_map<std::string, std::string> scope_args_;    // current stage ARGs
  std::vector<std::unordered_map<std::string, std::string>> stage_env_;  // final ENV per stage
  std::vector<std::size_t> stage_env_bytes_;  // key + value bytes of stage_env_[i]
  std::unordered_map<std::string, int> stage_by_name_;  // "AS name" -> latest stage of that name
  std::size_t inherited_copied_ = 0;
  std::size_t inherited_bytes_ = 0;
  bool inherit_budget_reported_ = false;
};

}  // namespace

int Dockerfile::final_stage(std::string_view target) const {
  if (target.empty()) return stages.empty() ? -1 : static_cast<int>(stages.size()) - 1;
  const std::string name = ascii_lower(target);
  for (std::size_t i = stages.size(); i-- > 0;) {
    if (stages[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<int> Dockerfile::ancestry(int stage) const {
  std::vector<int> chain;
  const int n = static_cast<int>(stages.size());
  std::vector<bool> seen(stages.size(), false);  // a malformed parent cycle stops here
  for (int s = stage; s >= 0 && s < n && !seen[static_cast<std::size_t>(s)];
       s = stages[static_cast<std::size_t>(s)].parent_stage) {
    seen[static_cast<std::size_t>(s)] = true;
    chain.push_back(s);
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

Dockerfile parse_dockerfile(std::string path, std::string_view content) {
  return Parser(std::move(path), content).run();
}

}  // namespace og
