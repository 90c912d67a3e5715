#include "runtime/hierarchy.h"

#include <algorithm>
#include <sstream>

namespace og::runtime {

namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t p = s.find(sep, start);
    out.emplace_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) return out;
    start = p + 1;
  }
}

bool has_token(const std::vector<std::string>& v, const std::string& t) {
  return std::find(v.begin(), v.end(), t) != v.end();
}

// mountinfo escapes space, tab, newline and backslash as \ooo (octal).
std::string unescape_octal(std::string_view s) {
  std::string out;
  auto octal = [](char c) { return c >= '0' && c <= '7'; };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && octal(s[i + 1]) && octal(s[i + 2]) && octal(s[i + 3])) {
      out += static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

// `path` relative to a mount whose root is `root`, or false when the mount
// does not show it ("/a/b" under root "/a" is "/b").
bool relative_to(const std::string& path, const std::string& root, std::string* rel) {
  if (root == "/") {
    *rel = path;
    return true;
  }
  if (path == root) {
    *rel = "/";
    return true;
  }
  if (path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/') {
    *rel = path.substr(root.size());
    return true;
  }
  return false;
}

Result<MemoryCgroupPath> in_mounts(const std::vector<MountEntry>& mounts, const std::string& cgroup,
                                   CgroupVersion version, CgroupLayout layout, const std::string& what) {
  if (cgroup == "/.." || cgroup.compare(0, 4, "/../") == 0)
    return Error{"the " + what + " cgroup " + cgroup + " is outside this cgroup namespace"};
  const MountEntry* best = nullptr;
  std::string best_rel, roots;
  for (const auto& m : mounts) {
    roots += (roots.empty() ? "" : ", ") + m.mount_point + " (root " + m.root + ")";
    std::string rel;
    // The mount showing the most specific sub-tree wins (containers bind-mount their own cgroup).
    if (relative_to(cgroup, m.root, &rel) && (!best || m.root.size() > best->root.size())) {
      best = &m;
      best_rel = rel;
    }
  }
  if (!best) return Error{"the " + what + " cgroup " + cgroup + " is not visible under any of its mounts: " + roots};
  MemoryCgroupPath p;
  p.version = version;
  p.layout = layout;
  p.mount_point = best->mount_point;
  p.cgroup = cgroup;
  p.dir = best_rel == "/" ? best->mount_point : (best->mount_point == "/" ? "" : best->mount_point) + best_rel;
  return p;
}

}  // namespace

const char* version_name(CgroupVersion v) { return v == CgroupVersion::v1 ? "v1" : "v2"; }

const char* layout_name(CgroupLayout l) {
  switch (l) {
    case CgroupLayout::legacy: return "legacy";
    case CgroupLayout::hybrid: return "hybrid";
    case CgroupLayout::unified: return "unified";
  }
  return "?";
}

