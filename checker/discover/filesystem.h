// The file-system boundary. Discovery lists candidate files and reads them
// through this interface; tests use an in-memory fake.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace og {

struct ListedFile {
  std::string path;        // relative to the scan root, '/'-separated
  std::string skip_reason; // non-empty: listed but must not be read (symlink out of root, loop, ...)
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Candidate files under the root (git-aware on disk). Errors become skip reasons.
  virtual std::vector<ListedFile> list(std::string* note) = 0;
  // Reads at most `max_bytes`; returns false with `err` set when unreadable
  // or larger (size is set to the real size when known).
  virtual bool read(const std::string& path, uint64_t max_bytes, std::string* out, uint64_t* size,
                    std::string* err) = 0;
  virtual bool exists(const std::string& path) = 0;
};

// The real disk under `root`: inside a git work tree, the tracked files plus
// untracked files that are not ignored (libgit2); elsewhere a directory walk.
// Symlinks are never followed out of the root.
class DiskFileSystem : public FileSystem {
 public:
  // `only`: list just this root-relative file (scanning a single file).
  explicit DiskFileSystem(std::string root, std::string only = "");
  std::vector<ListedFile> list(std::string* note) override;
  bool read(const std::string& path, uint64_t max_bytes, std::string* out, uint64_t* size, std::string* err) override;
  bool exists(const std::string& path) override;

 private:
  bool git_list(std::vector<std::string>* out, std::string* note);
  std::string root_;       // as given
  std::string real_root_;  // canonical
  std::string only_;
};

}  // namespace og
