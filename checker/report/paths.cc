#include <filesystem>

#include "report/report.h"

namespace og {

std::string ScanOutput::display_path(const ScanUnit& u, const std::string& rel) const {
  if (u.root.empty() || rel.empty() || rel[0] == '/') return rel;  // stdin name, absolute, or nothing
  std::string abs = u.root == "/" ? "/" + rel : u.root + "/" + rel;
  if (!cwd.empty() && abs.size() > cwd.size() && abs.compare(0, cwd.size(), cwd) == 0 &&
      (cwd == "/" || abs[cwd.size()] == '/'))
    return abs.substr(cwd == "/" ? 1 : cwd.size() + 1);
  return abs;
}

Counts count_levels(const ScanOutput& out) {
  Counts c;
  for (const auto& u : out.units)
    for (const auto& f : u.findings) {
      if (f.suppression) c.suppressed++;
      else if (f.level == Level::Error) c.error++;
      else if (f.level == Level::Warning) c.warning++;
      else if (f.level == Level::Note) c.note++;
    }
  return c;
}

}  // namespace og
