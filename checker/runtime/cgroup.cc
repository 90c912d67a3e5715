#include "runtime/cgroup.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <limits>
#include <sstream>
#include <thread>

namespace og::runtime {

namespace {

bool has_word(const std::string& text, const std::string& word) {
  std::istringstream in(text);
  for (std::string w; in >> w;)
    if (w == word) return true;
  return false;
}

bool is_under(const std::string& path, const std::string& dir) {
  return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/');
}

// v2 only charges a child to the memory controller when its parent enables it
// for children; a cgroup with processes of its own cannot (the kernel's "no
// internal processes" rule), which is the usual obstacle inside a container.
Status enable_memory_for_children(CgroupFs& fs, const std::string& parent) {
  auto subtree = fs.read(parent + "/cgroup.subtree_control");
  if (!subtree.ok()) return subtree.error();
  if (has_word(subtree.value(), "memory")) return {};
  auto available = fs.read(parent + "/cgroup.controllers");
  if (!available.ok()) return available.error();
  if (!has_word(available.value(), "memory"))
    return Error{"the memory controller is not available in " + parent +
                 " (its parent's cgroup.subtree_control lacks +memory)"};
  Status st = fs.write(parent + "/cgroup.subtree_control", "+memory");
  if (st.ok()) return st;
  if (st.error().err == EBUSY)
    return Error{"cannot enable +memory in " + parent + "/cgroup.subtree_control: " + parent +
                     " has processes of its own, and cgroup v2 allows no controllers on such a cgroup "
                     "(\"no internal processes\"); run oomguard from a leaf cgroup beside an empty parent, "
                     "or pass --cgroup-parent naming a cgroup without processes",
                 EBUSY};
  return st;
}

uint64_t saturating_add(uint64_t a, uint64_t b) {
  return a > std::numeric_limits<uint64_t>::max() - b ? std::numeric_limits<uint64_t>::max() : a + b;
}

}  // namespace

MemoryCgroup::MemoryCgroup(CgroupFs* fs, CgroupVersion v, std::string dir, bool owned, Signaller signal)
    : fs_(fs), version_(v), dir_(std::move(dir)), owned_(owned), signal_(std::move(signal)) {}

MemoryCgroup::MemoryCgroup(MemoryCgroup&& o) noexcept
    : fs_(o.fs_), version_(o.version_), dir_(std::move(o.dir_)), owned_(o.owned_), signal_(std::move(o.signal_)),
      swap_current_absent_(o.swap_current_absent_) {
  o.owned_ = false;
}

MemoryCgroup& MemoryCgroup::operator=(MemoryCgroup&& o) noexcept {
  if (this != &o) {
    if (owned_) (void)remove();
    fs_ = o.fs_;
    version_ = o.version_;
    dir_ = std::move(o.dir_);
    owned_ = o.owned_;
    signal_ = std::move(o.signal_);
    swap_current_absent_ = o.swap_current_absent_;
    o.owned_ = false;
  }
  return *this;
}

MemoryCgroup::~MemoryCgroup() {
  if (owned_) (void)remove();
}

Result<MemoryCgroup> MemoryCgroup::create(CgroupFs& fs, const CreateOptions& opts) {
  auto where = current_memory_cgroup(fs);
  if (!where.ok()) return Error{"cannot find this process's memory cgroup: " + where.error().message};
  std::string parent = opts.parent.empty() ? where.value().dir : opts.parent;
  while (parent.size() > 1 && parent.back() == '/') parent.pop_back();
  if (!is_under(parent, where.value().mount_point))
    return Error{"cgroup parent " + parent + " is not in the memory hierarchy mounted at " + where.value().mount_point};
  if (!fs.exists(parent)) return Error{"cgroup parent " + parent + " does not exist"};
  CgroupVersion v = where.value().version;
  if (v == CgroupVersion::v2) {
    Status st = enable_memory_for_children(fs, parent);
    if (!st.ok()) return st.error();
  }

  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string dir = parent + "/" + opts.name_prefix + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
    Status st = fs.mkdir(dir);
    if (!st.ok() && st.error().err == EEXIST) continue;  // left by an earlier process with our pid
    if (!st.ok()) {
      int e = st.error().err;
      std::string hint = e == EACCES || e == EPERM || e == EROFS
                             ? " (needs root, or a delegated memory cgroup this user may write)"
                             : "";
      return Error{"cannot create a memory cgroup under " + parent + ": " + st.error().message + hint, e};
    }
    MemoryCgroup cg(&fs, v, dir, true, opts.signal);
    std::string probe_file = dir + (v == CgroupVersion::v1 ? "/memory.limit_in_bytes" : "/memory.max");
    if (!fs.exists(probe_file)) return Error{"created " + dir + " but it has no " + probe_file.substr(dir.size() + 1) +
                                             ": the memory controller does not apply to it"};
    return cg;
  }
  return Error{"cannot find a free cgroup name under " + parent};
}

