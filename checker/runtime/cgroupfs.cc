#include "runtime/cgroupfs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace og::runtime {

Error sys_error(const std::string& what, int err) { return Error{what + ": " + std::strerror(err), err}; }

DiskCgroupFs::DiskCgroupFs(std::string root) : root_(std::move(root)) {
  while (!root_.empty() && root_.back() == '/') root_.pop_back();
}

std::string DiskCgroupFs::host_path(const std::string& path) const { return root_ + path; }

Result<std::string> DiskCgroupFs::read(const std::string& path) {
  int fd = ::open(host_path(path).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return sys_error("cannot open " + path, errno);
  // cgroup and proc files report a size of 0 or 4096 whatever they hold: read to EOF.
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      ::close(fd);
      return sys_error("cannot read " + path, e);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

Status DiskCgroupFs::write(const std::string& path, const std::string& data) {
  // O_TRUNC matters only for a fake tree of regular files; cgroupfs ignores it.
  int fd = ::open(host_path(path).c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return sys_error("cannot open " + path, errno);
  ssize_t n;
  do n = ::write(fd, data.data(), data.size());
  while (n < 0 && errno == EINTR);
  int e = errno;
  ::close(fd);
  if (n < 0) return sys_error("cannot write \"" + data + "\" to " + path, e);
  if (static_cast<size_t>(n) != data.size()) return Error{"short write to " + path, 0};
  return {};
}

Status DiskCgroupFs::mkdir(const std::string& path) {
  if (::mkdir(host_path(path).c_str(), 0755) != 0) return sys_error("cannot create " + path, errno);
  return {};
}

Status DiskCgroupFs::rmdir(const std::string& path) {
  if (::rmdir(host_path(path).c_str()) != 0) return sys_error("cannot remove " + path, errno);
  return {};
}

bool DiskCgroupFs::exists(const std::string& path) {
  struct stat st;
  return ::stat(host_path(path).c_str(), &st) == 0;
}

Result<std::vector<std::string>> DiskCgroupFs::list(const std::string& dir) {
  DIR* d = ::opendir(host_path(dir).c_str());
  if (!d) return sys_error("cannot list " + dir, errno);
  std::vector<std::string> out;
  while (struct dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") out.push_back(std::move(name));
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace og::runtime
