// A repository state as oomguard reads it: the INDEX (what will be
// committed) or the tree of a commit. Files are read from git's object
// database by blob id, never from the work tree.
#pragma once
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "discover/filesystem.h"
#include "git/repo.h"

struct git_oid;

namespace og {

struct SnapshotEntry {
  std::string oid;       // blob id, hex
  unsigned mode = 0;     // git file mode (0100644, 0120000 symlink, 0160000 submodule)
};

struct Snapshot {
  std::map<std::string, SnapshotEntry> files;  // path relative to the work tree root
};

// The index (stage 0; conflicted paths are reported as unreadable).
bool index_snapshot(const GitRepo& repo, Snapshot* out, std::string* err);
// The tree of a revision ("HEAD", a branch, a sha, "origin/main~2", ...).
bool revision_snapshot(const GitRepo& repo, const std::string& rev, Snapshot* out, std::string* err);
// The commit id (hex) a revision names; false + err when it names none.
bool resolve_commit(const GitRepo& repo, const std::string& rev, std::string* oid, std::string* err);
// The merge base of two commits (hex ids).
bool merge_base(const GitRepo& repo, const std::string& a, const std::string& b, std::string* oid, std::string* err);

// Paths whose staged content differs from HEAD (added, modified, renamed-to,
// type-changed) into `out`, and paths of HEAD the index no longer has
// (deleted, renamed-from) into `deleted`. Without a HEAD (first commit) every
// index entry is staged.
bool staged_paths(const GitRepo& repo, std::set<std::string>* out, std::set<std::string>* deleted, std::string* err);
// Renames between two revisions' trees (old path -> new path), detected by
// content similarity as `git diff -M` does.
bool renames_between(const GitRepo& repo, const std::string& from_rev, const std::string& to_rev,
                     std::map<std::string, std::string>* out, std::string* err);
// Renames between a revision's tree and the work tree, uncommitted ones
// included: staged (`git mv`) or not (`mv`, the new path untracked).
bool renames_to_workdir(const GitRepo& repo, const std::string& from_rev, std::map<std::string, std::string>* out,
                        std::string* err);

// A FileSystem over a snapshot, rooted at `prefix` (a directory of the work
// tree, "" for the root): paths it lists are relative to the prefix.
class SnapshotFileSystem : public FileSystem {
 public:
  SnapshotFileSystem(const GitRepo& repo, Snapshot snap, std::string prefix);
  std::vector<ListedFile> list(std::string* note) override;
  bool read(const std::string& path, uint64_t max_bytes, std::string* out, uint64_t* size, std::string* err) override;
  bool exists(const std::string& path) override;
  // Reads a file of the snapshot whole (e.g. the config); false when absent.
  bool read_all(const std::string& path, std::string* out);
  // The blob id of a file ("" when absent): a content key for caches.
  std::string blob_id(const std::string& path) const;

 private:
  const SnapshotEntry* find(const std::string& path) const;
  const GitRepo& repo_;
  Snapshot snap_;
  std::string prefix_;  // "" or "dir/"
  // Discovery reads in parallel; libgit2 does not promise that one repository
  // handle may be used from several threads, so blob reads are serialised.
  std::mutex mu_;
};

}  // namespace og
