#include "parse/docker_run.h"

#include <algorithm>
#include <set>

#include "parse/mem_value.h"

namespace og {

namespace {

struct Word {
  std::string text;        // unquoted
  std::vector<int> cols;   // column of each byte of `text` in the file (same line)
  int line = 0, col = 0, end_col = 0;
  bool expands = false;    // holds $ or ` : not a literal
};

// Splits one logical command line (continuations joined) into shell words,
// keeping the physical position of every byte. Stops at ; | & ) # newline.
// $(...) and `...` stay inside the word that holds them, spaces included.
class WordSplitter {
 public:
  WordSplitter(std::string_view content, size_t pos, int line, int col)
      : c_(content), i_(pos), line_(line), col_(col) {}

  std::vector<Word> split(size_t* end_pos) {
    while (i_ < c_.size()) {
      char ch = c_[i_];
      if (continuation_at(i_)) {
        flush();
        i_ += c_[i_ + 1] == '\r' ? 3 : 2;
        ++line_;
        col_ = 1;
        continue;
      }
      if (ch == '\n' || ch == '\r' || ch == ';' || ch == '|' || ch == '&' || ch == ')' || (ch == '#' && !in_word_)) break;
      if (ch == ' ' || ch == '\t') { flush(); advance(); continue; }
      start_word();
      if (ch == '"' || ch == '\'') quoted(ch);
      else if (ch == '$' && i_ + 1 < c_.size() && c_[i_ + 1] == '(') substitution('(', ')');
      else if (ch == '`') substitution('`', '`');
      else {
        if (ch == '$') cur_.expands = true;
        if (ch == '\\' && i_ + 1 < c_.size()) advance();
        take();
      }
    }
    flush();
    *end_pos = i_;
    return std::move(words_);
  }

 private:
  void advance() { ++i_; ++col_; }
  // A backslash that escapes the line end: the command goes on on the next
  // physical line (split() handles it; a word never spans lines).
  bool continuation_at(size_t i) const {
    // (a lone '\r' ends no line: positions count '\n' only)
    return c_[i] == '\\' && i + 1 < c_.size() &&
           (c_[i + 1] == '\n' || (c_[i + 1] == '\r' && i + 2 < c_.size() && c_[i + 2] == '\n'));
  }
  void take() {
    cur_.text += c_[i_];
    cur_.cols.push_back(col_);
    advance();
    cur_.end_col = col_;
  }
  void start_word() {
    if (in_word_) return;
    in_word_ = true;
    cur_.line = line_;
    cur_.col = col_;
  }
  void flush() {
    if (in_word_) words_.push_back(std::move(cur_));
    cur_ = Word{};
    in_word_ = false;
  }
  void quoted(char q) {
    advance();  // opening quote
    while (i_ < c_.size() && c_[i_] != q && c_[i_] != '\n') {
      if (continuation_at(i_)) { cur_.expands = true; break; }  // the word goes on on the next line: not a literal
      if (q == '"' && (c_[i_] == '$' || c_[i_] == '`')) cur_.expands = true;
      if (q == '"' && c_[i_] == '\\' && i_ + 1 < c_.size()) advance();
      take();
    }
    if (i_ < c_.size() && c_[i_] == q) advance();
    cur_.end_col = col_;
  }
  // $( ... ) with nesting, or ` ... `: kept verbatim, marks the word as an expansion.
  void substitution(char open, char close) {
    cur_.expands = true;
    if (open == '`') {
      take();  // opening backtick
      while (i_ < c_.size() && c_[i_] != '`' && c_[i_] != '\n') {
        if (continuation_at(i_)) return;  // words keep to one physical line
        if (c_[i_] == '\\' && i_ + 1 < c_.size()) take();
        take();
      }
      if (i_ < c_.size() && c_[i_] == '`') take();
      return;
    }
    take();  // '$'
    int depth = 0;
    while (i_ < c_.size() && c_[i_] != '\n') {
      if (c_[i_] == '(') ++depth;
      else if (c_[i_] == close) --depth;
      take();
      if (depth == 0) return;
    }
  }

