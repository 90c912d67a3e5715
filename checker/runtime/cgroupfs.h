// The boundary to the kernel's cgroup and proc files. Everything in the runtime
// layer that reads or writes /sys/fs/cgroup or /proc goes through CgroupFs, so
// unit tests run the same code against a fake tree in a temporary directory.
#pragma once
#include <string>
#include <vector>

#include "runtime/result.h"

namespace og::runtime {

class CgroupFs {
 public:
  virtual ~CgroupFs() = default;
  // Paths are absolute, as the kernel names them ("/sys/fs/cgroup/memory/...").
  virtual Result<std::string> read(const std::string& path) = 0;
  // One write(2) of `data` to an existing file (cgroup files are never created
  // by writing; the kernel parses each write as a whole).
  virtual Status write(const std::string& path, const std::string& data) = 0;
  virtual Status mkdir(const std::string& path) = 0;
  virtual Status rmdir(const std::string& path) = 0;
  virtual bool exists(const std::string& path) = 0;
  // Entry names (no "." or ".."), sorted.
  virtual Result<std::vector<std::string>> list(const std::string& dir) = 0;
  // Where `path` is on this machine, for code that must open it without this
  // interface (a forked child joining its cgroup before exec).
  virtual std::string host_path(const std::string& path) const = 0;
};

// The real files under `root`: "/" for the machine itself, or a temporary
// directory holding a fake tree laid out like the kernel's.
class DiskCgroupFs : public CgroupFs {
 public:
  explicit DiskCgroupFs(std::string root = "/");
  Result<std::string> read(const std::string& path) override;
  Status write(const std::string& path, const std::string& data) override;
  Status mkdir(const std::string& path) override;
  Status rmdir(const std::string& path) override;
  bool exists(const std::string& path) override;
  Result<std::vector<std::string>> list(const std::string& dir) override;
  std::string host_path(const std::string& path) const override;

 private:
  std::string root_;  // without a trailing '/'; empty for "/"
};

}  // namespace og::runtime
