#include "scan/git_scan.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "baseline/baseline.h"
#include "discover/filesystem.h"
#include "git/snapshot.h"
#include "scan/incremental.h"
#include "scan/probe_changes.h"
#include "util/timing.h"
#include "scan/scan.h"

namespace og {

namespace {

// The scan root relative to the work tree ("" or "sub/dir/").
bool prefix_of(const GitRepo& repo, const std::string& root, std::string* prefix, std::string* err) {
  std::string wd = repo.workdir();
  if (root == wd) {
    prefix->clear();
    return true;
  }
  if (root.size() > wd.size() && root.compare(0, wd.size(), wd) == 0 && root[wd.size()] == '/') {
    *prefix = root.substr(wd.size() + 1) + "/";
    return true;
  }
  *err = root + " is not inside the work tree " + wd;
  return false;
}

// Paths of the repository (work-tree relative) made relative to the scan root.
std::set<std::string> under_prefix(const std::set<std::string>& paths, const std::string& prefix) {
  std::set<std::string> out;
  for (const auto& p : paths)
    if (p.compare(0, prefix.size(), prefix) == 0) out.insert(p.substr(prefix.size()));
  return out;
}

std::map<std::string, std::string> renames_under(const std::map<std::string, std::string>& r, const std::string& prefix) {
  std::map<std::string, std::string> out;
  for (const auto& [from, to] : r)
    if (from.compare(0, prefix.size(), prefix) == 0 && to.compare(0, prefix.size(), prefix) == 0)
      out[from.substr(prefix.size())] = to.substr(prefix.size());
  return out;
}

bool scan_snapshot(const GitRepo& repo, Snapshot snap, const std::string& prefix, const GitScanRequest& req,
                   const Config& cfg, ScanUnit* out) {
  SnapshotFileSystem fs(repo, std::move(snap), prefix);
  *out = scan_filesystem(fs, req.root, cfg, req.jobs);
  return true;
}

// Loads the config from a snapshot (ROOT/.oomguard.yaml as committed or staged).
bool load_from(SnapshotFileSystem& fs, const ConfigLoader& load, Config* cfg) {
  return load([&](std::string* text) { return fs.read_all(".oomguard.yaml", text); }, cfg);
}

bool read_disk_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

void add_value_file(const std::optional<MemValue>& v, std::set<std::string>* out) {
  if (v && v->loc.valid()) out->insert(v->loc.file);
}

void add_env_files(const EnvValue& e, std::set<std::string>* out) {
  if (e.loc.valid()) out->insert(e.loc.file);
  for (const auto& o : e.overridden) add_env_files(o, out);
}

// The config was read from inside the scan root (not --config /elsewhere).
bool config_in_root(const Config& cfg) {
  return !cfg.path.empty() && cfg.path[0] != '/' && cfg.path.compare(0, 3, "../") != 0;
}

std::string replace_file_in_id(const std::string& id, const std::map<std::string, std::string>& renames) {
  size_t colon = id.find(':');
  if (colon == std::string::npos) return id;
  for (const auto& [from, to] : renames) {
    size_t end = colon + 1 + from.size();
    if (id.compare(colon + 1, from.size(), from) == 0 && (end == id.size() || id[end] == '#'))
      return id.substr(0, colon + 1) + to + id.substr(end);
  }
  return id;
}

}  // namespace

std::set<std::string> workload_inputs(const Workload& w) {
  std::set<std::string> out;
  out.insert(w.file);
  if (!w.dockerfile.empty()) out.insert(w.dockerfile);
  if (!w.link_file.empty()) out.insert(w.link_file);
  add_value_file(w.limit, &out);
  add_value_file(w.request, &out);
  add_value_file(w.swap, &out);
  for (const auto& [name, e] : w.env) add_env_files(e, &out);
  if (w.go.loc.valid()) out.insert(w.go.loc.file);
  if (w.image_loc.valid()) out.insert(w.image_loc.file);
  return out;
}

std::set<std::string> workloads_reading(const Project& p, const std::set<std::string>& paths) {
  std::set<std::string> out;
  for (const auto& w : p.workloads)
    for (const auto& file : workload_inputs(w))
      if (paths.count(file)) {
        out.insert(w.id());
        break;
      }
  return out;
}

void keep_findings_involving(ScanUnit* u, const std::set<std::string>& changed,
                             const std::set<std::string>& workloads) {
  std::map<std::string, const Workload*> by_id;
  for (const auto& w : u->project.workloads) by_id.emplace(w.id(), &w);
  auto involved = [&](const Finding& f) {
    if (changed.count(f.loc.file)) return true;
    for (const auto& r : f.related)
      if (changed.count(r.loc.file)) return true;
    if (workloads.count(f.workload)) return true;
    auto w = by_id.find(f.workload);
    if (w == by_id.end()) return false;
    for (const auto& file : workload_inputs(*w->second))
      if (changed.count(file)) return true;
    return false;
  };
  std::vector<Finding> kept;
  for (auto& f : u->findings)
    if (involved(f)) kept.push_back(std::move(f));
  u->findings = std::move(kept);
}

void apply_renames(std::vector<Finding>* findings, const std::map<std::string, std::string>& renames) {
  if (renames.empty()) return;
  auto rename = [&](Location* l) {
    auto it = renames.find(l->file);
    if (it != renames.end()) l->file = it->second;
  };
  for (auto& f : *findings) {
    rename(&f.loc);
    for (auto& r : f.related) rename(&r.loc);
    f.workload = replace_file_in_id(f.workload, renames);
    f.fingerprint = make_fingerprint(f.rule_id, f.workload, f.setting, f.loc.file);
  }
}

bool scan_staged(const GitScanRequest& req, const ConfigLoader& load, ScanUnit* out, std::string* err) {
  StageTimer timer;
  GitRepo repo;
  std::string prefix;
  Snapshot index;
  std::set<std::string> staged, deleted;
  if (!repo.open(req.root, err) || !prefix_of(repo, req.root, &prefix, err) || !index_snapshot(repo, &index, err))
    return false;
  timer.lap("index");
  if (!staged_paths(repo, &staged, &deleted, err)) return false;
  timer.lap("staged");
  Config cfg;
  {
    SnapshotFileSystem cfg_fs(repo, index, prefix);
    if (!load_from(cfg_fs, load, &cfg)) {
      *err = "";
      return false;
    }
  }
  // Parsed facts of every input are cached by blob id under .git/, so a
  // warm pre-commit run parses only the staged files and what links to them.
  FactsCache cache(repo.gitdir() + "/oomguard-facts");
  if (req.use_cache) cache.load();
  timer.lap("cache");
  SnapshotFileSystem fs(repo, std::move(index), prefix);
  // Staged deletions: HEAD still has the deleted files and knows who read them.
  Deletions gone;
  gone.paths = under_prefix(deleted, prefix);
  Snapshot head;
  if (!gone.paths.empty() && !revision_snapshot(repo, "HEAD", &head, err)) return false;
  SnapshotFileSystem head_fs(repo, std::move(head), prefix);
  gone.before = &head_fs;
  gone.key_of = [&](const std::string& p) { return head_fs.blob_id(p); };
  size_t selected = 0;
  *out = scan_changed(fs, req.root, cfg, req.jobs, under_prefix(staged, prefix), req.use_cache ? &cache : nullptr,
                      [&](const std::string& p) { return fs.blob_id(p); }, &selected, gone);
  if (req.use_cache) cache.save();  // best effort: a read-only .git only loses speed
  if (timer.on)
    std::fprintf(stderr, "timing: cache hits %zu, misses %zu; %zu input files scanned\n", cache.hits, cache.misses,
                 selected);
  return true;
}

bool scan_diff_base(const GitScanRequest& req, const ConfigLoader& load, ScanUnit* out, std::string* err) {
  GitRepo repo;
  std::string prefix, head, ref, base;
  if (!repo.open(req.root, err) || !prefix_of(repo, req.root, &prefix, err) ||
      !resolve_commit(repo, "HEAD", &head, err) || !resolve_commit(repo, req.diff_base, &ref, err) ||
      !merge_base(repo, ref, head, &base, err))
    return false;
  Snapshot head_snap, base_snap;
  if (!revision_snapshot(repo, head, &head_snap, err) || !revision_snapshot(repo, base, &base_snap, err)) return false;
  // One config for both sides (HEAD's, or the work tree's): a finding is new
  // because the inputs changed, not because the rules did.
  Config cfg;
  // The config's own text on both sides, for the change rules (OG508); a
  // config outside the scan root (--config /elsewhere) has no revisions.
  std::string cfg_after, cfg_before;
  bool versioned = false;
  if (req.worktree) {
    if (!load([&](std::string* text) { return read_disk_file(req.root + "/.oomguard.yaml", text); }, &cfg)) {
      *err = "";
      return false;
    }
    versioned = config_in_root(cfg) && read_disk_file(req.root + "/" + cfg.path, &cfg_after);
    DiskFileSystem disk(req.root);
    *out = scan_filesystem(disk, req.root, cfg, req.jobs);
  } else {
    SnapshotFileSystem cfg_fs(repo, head_snap, prefix);
    if (!load_from(cfg_fs, load, &cfg)) {
      *err = "";
      return false;
    }
    versioned = config_in_root(cfg) && cfg_fs.read_all(cfg.path, &cfg_after);
    scan_snapshot(repo, std::move(head_snap), prefix, req, cfg, out);
  }
  if (versioned) versioned = SnapshotFileSystem(repo, base_snap, prefix).read_all(cfg.path, &cfg_before);
  ScanUnit before;
  scan_snapshot(repo, std::move(base_snap), prefix, req, cfg, &before);
  std::map<std::string, std::string> renames;
  // Renames up to what was scanned: with --worktree, uncommitted ones too.
  bool found = req.worktree ? renames_to_workdir(repo, base, &renames, err)
                            : renames_between(repo, base, head, &renames, err);
  if (!found) return false;
  std::vector<Finding> known;
  for (auto& f : before.findings)
    if (!f.suppression) known.push_back(std::move(f));
  apply_renames(&known, renames_under(renames, prefix));
  subtract_known(out, known);
  // Baselines raised by the change (always new: they compare the two sides).
  if (versioned) add_probe_change_findings(out, cfg, cfg_before, cfg_after);
  return true;
}

}  // namespace og
