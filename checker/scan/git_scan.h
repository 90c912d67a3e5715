// The git modes of `oomguard scan` (libgit2, no `git` process):
//   --staged      the repository as it will be committed (file contents from
//                 the index), reporting findings that involve a staged file
//                 (or a workload that read a file the index deletes);
//   --diff-base   HEAD (or the work tree) against the merge base with REF,
//                 reporting only findings that are new, and listing fixed ones.
#pragma once
#include <functional>
#include <set>
#include <string>

#include "config/config.h"
#include "report/report.h"

namespace og {

class FileSystem;

// Loads the scan config given a way to read ROOT/.oomguard.yaml from the
// revision being scanned (false + errors printed -> exit 2).
using ConfigLoader = std::function<bool(const std::function<bool(std::string*)>& read_default, Config* cfg)>;

struct GitScanRequest {
  std::string root;          // absolute scan root (a directory inside a work tree)
  int jobs = 1;
  std::string diff_base;     // --diff-base REF ("" = --staged)
  bool worktree = false;     // --diff-base: scan the work tree instead of HEAD
  bool use_cache = true;     // --staged: the facts cache under .git/ (--no-cache turns it off)
};

// Both return false with `err` set for git problems (not a repository, bad
// revision); config errors come back through the loader.
bool scan_staged(const GitScanRequest& req, const ConfigLoader& load, ScanUnit* out, std::string* err);
bool scan_diff_base(const GitScanRequest& req, const ConfigLoader& load, ScanUnit* out, std::string* err);

// Files whose content shaped a workload's effective configuration.
std::set<std::string> workload_inputs(const Workload& w);
// The workloads (ids) of `p` that read one of `paths`: for a deleted file,
// computed on the revision that still has it.
std::set<std::string> workloads_reading(const Project& p, const std::set<std::string>& paths);
// Keeps the findings that involve one of `changed`: located there (primary
// or related), or about a workload that reads one of them or is one of
// `workloads` (the readers of the deleted files).
void keep_findings_involving(ScanUnit* u, const std::set<std::string>& changed,
                             const std::set<std::string>& workloads = {});
// Rewrites file paths of findings after renames (old -> new path) and
// recomputes their fingerprints, so a renamed file's findings match.
void apply_renames(std::vector<Finding>* findings, const std::map<std::string, std::string>& renames);

}  // namespace og
