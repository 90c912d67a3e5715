// Incremental scans for the pre-commit hook: a scan that must report only
// findings involving a few changed files does not need every file. Each
// input file is summarised by path-independent FACTS (which images its
// workloads run, which build contexts it names, whether it is a support file
// every workload may read); the facts are cached by content key (git blob id)
// so a warm run parses only what changed plus the files linked to it.
//
// Selection (conservative: any doubt selects more):
//   - support files (env files, go.mod, skaffold, ConfigMaps, LimitRanges,
//     kubelet configs, files that failed to parse) are always selected;
//   - a changed support file, a changed config or an unknown kind selects
//     everything (a full scan);
//   - the changed files, the workload files that need what a changed file
//     provides (an image name, a Dockerfile path or directory, an env file
//     path; a changed file that is not an input offers its path, as an
//     env_file may have any name), and every file providing what those
//     workload files need;
//   - for a deleted file, the files defining the workloads that read it
//     before (resolved on the old revision from the same selection), as if
//     they had changed.
// tests/incremental_test.cc checks, for every file of the demo and of every
// rule fixture, that the selected scan reports exactly the findings a full
// scan reports for that change, and for its deletion.
#pragma once
#include <deque>
#include <functional>
#include <map>
#include <string_view>
#include <unordered_map>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "discover/discover.h"
#include "report/report.h"

namespace og {

struct FileFacts {
  bool support = false;   // read by workloads defined elsewhere
  bool workload = false;  // defines workloads (pods, compose services, docker run, Dockerfile)
  bool opaque = false;    // its links cannot be known without interpolation: needs every Dockerfile
  bool dockerfile = false;  // a Dockerfile: provides its path, directory name and build context
  bool envfile = false;     // an env file: provides its path (compose env_file, .env)
  std::vector<std::string> images;       // image references its workloads run
  std::vector<std::pair<std::string, std::string>> builds;   // compose build: (context, dockerfile) as written
  std::vector<std::pair<std::string, std::string>> aliases;  // skaffold: image -> dockerfile path (from the file's dir)
  std::vector<std::string> env_refs;     // compose env_file paths (relative to the compose file)
};

// Facts of one input file (parsed on its own).
FileFacts facts_of(const SourceFile& f);

// Cache of facts by content key, one text record per line. Loading only
// indexes the lines; a record is decoded when asked for. Saving keeps the
// records used by this run, so the cache follows the repository's current
// files. A corrupt or foreign file is ignored (and rewritten).
class FactsCache {
 public:
  explicit FactsCache(std::string path) : path_(std::move(path)) {}
  void load();
  bool save() const;  // only when something changed
  bool get(const std::string& key, FileFacts* out);
  void put(const std::string& key, const FileFacts& f);
  size_t hits = 0, misses = 0;

 private:
  std::string path_, data_;
  std::unordered_map<std::string_view, std::string_view> loaded_;  // key -> record, views into data_
  std::vector<std::pair<std::string_view, std::string_view>> used_;  // what save() writes
  std::deque<std::string> owned_;                                    // storage of records added by put()
  bool dirty_ = false;
};

// Input paths (root-relative) -> facts, and the changed paths: the files to
// scan, or `*full` = true when only a full scan is exact.
std::set<std::string> select_files(const std::map<std::string, FileFacts>& facts, const std::set<std::string>& changed,
                                   const ResolveOptions& opt, bool* full);

using KeyOf = std::function<std::string(const std::string&)>;

// The files a change deletes, with the revision that still has them (HEAD):
// the workloads that read them there are resolved on that side.
struct Deletions {
  std::set<std::string> paths;
  FileSystem* before = nullptr;
  KeyOf key_of;  // content keys of `before`'s files (nullptr = none)
};

// A scan of `fs` that reports the findings involving `changed` (and, for
// `deleted`, the findings of the workloads that read a deleted file before),
// parsing only the selected files. `key_of(path)` gives a content key for the
// cache ("" = do not cache). Returns the unit; `*selected` = number of input
// files parsed (on both revisions for deletions).
ScanUnit scan_changed(FileSystem& fs, const std::string& root, const Config& cfg, int jobs,
                      const std::set<std::string>& changed, FactsCache* cache, const KeyOf& key_of, size_t* selected,
                      const Deletions& deleted = {});

}  // namespace og
