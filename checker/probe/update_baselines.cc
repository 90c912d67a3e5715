#include "probe/update_baselines.h"

#include <algorithm>

#include "config/config.h"
#include "util/source_text.h"

namespace og {

namespace {

std::string go_bytes(uint64_t b) { return std::to_string((b + (1u << 20) - 1) >> 20) + "MiB"; }

// Byte offset of (line, col) in text (both 1-based; col counts bytes).
size_t offset_of(const SourceText& t, int line, int col) {
  std::string_view l = t.line(line);
  return static_cast<size_t>(l.data() - t.content().data()) + static_cast<size_t>(col - 1);
}

struct Splice {
  size_t at, len;
  std::string with;
  std::string by_hand;  // an inserted line: what to say when it cannot be kept
};

std::string apply(const std::string& text, std::vector<Splice> splices) {
  std::sort(splices.begin(), splices.end(), [](const Splice& a, const Splice& b) { return a.at > b.at; });
  std::string out = text;
  for (const auto& s : splices) out.replace(s.at, s.len, s.with);
  return out;
}

}  // namespace

std::string update_baselines(const std::string& text, const std::vector<ProbeSpec>& specs,
                             const std::vector<ProbeResult>& results, std::vector<BaselineEdit>* edits,
                             std::vector<std::string>* errors) {
  SourceText src(text);
  std::vector<Splice> splices;
  for (const auto& r : results) {
    auto spec = std::find_if(specs.begin(), specs.end(), [&](const ProbeSpec& s) { return s.name == r.name; });
    if (spec == specs.end() || !r.started || !r.peak) continue;
    bool killed = (r.oom_kills && *r.oom_kills > 0) || r.oom_killed_by_engine;
    if (killed) {
      errors->push_back("probe " + r.name + " was OOM-killed: its baseline is left as it is");
      continue;
    }
    uint64_t p95 = r.p95 ? *r.p95 : *r.peak;
    auto replace = [&](const std::optional<ProbeBytes>& v, uint64_t measured, const char* label) {
      if (!v || v->loc.line <= 0 || v->loc.end_line != v->loc.line) return false;
      std::string now = go_bytes(measured);
      if (now == v->raw) return true;
      size_t at = offset_of(src, v->loc.line, v->loc.col), len = static_cast<size_t>(v->loc.end_col - v->loc.col);
      if (len >= 2 && (text[at] == '"' || text[at] == '\'') && text[at + len - 1] == text[at]) {
        ++at;  // a quoted value stays quoted
        len -= 2;
      }
      splices.push_back({at, len, now});
      edits->push_back({r.name, std::string(label) + " " + v->raw + " -> " + now});
      return true;
    };
    bool had_peak = replace(spec->baseline_peak, *r.peak, "peak");
    bool had_p95 = replace(spec->baseline_p95, p95, "steady_p95");
    if (had_peak || had_p95) {
      if (!had_peak && spec->baseline_p95) errors->push_back("probe " + r.name + ": add `peak:` to its baseline by hand");
      continue;
    }
    // No baseline yet: a new line after the probe's mapping, indented like its keys.
    const Location& entry = spec->entry_loc;
    if (!(spec->baseline_loc == entry)) {  // `baseline:` is there, with neither value (only a tolerance)
      errors->push_back("probe " + r.name + ": add `peak: " + go_bytes(*r.peak) + "` and `steady_p95: " + go_bytes(p95) +
                        "` to its baseline by hand");
      continue;
    }
    std::string_view first = entry.line > 0 ? src.line(entry.line) : std::string_view();
    if (entry.line <= 0 || entry.col < 1 || static_cast<size_t>(entry.col) > first.size() ||
        first[static_cast<size_t>(entry.col - 1)] == '{') {
      errors->push_back("probe " + r.name + " is written in flow style: add `baseline: {peak: " + go_bytes(*r.peak) +
                        ", steady_p95: " + go_bytes(p95) + "}` by hand");
      continue;
    }
    // The mapping's last line: the last non-blank, non-comment line below its
    // first one that is indented at least as far as its keys.
    int last = entry.line;
    const size_t key_indent = static_cast<size_t>(entry.col - 1);
    for (int l = entry.line + 1; l <= src.line_count(); ++l) {
      std::string_view s = src.line(l);
      size_t ind = s.find_first_not_of(' ');
      if (ind == std::string_view::npos || s[ind] == '#' || s[ind] == '\r' || s[ind] == '\t') continue;
      if (ind < key_indent) break;
      last = l;
    }
    std::string_view last_line = src.line(last);
    size_t at = static_cast<size_t>(last_line.data() - src.content().data()) + last_line.size();
    std::string indent(static_cast<size_t>(entry.col - 1), ' ');
    std::string eol = (at < text.size() && text[at] == '\r') ? "\r\n" : "\n";
    const std::string line = "baseline: {peak: " + go_bytes(*r.peak) + ", steady_p95: " + go_bytes(p95) + ", tolerance: 10}";
    splices.push_back({at, 0, eol + indent + line, "probe " + r.name + ": add `" + line + "` by hand"});
    edits->push_back({r.name, "added baseline peak " + go_bytes(*r.peak) + ", steady_p95 " + go_bytes(p95)});
  }
  std::string out = apply(text, splices);
  // A line is inserted by indentation alone; a layout it misreads (a flow
  // collection closed left of the keys, found by fuzz/harness) would break the
  // file. The result must parse as the input did, else nothing is inserted.
  const bool inserts = std::any_of(splices.begin(), splices.end(), [](const Splice& s) { return !s.by_hand.empty(); });
  if (inserts && !parse_config("", out).errors.empty() && parse_config("", text).errors.empty()) {
    std::vector<Splice> kept;
    for (auto& sp : splices) {
      if (sp.by_hand.empty()) kept.push_back(sp);
      else errors->push_back(sp.by_hand);
    }
    edits->erase(std::remove_if(edits->begin(), edits->end(),
                                [](const BaselineEdit& e) { return e.what.rfind("added baseline", 0) == 0; }),
                 edits->end());
    out = apply(text, kept);
  }
  return out;
}

}  // namespace og
