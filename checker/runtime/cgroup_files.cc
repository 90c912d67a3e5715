#include "runtime/cgroup_files.h"

#include <charconv>

namespace og::runtime {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

bool to_u64(std::string_view s, uint64_t* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

uint64_t value_or_zero(const KeyedValues& kv, const char* key) {
  auto it = kv.find(key);
  return it == kv.end() ? 0 : it->second;
}

}  // namespace

KeyedValues parse_keyed(std::string_view text) {
  KeyedValues out;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos) continue;
    uint64_t v;
    if (to_u64(trim(line.substr(sp + 1)), &v)) out[std::string(line.substr(0, sp))] = v;
  }
  return out;
}

Result<uint64_t> parse_u64(std::string_view text) {
  uint64_t v;
  if (!to_u64(trim(text), &v)) return Error{"not a number: \"" + std::string(trim(text)) + "\""};
  return v;
}

Result<std::optional<uint64_t>> parse_limit(std::string_view text) {
  if (trim(text) == "max") return std::optional<uint64_t>();
  auto v = parse_u64(text);
  if (!v.ok()) return v.error();
  return std::optional<uint64_t>(v.value());
}

Sample make_sample(CgroupVersion v, uint64_t usage, const KeyedValues& stat, std::optional<uint64_t> swap_current) {
  bool v1 = v == CgroupVersion::v1;
  Sample s;
  s.usage = usage;
  uint64_t inactive_file = value_or_zero(stat, v1 ? "total_inactive_file" : "inactive_file");
  s.working_set = usage > inactive_file ? usage - inactive_file : 0;
  s.anon = value_or_zero(stat, v1 ? "total_rss" : "anon");
  s.file = value_or_zero(stat, v1 ? "total_cache" : "file");
  s.swap = v1 ? value_or_zero(stat, "total_swap") : swap_current.value_or(0);
  return s;
}

}  // namespace og::runtime