std::vector<MountEntry> parse_mountinfo(std::string_view text) {
  std::vector<MountEntry> out;
  for (const auto& line : split(text, '\n')) {
    // id parent major:minor root mount_point options [optional...] - fstype source super_options
    std::vector<std::string> f;
    for (auto& w : split(line, ' '))
      if (!w.empty()) f.push_back(std::move(w));
    auto dash = std::find(f.begin(), f.end(), "-");
    if (dash == f.end() || dash - f.begin() < 6 || f.end() - dash < 4) continue;
    MountEntry m;
    m.root = unescape_octal(f[3]);
    m.mount_point = unescape_octal(f[4]);
    m.fstype = *(dash + 1);
    m.super_options = *(dash + 3);
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<ProcCgroupEntry> parse_proc_cgroup(std::string_view text) {
  std::vector<ProcCgroupEntry> out;
  for (const auto& line : split(text, '\n')) {
    // The path may itself contain ':', so split at the first two only.
    size_t a = line.find(':');
    size_t b = a == std::string::npos ? a : line.find(':', a + 1);
    if (b == std::string::npos) continue;
    ProcCgroupEntry e;
    try {
      e.hierarchy_id = std::stoi(line.substr(0, a));
    } catch (...) {
      continue;
    }
    std::string ctl = line.substr(a + 1, b - a - 1);
    if (!ctl.empty()) e.controllers = split(ctl, ',');
    e.path = line.substr(b + 1);
    out.push_back(std::move(e));
  }
  return out;
}

Result<MemoryCgroupPath> locate_memory_cgroup(std::string_view mountinfo, std::string_view proc_cgroup) {
  std::vector<MountEntry> v1_memory, v2;
  bool any_v1 = false;
  for (const auto& m : parse_mountinfo(mountinfo)) {
    if (m.fstype == "cgroup") {
      any_v1 = true;
      if (has_token(split(m.super_options, ','), "memory")) v1_memory.push_back(m);
    } else if (m.fstype == "cgroup2") {
      v2.push_back(m);
    }
  }
  if (!any_v1 && v2.empty()) return Error{"no cgroup filesystem is mounted (mountinfo has no cgroup or cgroup2 entry)"};
  CgroupLayout layout = !any_v1 ? CgroupLayout::unified : v2.empty() ? CgroupLayout::legacy : CgroupLayout::hybrid;

  const ProcCgroupEntry* v1_line = nullptr;
  const ProcCgroupEntry* v2_line = nullptr;
  auto entries = parse_proc_cgroup(proc_cgroup);
  for (const auto& e : entries) {
    if (has_token(e.controllers, "memory")) v1_line = &e;
    if (e.hierarchy_id == 0 && e.controllers.empty()) v2_line = &e;
  }
  if (v1_line) {
    if (v1_memory.empty())
      return Error{"the memory controller is on a v1 hierarchy (" + std::to_string(v1_line->hierarchy_id) +
                   ":memory in /proc/self/cgroup) that is not mounted"};
    return in_mounts(v1_memory, v1_line->path, CgroupVersion::v1, layout, "v1 memory");
  }
  if (!v2_line) return Error{"no memory controller: /proc/self/cgroup has neither a memory line nor a v2 (0::) line"};
  if (v2.empty()) return Error{"no memory controller: no v1 hierarchy has it and cgroup2 is not mounted"};
  return in_mounts(v2, v2_line->path, CgroupVersion::v2, layout, "v2");
}

namespace {

Result<MemoryCgroupPath> memory_cgroup_from(CgroupFs& fs, const std::string& proc_cgroup_file) {
  auto mountinfo = fs.read("/proc/self/mountinfo");
  if (!mountinfo.ok()) return mountinfo.error();
  auto cgroup = fs.read(proc_cgroup_file);
  if (!cgroup.ok()) return cgroup.error();
  auto where = locate_memory_cgroup(mountinfo.value(), cgroup.value());
  if (!where.ok() || where.value().version == CgroupVersion::v1) return where;
  // v2: a cgroup lists in cgroup.controllers what its parent enabled for it
  // (the root lists every controller bound to v2).
  const auto& p = where.value();
  auto controllers = fs.read(p.dir + "/cgroup.controllers");
  if (!controllers.ok()) return controllers.error();
  std::istringstream in(controllers.value());
  for (std::string c; in >> c;)
    if (c == "memory") return where;
  if (p.dir == p.mount_point)
    return Error{std::string("no memory controller: the cgroup2 hierarchy at ") + p.mount_point +
                 " does not have it (" + layout_name(p.layout) + " layout; is it bound to a v1 hierarchy or disabled?)"};
  return Error{"the memory controller is not enabled for " + p.dir + " (its parent's cgroup.subtree_control lacks +memory)"};
}

}  // namespace

Result<MemoryCgroupPath> current_memory_cgroup(CgroupFs& fs) { return memory_cgroup_from(fs, "/proc/self/cgroup"); }

Result<MemoryCgroupPath> memory_cgroup_of(CgroupFs& fs, pid_t pid) {
  return memory_cgroup_from(fs, "/proc/" + std::to_string(pid) + "/cgroup");
}

}  // namespace og::runtime
