// Where the memory controller lives and which memory cgroup a process is in.
// The parsers take the text of /proc/self/mountinfo and /proc/<pid>/cgroup so
// every layout (v1, v2, hybrid, containers with cgroup namespaces, bind mounts
// of a sub-tree) is unit-tested without the machine having it.
#pragma once
#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "runtime/cgroupfs.h"
#include "runtime/result.h"

namespace og::runtime {

enum class CgroupVersion { v1, v2 };
// Which kinds of hierarchy are mounted: legacy = v1 only, unified = v2 only,
// hybrid = both (controllers split between them).
enum class CgroupLayout { legacy, hybrid, unified };

const char* version_name(CgroupVersion v);  // "v1", "v2"
const char* layout_name(CgroupLayout l);    // "legacy", "hybrid", "unified"

// One line of mountinfo (fields unescaped: "\040" is a space).
struct MountEntry {
  std::string root;         // the directory of the filesystem seen at mount_point ("/" or a sub-tree)
  std::string mount_point;
  std::string fstype;       // "cgroup", "cgroup2", ...
  std::string super_options;  // for v1 cgroup mounts: "rw,memory" names the controllers
};
std::vector<MountEntry> parse_mountinfo(std::string_view text);

// One line of /proc/<pid>/cgroup: "4:memory:/a/b", "3:cpu,cpuacct:/", "0::/a" (v2).
struct ProcCgroupEntry {
  int hierarchy_id = 0;
  std::vector<std::string> controllers;  // empty for the v2 line
  std::string path;
};
std::vector<ProcCgroupEntry> parse_proc_cgroup(std::string_view text);

struct MemoryCgroupPath {
  CgroupVersion version = CgroupVersion::v1;
  CgroupLayout layout = CgroupLayout::legacy;
  std::string mount_point;  // of the hierarchy holding the memory controller
  std::string cgroup;       // the process's path in that hierarchy, as /proc/<pid>/cgroup says
  std::string dir;          // the cgroup's directory: mount_point + cgroup relative to the mount's root
};

// Pure: the memory cgroup directory described by a mountinfo and a
// /proc/<pid>/cgroup text. For v2 it cannot tell whether the memory controller
// is enabled there; memory_cgroup_of() checks cgroup.controllers.
Result<MemoryCgroupPath> locate_memory_cgroup(std::string_view mountinfo, std::string_view proc_cgroup);

// The memory cgroup of this process / of `pid`, reading /proc through `fs`
// (our own mountinfo in both cases: /proc/<pid>/cgroup names paths as seen
// from our cgroup namespace).
Result<MemoryCgroupPath> current_memory_cgroup(CgroupFs& fs);
Result<MemoryCgroupPath> memory_cgroup_of(CgroupFs& fs, pid_t pid);

}  // namespace og::runtime