MemoryCgroup MemoryCgroup::attach(CgroupFs& fs, CgroupVersion version, std::string dir) {
  return MemoryCgroup(&fs, version, std::move(dir), false, ::kill);
}

Result<uint64_t> MemoryCgroup::read_u64(const std::string& file) {
  auto text = fs_->read(dir_ + "/" + file);
  if (!text.ok()) return text.error();
  auto v = parse_u64(text.value());
  if (!v.ok()) return Error{dir_ + "/" + file + ": " + v.error().message};
  return v;
}

Result<AppliedLimits> MemoryCgroup::set_limits(const Limits& limits) {
  return version_ == CgroupVersion::v1 ? set_limits_v1(limits) : set_limits_v2(limits);
}

Result<AppliedLimits> MemoryCgroup::set_limits_v1(const Limits& limits) {
  const std::string limit_file = dir_ + "/memory.limit_in_bytes";
  const std::string memsw_file = dir_ + "/memory.memsw.limit_in_bytes";
  AppliedLimits applied;
  bool memsw = fs_->exists(memsw_file);
  std::optional<uint64_t> memsw_target;
  if (limits.swap && memsw) memsw_target = saturating_add(limits.memory, *limits.swap);
  if (limits.swap && !memsw)
    applied.swap_unsupported = "memory.memsw.limit_in_bytes is absent: swap accounting is off "
                               "(boot with swapaccount=1), so the swap limit cannot be set";

  // The kernel keeps memsw >= limit at every step and rejects a write that
  // would break it (EINVAL): lower memsw only after the limit, raise it before.
  bool memsw_first = false;
  if (memsw_target) {
    auto current_memsw = read_u64("memory.memsw.limit_in_bytes");
    if (!current_memsw.ok()) return current_memsw.error();
    memsw_first = limits.memory > current_memsw.value();
  }
  auto write_memsw = [&]() -> Status {
    return memsw_target ? fs_->write(memsw_file, std::to_string(*memsw_target)) : Status();
  };
  if (memsw_first) {
    if (Status st = write_memsw(); !st.ok()) return st.error();
  }
  if (Status st = fs_->write(limit_file, std::to_string(limits.memory)); !st.ok()) return st.error();
  if (!memsw_first) {
    if (Status st = write_memsw(); !st.ok()) return st.error();
  }

  auto mem = read_u64("memory.limit_in_bytes");
  if (!mem.ok()) return mem.error();
  applied.memory = mem.value();
  if (memsw_target) {
    auto total = read_u64("memory.memsw.limit_in_bytes");
    if (!total.ok()) return total.error();
    applied.swap = total.value() > applied.memory ? total.value() - applied.memory : 0;
  }
  return applied;
}

Result<AppliedLimits> MemoryCgroup::set_limits_v2(const Limits& limits) {
  AppliedLimits applied;
  if (Status st = fs_->write(dir_ + "/memory.max", std::to_string(limits.memory)); !st.ok()) return st.error();
  auto max = fs_->read(dir_ + "/memory.max");
  if (!max.ok()) return max.error();
  auto parsed = parse_limit(max.value());
  if (!parsed.ok() || !parsed.value()) return Error{dir_ + "/memory.max reads back \"" + max.value() + "\""};
  applied.memory = *parsed.value();
  if (limits.swap) {
    // v2's swap limit is swap alone, not memory + swap as in v1.
    const std::string swap_file = dir_ + "/memory.swap.max";
    if (!fs_->exists(swap_file)) {
      applied.swap_unsupported = "memory.swap.max is absent: swap accounting is off (kernel built without it "
                                 "or swapaccount=0), so the swap limit cannot be set";
    } else {
      if (Status st = fs_->write(swap_file, std::to_string(*limits.swap)); !st.ok()) return st.error();
      auto swap = fs_->read(swap_file);
      if (!swap.ok()) return swap.error();
      auto v = parse_limit(swap.value());
      if (!v.ok()) return Error{swap_file + ": " + v.error().message};
      applied.swap = v.value();
    }
  }
  return applied;
}

Status MemoryCgroup::add_pid(pid_t pid) { return fs_->write(procs_file(), std::to_string(pid)); }

Result<std::vector<pid_t>> MemoryCgroup::pids() {
  auto text = fs_->read(procs_file());
  if (!text.ok()) return text.error();
  std::vector<pid_t> out;
  std::istringstream in(text.value());
  for (long p; in >> p;) out.push_back(static_cast<pid_t>(p));
  return out;
}

