#include "parse/docker_run.h"

#include <set>

#include "parse/mem_value.h"

namespace og {

namespace {

struct Word {
  std::string text;  // unquoted
  int line = 0, col = 0, end_col = 0;
  bool expands = false;  // holds $ or ` : not a literal
};

// Splits one logical command line (continuations joined) into shell words,
// keeping the physical position of each. Stops at ; | & && || # and newline.
std::vector<Word> split_words(std::string_view content, size_t pos, int line, int col, size_t* end_pos) {
  std::vector<Word> words;
  Word cur;
  bool in_word = false;
  auto flush = [&] {
    if (in_word) words.push_back(cur);
    cur = Word{};
    in_word = false;
  };
  size_t i = pos;
  while (i < content.size()) {
    char c = content[i];
    if (c == '\\' && i + 1 < content.size() && (content[i + 1] == '\n' || content[i + 1] == '\r')) {
      flush();
      i += content[i + 1] == '\r' && i + 2 < content.size() && content[i + 2] == '\n' ? 3 : 2;
      ++line;
      col = 1;
      // a YAML block or Makefile recipe indents the continuation
      continue;
    }
    if (c == '\n' || c == ';' || c == '|' || c == '&' || (c == '#' && !in_word) || c == '\r') break;
    if (c == ' ' || c == '\t') { flush(); ++i; ++col; continue; }
    if (!in_word) { in_word = true; cur.line = line; cur.col = col; }
    if (c == '"' || c == '\'') {
      char q = c;
      ++i; ++col;
      while (i < content.size() && content[i] != q && content[i] != '\n') {
        if (q == '"' && (content[i] == '$' || content[i] == '`')) cur.expands = true;
        if (q == '"' && content[i] == '\\' && i + 1 < content.size()) { ++i; ++col; }
        cur.text += content[i];
        ++i; ++col;
      }
      if (i < content.size() && content[i] == q) { ++i; ++col; }
      cur.end_col = col;
      continue;
    }
    if (c == '$' || c == '`') cur.expands = true;
    if (c == '\\' && i + 1 < content.size()) { ++i; ++col; }
    cur.text += content[i];
    ++i; ++col;
    cur.end_col = col;
  }
  flush();
  *end_pos = i;
  return words;
}

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

Location word_loc(const std::string& path, const Word& w, size_t skip = 0) {
  return Location::at(path, w.line, w.col + static_cast<int>(skip), w.end_col);
}

void parse_command(const std::string& path, const std::vector<Word>& w, size_t start, DockerRunCmd* cmd) {
  for (size_t i = start; i < w.size(); ++i) {
    const std::string& t = w[i].text;
    if (t.empty() || t[0] != '-' || t == "-") {
      cmd->image = t;
      cmd->image_loc = word_loc(path, w[i]);
      return;
    }
    if (t == "--") continue;
    std::string flag = t, value;
    const Word* vw = nullptr;
    size_t skip = 0;
    size_t eq = t.find('=');
    if (t.rfind("--", 0) == 0 && eq != std::string::npos) {
      flag = t.substr(0, eq);
      value = t.substr(eq + 1);
      vw = &w[i];
      skip = eq + 1;
    } else if (t.size() > 2 && t[0] == '-' && t[1] != '-' && (t[1] == 'm' || t[1] == 'e')) {
      flag = t.substr(0, 2);  // -m512m, -eKEY=V
      value = t.substr(2);
      vw = &w[i];
      skip = 2;
    } else if (is_bool_flag(t)) {
      continue;
    } else if (i + 1 < w.size()) {
      vw = &w[++i];
      value = vw->text;
    } else {
      return;
    }
    if (vw->expands) continue;
    Location vl = word_loc(path, *vw, skip);
    if (vw->end_col == 0) vl.end_col = vl.col + static_cast<int>(value.size());
    if (flag == "-m" || flag == "--memory") cmd->memory = make_mem_value(value, vl, QuantityFormat::Docker, "--memory");
    else if (flag == "--memory-swap")
      cmd->memory_swap = make_mem_value(value, vl, QuantityFormat::Docker, "--memory-swap");
    else if (flag == "-e" || flag == "--env") {
      size_t e = value.find('=');
      DockerRunCmd::Env env;
      env.key = value.substr(0, e);
      env.bare = e == std::string::npos;
      if (!env.bare) env.value = value.substr(e + 1);
      int off = env.bare ? 0 : static_cast<int>(e) + 1;
      env.loc = Location::at(path, vl.line, vl.col + off, vl.col + off + static_cast<int>(env.value.size()));
      if (env.bare) env.loc.end_col = vl.col + static_cast<int>(env.key.size());
      cmd->env.push_back(env);
    }
  }
}

}  // namespace

std::vector<DockerRunCmd> find_docker_runs(const std::string& path, std::string_view content) {
  std::vector<DockerRunCmd> out;
  size_t pos = 0;
  int line = 1;
  size_t line_start = 0;
  while (pos < content.size()) {
    size_t hit = std::string_view::npos;
    for (const char* engine : {"docker", "podman"}) {
      size_t h = content.find(engine, pos);
      if (h < hit) hit = h;
    }
    if (hit == std::string_view::npos) break;
    for (size_t k = pos; k < hit; ++k)
      if (content[k] == '\n') { ++line; line_start = k + 1; }
    pos = hit;
    bool boundary = hit == 0 || content[hit - 1] == ' ' || content[hit - 1] == '\t' || content[hit - 1] == '\n' ||
                    content[hit - 1] == '"' || content[hit - 1] == '\'' || content[hit - 1] == '(' ||
                    content[hit - 1] == '/' || content[hit - 1] == ';' || content[hit - 1] == '&' || content[hit - 1] == '@';
    if (!boundary) { ++pos; continue; }
    size_t end = pos;
    int col = static_cast<int>(hit - line_start) + 1;
    std::vector<Word> w = split_words(content, hit, line, col, &end);
    if (w.size() >= 3 && (w[0].text == "docker" || w[0].text == "podman") &&
        (w[1].text == "run" || (w[1].text == "container" && w[2].text == "run"))) {
      DockerRunCmd cmd;
      cmd.loc = Location::at(path, w[0].line, w[0].col, w[0].end_col);
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