  std::string_view c_;
  size_t i_;
  int line_, col_;
  Word cur_;
  bool in_word_ = false;
  std::vector<Word> words_;
};

bool is_bool_flag(const std::string& f) {
  static const std::set<std::string> b = {"-d", "-i", "-t", "-P", "--rm", "--init", "--privileged", "--read-only",
                                          "--detach", "--interactive", "--tty", "--publish-all", "--no-healthcheck",
                                          "--oom-kill-disable", "--help", "-q", "--quiet"};
  if (b.count(f)) return true;
  // combined short booleans such as -it, -dit
  if (f.size() > 2 && f[0] == '-' && f[1] != '-') {
    for (size_t i = 1; i < f.size(); ++i)
      if (f[i] != 'd' && f[i] != 'i' && f[i] != 't' && f[i] != 'P') return false;
    return true;
  }
  return false;
}

// Span of text[from..] of a word, from its per-byte columns.
Location span(const std::string& path, const Word& w, size_t from, size_t len) {
  // the whole word (quotes included, as YAML spans include them), or its empty end
  if (w.cols.empty() || from >= w.cols.size() || (from == 0 && len >= w.cols.size()))
    return Location::at(path, w.line, w.col, w.end_col);
  size_t last = std::min(w.cols.size(), from + len);
  if (len == 0) return Location::at(path, w.line, w.cols[from], w.cols[from]);
  return Location::at(path, w.line, w.cols[from], w.cols[last - 1] + 1);
}

void parse_command(const std::string& path, const std::vector<Word>& w, size_t start, DockerRunCmd* cmd) {
  for (size_t i = start; i < w.size(); ++i) {
    const std::string& t = w[i].text;
    if (t.empty() || t[0] != '-' || t == "-") {
      cmd->image = t;
      cmd->image_loc = span(path, w[i], 0, t.size());
      return;
    }
    if (t == "--") continue;
    std::string flag = t, value;
    const Word* vw = nullptr;
    size_t skip = 0;
    size_t eq = t.find('=');
    bool is_short = t.size() >= 2 && t[1] != '-';
    if (t.rfind("--", 0) == 0 && eq != std::string::npos) {
      flag = t.substr(0, eq);  // --memory=512m
      skip = eq + 1;
    } else if (is_short && t.size() > 2 && (t[1] == 'm' || t[1] == 'e')) {
      flag = t.substr(0, 2);   // -m512m, -m=512m, -eK=V, -e=K=V
      skip = t[2] == '=' ? 3 : 2;
    } else if (is_bool_flag(t)) {
      continue;
    } else if (i + 1 < w.size()) {
      vw = &w[++i];
    } else {
      return;
    }
    if (!vw) vw = &w[i];
    else skip = 0;
    value = vw->text.substr(skip);
    if (vw->expands) continue;
    Location vl = span(path, *vw, skip, value.size());
    if (flag == "-m" || flag == "--memory") cmd->memory = make_mem_value(value, vl, QuantityFormat::Docker, "--memory");
    else if (flag == "--memory-swap")
      cmd->memory_swap = make_mem_value(value, vl, QuantityFormat::Docker, "--memory-swap");
    else if (flag == "-e" || flag == "--env") {
      size_t e = value.find('=');
      DockerRunCmd::Env env;
      env.key = value.substr(0, e);
      env.bare = e == std::string::npos;
      if (env.bare) {
        env.loc = span(path, *vw, skip, env.key.size());
      } else {
        env.value = value.substr(e + 1);
        env.loc = span(path, *vw, skip + e + 1, env.value.size());
      }
      cmd->env.push_back(env);
    }
  }
}

// A `#` that starts a comment before `pos` on the same line (outside quotes).
bool in_comment(std::string_view content, size_t line_start, size_t pos) {
  char quote = 0;
  for (size_t k = line_start; k < pos; ++k) {
    char c = content[k];
    if (quote) { if (c == quote) quote = 0; continue; }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '#' && (k == line_start || content[k - 1] == ' ' || content[k - 1] == '\t')) return true;
  }
  return false;
}

}  // namespace

std::vector<DockerRunCmd> find_docker_runs(const std::string& path, std::string_view content) {
  std::vector<DockerRunCmd> out;
  size_t pos = 0;
  int line = 1;
  size_t line_start = 0;
  // The next occurrence of each engine name at or after `pos`, searched again
  // only once passed (searching both on every hit is quadratic when one of
  // them never occurs; found by fuzz/bounds.py).
  const char* const engines[] = {"docker", "podman"};
  size_t next[] = {0, 0};
  bool searched[] = {false, false};
  while (pos < content.size()) {
    size_t hit = std::string_view::npos;
    for (int e = 0; e < 2; ++e) {
      if (!searched[e] || (next[e] != std::string_view::npos && next[e] < pos)) {
        next[e] = content.find(engines[e], pos);
        searched[e] = true;
      }
      if (next[e] < hit) hit = next[e];
    }
    if (hit == std::string_view::npos) break;
    for (size_t k = pos; k < hit; ++k)
      if (content[k] == '\n') { ++line; line_start = k + 1; }
    pos = hit;
    bool boundary = hit == 0 || content[hit - 1] == ' ' || content[hit - 1] == '\t' || content[hit - 1] == '\n' ||
                    content[hit - 1] == '"' || content[hit - 1] == '\'' || content[hit - 1] == '(' ||
                    content[hit - 1] == '/' || content[hit - 1] == ';' || content[hit - 1] == '&' || content[hit - 1] == '@';
    if (!boundary || in_comment(content, line_start, hit)) { ++pos; continue; }
    size_t end = pos;
    int col = static_cast<int>(hit - line_start) + 1;
    std::vector<Word> w = WordSplitter(content, hit, line, col).split(&end);
    if (w.size() >= 3 && (w[0].text == "docker" || w[0].text == "podman") &&
        (w[1].text == "run" || (w[1].text == "container" && w[2].text == "run"))) {
      DockerRunCmd cmd;
      cmd.loc = span(path, w[0], 0, w[0].text.size());
      parse_command(path, w, w[1].text == "run" ? 2 : 3, &cmd);
      out.push_back(std::move(cmd));
    }
    for (size_t k = pos; k < end && k < content.size(); ++k)
      if (content[k] == '\n') { ++line; line_start = k + 1; }
    pos = std::max(end, pos + 1);
  }
  return out;
}

}  // namespace og