Result<Sample> MemoryCgroup::sample() {
  bool v1 = version_ == CgroupVersion::v1;
  auto usage = read_u64(v1 ? "memory.usage_in_bytes" : "memory.current");
  if (!usage.ok()) return usage.error();
  auto stat = fs_->read(dir_ + "/memory.stat");
  if (!stat.ok()) return stat.error();
  std::optional<uint64_t> swap_current;
  if (!v1 && !swap_current_absent_) {
    auto swap = read_u64("memory.swap.current");
    if (swap.ok()) swap_current = swap.value();
    else if (swap.error().err == ENOENT) swap_current_absent_ = true;
    else return swap.error();
  }
  return make_sample(version_, usage.value(), parse_keyed(stat.value()), swap_current);
}

Result<std::optional<uint64_t>> MemoryCgroup::oom_kills() {
  auto text = fs_->read(dir_ + (version_ == CgroupVersion::v1 ? "/memory.oom_control" : "/memory.events"));
  if (!text.ok()) return text.error();
  auto kv = parse_keyed(text.value());
  auto it = kv.find("oom_kill");
  return it == kv.end() ? std::optional<uint64_t>() : std::optional<uint64_t>(it->second);
}

Result<Counters> MemoryCgroup::counters() {
  Counters c;
  auto oom = oom_kills();
  if (!oom.ok()) return oom.error();
  c.oom_kill = oom.value();
  if (version_ == CgroupVersion::v1) {
    auto peak = read_u64("memory.max_usage_in_bytes");
    if (!peak.ok()) return peak.error();
    c.peak = peak.value();
    auto failcnt = read_u64("memory.failcnt");
    if (!failcnt.ok()) return failcnt.error();
    c.failcnt = failcnt.value();
    return c;
  }
  if (fs_->exists(dir_ + "/memory.peak")) {  // kernel >= 5.19
    auto peak = read_u64("memory.peak");
    if (!peak.ok()) return peak.error();
    c.peak = peak.value();
  }
  auto events = fs_->read(dir_ + "/memory.events");
  if (!events.ok()) return events.error();
  auto kv = parse_keyed(events.value());
  if (kv.count("high")) c.high_events = kv["high"];
  if (kv.count("max")) c.max_events = kv["max"];
  return c;
}

namespace {

// `dir` and every cgroup below it (a workload may create its own, e.g. a
// service manager or a nested container runtime), parents first. Depth is
// bounded: the kernel allows deep trees, a cleanup must still finish.
void cgroup_tree(CgroupFs& fs, const std::string& dir, int depth, std::vector<std::string>* out) {
  out->push_back(dir);
  if (depth >= 32) return;
  auto entries = fs.list(dir);
  if (!entries.ok()) return;
  for (const auto& e : entries.value())
    if (fs.exists(dir + "/" + e + "/cgroup.procs")) cgroup_tree(fs, dir + "/" + e, depth + 1, out);
}

}  // namespace

Status MemoryCgroup::remove(std::chrono::milliseconds timeout) {
  if (!owned_) return Error{"not removing " + dir_ + ": oomguard did not create it"};
  auto deadline = std::chrono::steady_clock::now() + timeout;
  const auto poll_step = std::chrono::milliseconds(10);
  std::vector<std::string> tree;
  // Processes can fork while we kill, so kill and re-read until none is left.
  for (;;) {
    tree.clear();
    cgroup_tree(*fs_, dir_, 0, &tree);
    std::vector<pid_t> left;
    for (const auto& d : tree) {
      auto text = fs_->read(d + "/cgroup.procs");
      if (!text.ok()) {
        if (text.error().err == ENOENT) continue;  // already gone
        return text.error();
      }
      std::istringstream in(text.value());
      for (long p; in >> p;) left.push_back(static_cast<pid_t>(p));
    }
    if (left.empty()) break;
    for (pid_t p : left) signal_(p, SIGKILL);
    if (std::chrono::steady_clock::now() >= deadline) {
      std::string list;
      for (pid_t p : left) list += (list.empty() ? "" : " ") + std::to_string(p);
      return Error{"processes still in " + dir_ + " after " + std::to_string(timeout.count()) +
                   " ms of SIGKILL: " + list + "; the cgroup is left in place"};
    }
    std::this_thread::sleep_for(poll_step);
  }
  // Children before parents. An emptied cgroup can stay busy for a moment
  // while the kernel finishes the exits.
  for (auto d = tree.rbegin(); d != tree.rend(); ++d) {
    for (;;) {
      Status st = fs_->rmdir(*d);
      if (st.ok() || st.error().err == ENOENT) break;
      if (st.error().err != EBUSY || std::chrono::steady_clock::now() >= deadline) return st;
      std::this_thread::sleep_for(poll_step);
    }
  }
  owned_ = false;
  return {};
}

}  // namespace og::runtime
