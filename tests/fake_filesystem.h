// An in-memory FileSystem for unit tests: logic is tested without touching disk.
#pragma once
#include <map>
#include <string>

#include "discover/filesystem.h"
#include "scan/scan.h"

namespace og::test {

class FakeFileSystem : public FileSystem {
 public:
  std::map<std::string, std::string> files;         // path -> content
  std::map<std::string, std::string> skip_reasons;  // listed but unreadable (e.g. a symlink out of the root)

  std::vector<ListedFile> list(std::string*) override {
    std::vector<ListedFile> out;
    for (const auto& [p, c] : files) out.push_back({p, ""});
    for (const auto& [p, r] : skip_reasons) out.push_back({p, r});
    return out;
  }
  bool read(const std::string& path, uint64_t max_bytes, std::string* out, uint64_t* size, std::string* err) override {
    auto it = files.find(path);
    if (it == files.end()) { *err = "cannot be opened"; return false; }
    *size = it->second.size();
    if (it->second.size() > max_bytes) { *err = "larger than max_file_bytes"; return false; }
    *out = it->second;
    return true;
  }
  bool exists(const std::string& path) override { return files.count(path) > 0; }
};

// Scans an in-memory repository with the default configuration (or `cfg`).
inline ScanUnit scan_fake(const std::map<std::string, std::string>& files, const Config& cfg = default_config()) {
  FakeFileSystem fs;
  fs.files = files;
  return scan_filesystem(fs, "/repo", cfg, 1);
}

}  // namespace og::test
