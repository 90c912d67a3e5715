#include "model/finding.h"

#include <cstdint>
#include <cstdio>

namespace og {

const char* level_name(Level l) {
  switch (l) {
    case Level::Off: return "off";
    case Level::Note: return "note";
    case Level::Warning: return "warning";
    case Level::Error: return "error";
  }
  return "?";
}

bool parse_level(const std::string& s, Level* out) {
  if (s == "off") *out = Level::Off;
  else if (s == "note") *out = Level::Note;
  else if (s == "warning") *out = Level::Warning;
  else if (s == "error") *out = Level::Error;
  else return false;
  return true;
}

std::string stable_hash(const std::string& s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string make_fingerprint(const std::string& rule, const std::string& workload, const std::string& setting,
                             const std::string& file_if_no_workload) {
  std::string key = rule + "\x1f" + (workload.empty() ? "file:" + file_if_no_workload : workload) + "\x1f" + setting;
  return stable_hash(key);
}

}  // namespace og
