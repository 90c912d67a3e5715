// GitLab Code Quality report (artifacts:reports:codequality): a JSON array
// with, per unsuppressed finding, the fields GitLab documents as required:
// description, check_name, fingerprint, severity, location.path,
// location.lines.begin (GitLab ignores the rest of the Code Climate spec).
// Suppressed findings are not problems and are left out.
//
// severity: GitLab accepts info | minor | major | critical | blocker.
//   error   -> critical  the container will be OOM-killed or fail to start
//                        (blocker is not used: there is no level above error)
//   warning -> major     a real risk that needs a change
//   note    -> minor     still a problem to look at (--fail-on note can fail on
//                        it); "info" would say it is not a defect at all
//
// location.path is relative to the repository root (ScanOutput::srcroot), which
// is what GitLab resolves it against, whatever directory the scan ran in.
// fingerprint: GitLab compares base and head reports by fingerprint and shows
// only one item per fingerprint, so each must be unique in the report. The
// finding's own fingerprint (line-independent) is used; a repeat gets a hash of
// the fingerprint and its occurrence number, so it too stays stable when lines move.
#include <nlohmann/json.hpp>

#include <set>

#include "report/common.h"
#include "report/report.h"

namespace og {

namespace {

const char* severity(Level l) {
  return l == Level::Error ? "critical" : l == Level::Warning ? "major" : "minor";
}

std::string repo_path(const ScanOutput& out, const ScanUnit& u, const std::string& file) {
  if (u.root.empty() || out.srcroot.empty()) return out.display_path(u, file);  // stdin: its name
  std::string abs = u.root == "/" ? "/" + file : u.root + "/" + file;
  const std::string& top = out.srcroot;
  if (top == "/") return abs.substr(1);
  if (abs.size() > top.size() && abs.compare(0, top.size(), top) == 0 && abs[top.size()] == '/')
    return abs.substr(top.size() + 1);
  return out.display_path(u, file);  // outside the repository: GitLab cannot link it anyway
}

class Fingerprints {
 public:
  std::string unique(const Finding& f, const std::string& path) {
    std::string base = f.fingerprint.empty() ? stable_hash(f.rule_id + "\x1f" + path) : f.fingerprint;
    std::string fp = base;
    for (int n = 2; !seen_.insert(fp).second; ++n) fp = stable_hash(base + "#" + std::to_string(n));
    return fp;
  }

 private:
  std::set<std::string> seen_;
};

}  // namespace

void write_gitlab(std::ostream& os, const ScanOutput& out, const WriteOptions&) {
  using json = nlohmann::ordered_json;  // fields in the documented order
  json items = json::array();
  Fingerprints fingerprints;
  for (const auto& u : out.units)
    for (const auto& f : u.findings) {
      if (f.suppression) continue;
      std::string path = repo_path(out, u, f.loc.file);
      int begin = f.loc.line > 0 ? f.loc.line : 1;  // whole-file: GitLab requires a line
      int end = f.loc.end_line > begin ? f.loc.end_line : begin;
      // The workload tells apart the items of one shared Dockerfile line.
      std::string description = with_help(f);
      if (!f.workload_label.empty()) description += " \xE2\x80\x94 workload: " + f.workload_label;
      items.push_back({{"description", description},
                       {"check_name", f.rule_id},
                       {"fingerprint", fingerprints.unique(f, path)},
                       {"severity", severity(f.level)},
                       {"location", {{"path", path}, {"lines", {{"begin", begin}, {"end", end}}}}}});
    }
  // Invalid UTF-8 from hostile inputs is replaced rather than thrown on.
  os << items.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace og
