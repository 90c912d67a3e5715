#include "fuzz_support.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace og::fuzz {

namespace {

void abort_on_failure(const std::string& message) {
  std::fprintf(stderr, "oomguard fuzz invariant failed: %s\n", message.c_str());
  std::abort();
}

FailureHandler g_handler = abort_on_failure;

}  // namespace

FailureHandler set_failure_handler(FailureHandler h) {
  FailureHandler old = g_handler;
  g_handler = h ? h : abort_on_failure;
  return old;
}

void fail(const std::string& message) { g_handler(message); }

const Harness* find_harness(std::string_view name) {
  for (const auto& h : harnesses())
    if (name == h.name) return &h;
  return nullptr;
}

Lines::Lines(std::string_view text) : text_(text) {
  size_t b = 0;
  for (;;) {
    size_t e = text.find('\n', b);
    starts_.push_back(b);
    if (e == std::string_view::npos) {
      lengths_.push_back(text.size() - b);
      break;
    }
    lengths_.push_back(e - b);
    b = e + 1;
    if (b == text.size()) break;  // a final newline opens no new line
  }
}

std::string_view Lines::line(int n) const {
  if (n < 1 || n > count()) return {};
  return text_.substr(starts_[static_cast<size_t>(n - 1)], lengths_[static_cast<size_t>(n - 1)]);
}

std::string_view Lines::span(const Location& l) const {
  if (l.line < 1 || l.line > count() || l.end_line != l.line || l.col < 1 || l.end_col < l.col) return {};
  std::string_view s = line(l.line);
  size_t b = static_cast<size_t>(l.col - 1), e = static_cast<size_t>(l.end_col - 1);
  if (e > s.size()) return {};
  return s.substr(b, e - b);
}

void check_location(const Location& l, const Lines& lines, const std::string& file, const std::string& what) {
  auto where = [&] {
    return what + " at " + l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.col) + "-" +
           std::to_string(l.end_line) + ":" + std::to_string(l.end_col) + " (file has " +
           std::to_string(lines.count()) + " lines)";
  };
  if (!l.valid()) return;  // not set (an optional place)
  OG_FUZZ_CHECK(l.file == file, where() + " names another file than " + file);
  if (l.line == 0) return;  // the whole file
  OG_FUZZ_CHECK(l.line >= 1 && l.line <= lines.count(), where());
  if (l.line < 1 || l.line > lines.count()) return;
  OG_FUZZ_CHECK(l.col >= 1 && static_cast<size_t>(l.col) <= lines.length(l.line) + 1, where());
  if (l.end_line == 0) return;  // a point
  OG_FUZZ_CHECK(l.end_line >= l.line && l.end_line <= lines.count(), where());
  if (l.end_line < l.line || l.end_line > lines.count()) return;
  OG_FUZZ_CHECK(l.end_col >= 1 && static_cast<size_t>(l.end_col) <= lines.length(l.end_line) + 1, where());
  if (l.end_line == l.line) OG_FUZZ_CHECK(l.end_col >= l.col, where());
}

YamlFile load_yaml_checked(const std::string& file, std::string_view text, const Lines& lines) {
  YamlFile y = load_yaml(file, std::make_shared<const SourceText>(std::string(text)));
  for (const auto& e : y.errors) check_location(e.loc, lines, file, "YAML error '" + e.message + "'");
  OG_FUZZ_CHECK(y.errors.empty() || y.docs.empty(), "documents kept after a syntax error");
  return y;
}

}  // namespace og::fuzz
