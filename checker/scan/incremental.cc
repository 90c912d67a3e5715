#include "scan/incremental.h"

#include <fstream>
#include <sstream>

#include "parse/inputs.h"
#include "resolve/link.h"
#include "scan/git_scan.h"
#include "scan/scan.h"
#include "util/paths.h"
#include "util/timing.h"

namespace og {

namespace {

constexpr const char* kCacheHeader = "oomguard-facts v2 " OOMGUARD_VERSION;  // v2: skaffold aliases file-relative

bool has_interpolation(const std::string& s) { return s.find('$') != std::string::npos; }

// What a file offers to workloads defined elsewhere.
std::set<std::string> provides(const std::string& path, const FileFacts& f) {
  std::set<std::string> out;
  if (f.envfile) {
    out.insert("file:" + path);
    out.insert("any");
  }
  if (!f.dockerfile) return out;
  out.insert("path:" + path);
  out.insert("any");
  std::string dir = dir_of(path), base = base_of(path);
  if (!dir.empty() && (base == "Dockerfile" || base == "Containerfile")) out.insert("img:" + base_of(dir));
  return out;
}

void add_dockerfile_at(const std::string& p, std::set<std::string>* out) {
  out->insert("path:" + p);
  for (const char* name : {"Dockerfile", "Containerfile"})
    out->insert("path:" + (p.empty() || p == "." ? std::string(name) : p + "/" + name));
}

// What a file's workloads may link to (a superset of what resolve links).
std::set<std::string> needs(const std::string& path, const FileFacts& f, const ResolveOptions& opt,
                            const std::vector<std::pair<std::string, std::string>>& aliases) {
  std::set<std::string> out;
  if (f.opaque) out.insert("any");
  for (const auto& image : f.images) {
    std::string repo = image_repository(image);
    out.insert("img:" + base_of(repo));
    for (const std::string& key : {image, repo}) {
      auto it = opt.images.find(key);
      if (it != opt.images.end()) add_dockerfile_at(normalize_join("", it->second), &out);
    }
    for (const auto& [img, df] : aliases)
      if (img == image || img == repo) out.insert("path:" + df);
  }
  for (const auto& ref : f.env_refs) out.insert("file:" + normalize_join(dir_of(path), ref));
  if (f.workload) out.insert("file:" + normalize_join(dir_of(path), ".env"));  // compose interpolation
  for (const auto& [context, df] : f.builds) {
    std::string ctx = normalize_join(dir_of(path), context);
    if (df.empty()) add_dockerfile_at(ctx, &out);
    else out.insert("path:" + normalize_join(ctx, df));
  }
  return out;
}

bool intersects(const std::set<std::string>& a, const std::set<std::string>& b) {
  for (const auto& x : a)
    if (b.count(x)) return true;
  return false;
}

// The scan's file system, listing only the selected inputs. Files that are
// not inputs (e.g. an env_file with an unusual name) stay readable.
class SubsetFileSystem : public FileSystem {
 public:
  SubsetFileSystem(FileSystem& inner, const std::set<std::string>& keep) : inner_(inner), keep_(keep) {}
  std::vector<ListedFile> list(std::string* note) override {
    std::vector<ListedFile> out;
    for (auto& f : inner_.list(note))
      if (!classify_path(f.path) || keep_.count(f.path)) out.push_back(std::move(f));
    return out;
  }
  bool read(const std::string& p, uint64_t max, std::string* out, uint64_t* size, std::string* err) override {
    return inner_.read(p, max, out, size, err);
  }
  bool exists(const std::string& p) override { return inner_.exists(p); }

 private:
  FileSystem& inner_;
  const std::set<std::string>& keep_;
};

// One record per line: key \t flags \t images \t builds \t aliases; lists
// are \x1e-separated, alias pairs \x1f-separated.
std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "\x1e" : "") + v[i];
  return s;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t pos = 0;
  while (true) {
    size_t e = s.find(sep, pos);
    out.push_back(s.substr(pos, e == std::string::npos ? std::string::npos : e - pos));
    if (e == std::string::npos) return out;
    pos = e + 1;
  }
}

bool storable(const std::string& s) { return s.find_first_of("\t\n\x1e\x1f") == std::string::npos; }

}  // namespace

FileFacts facts_of(const SourceFile& f) {
  FileFacts out;
  Inputs in = parse_inputs({f}, {}, 1, nullptr);
  if (!in.env_files.empty()) out.envfile = true;
  if (!in.unparsable.empty() || !in.gomods.empty() || !in.k8s.config_maps.empty() ||
      !in.k8s.limit_ranges.empty() || !in.k8s.kubelet_configs.empty() || !in.k8s.skaffold.empty())
    out.support = true;
  if (!in.dockerfiles.empty()) out.workload = out.dockerfile = true;
  for (const auto& pod : in.k8s.pods) {
    out.workload = true;
    for (const auto& c : pod.containers) out.images.push_back(c.image);
  }
  for (const auto& [path, cf] : in.compose_files) {
    out.workload = true;
    // Compose interpolates from .env, which is not part of this file's facts.
    if (has_interpolation(f.text->content())) out.opaque = true;
    for (const auto& s : cf.services) {
      if (!s.image.empty()) out.images.push_back(s.image);
      if (s.has_build) out.builds.emplace_back(s.build_context, s.build_dockerfile);
      for (const auto& ef : s.env_files) out.env_refs.push_back(ef.path);
    }
  }
  for (const auto& r : in.docker_runs) {
    out.workload = true;
    if (has_interpolation(r.image)) out.opaque = true;
    out.images.push_back(r.image);
  }
  // Relative to the skaffold file (facts are cached by content, so they must
  // not depend on where the file is); an absolute context is marked with a
  // leading '/' and is root-relative as written. See alias_path().
  for (const auto& a : in.k8s.skaffold)
    out.aliases.emplace_back(a.image, (!a.context.empty() && a.context[0] == '/' ? "/" : "") +
                                          normalize_join(a.context, a.dockerfile));
  return out;
}

void FactsCache::load() {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return;
  std::stringstream ss;
  ss << in.rdbuf();
  data_ = ss.str();
  std::string_view all(data_);
  size_t eol = all.find('\n');
  if (eol == std::string_view::npos || all.substr(0, eol) != kCacheHeader) return;  // foreign or old: start over
  for (size_t pos = eol + 1; pos < all.size();) {
    size_t end = all.find('\n', pos);
    if (end == std::string_view::npos) break;  // a torn last line is dropped
    std::string_view line = all.substr(pos, end - pos);
    size_t tab = line.find('\t');
    if (tab != std::string_view::npos) loaded_[line.substr(0, tab)] = line.substr(tab + 1);
    pos = end + 1;
  }
}

namespace {

// Record: flags \t images \t builds \t aliases \t env_refs; lists are
// \x1e-separated, alias pairs \x1f-separated.
std::string pairs(const std::vector<std::pair<std::string, std::string>>& v) {
  std::vector<std::string> out;
  for (const auto& [a, b] : v) out.push_back(a + "\x1f" + b);
  return join(out);
}

bool unpairs(const std::string& s, std::vector<std::pair<std::string, std::string>>* out) {
  for (const auto& a : split(s, '\x1e')) {
    size_t sep = a.find('\x1f');
    if (sep == std::string::npos) return false;
    out->emplace_back(a.substr(0, sep), a.substr(sep + 1));
  }
  return true;
}

std::string encode(const FileFacts& f) {
  std::string flags = {f.support ? 's' : '-', f.workload ? 'w' : '-', f.opaque ? 'o' : '-', f.dockerfile ? 'd' : '-',
                       f.envfile ? 'e' : '-'};
  return flags + "\t" + join(f.images) + "\t" + pairs(f.builds) + "\t" + pairs(f.aliases) + "\t" + join(f.env_refs);
}

bool decode(std::string_view rec, FileFacts* f) {
  std::string_view c[5];
  size_t n = 0;
  for (size_t pos = 0; n < 5;) {
    size_t tab = rec.find('\t', pos);
    c[n++] = rec.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos);
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  if (n != 5 || c[0].size() != 5) return false;
  f->support = c[0][0] == 's';
  f->workload = c[0][1] == 'w';
  f->opaque = c[0][2] == 'o';
  f->dockerfile = c[0][3] == 'd';
  f->envfile = c[0][4] == 'e';
  f->images = split(std::string(c[1]), '\x1e');
  if ((!c[2].empty() && !unpairs(std::string(c[2]), &f->builds)) ||
      (!c[3].empty() && !unpairs(std::string(c[3]), &f->aliases)))
    return false;
  if (!c[4].empty()) f->env_refs = split(std::string(c[4]), '\x1e');
  return true;
}

}  // namespace

bool FactsCache::save() const {
  if (!dirty_ && used_.size() == loaded_.size()) return true;
  std::string tmp = path_ + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << kCacheHeader << "\n";
    for (const auto& [key, rec] : used_) out << key << '\t' << rec << '\n';
    if (!out.flush()) return false;
  }
  return std::rename(tmp.c_str(), path_.c_str()) == 0;
}

bool FactsCache::get(const std::string& key, FileFacts* out) {
  auto it = loaded_.find(key);
  if (it == loaded_.end() || !decode(it->second, out)) return false;
  used_.emplace_back(it->first, it->second);
  return true;
}

void FactsCache::put(const std::string& key, const FileFacts& f) {
  // Values with separator bytes are not cached (they are recomputed next time).
  for (const auto& v : {f.images, f.env_refs})
    for (const auto& s : v)
      if (!storable(s)) return;
  for (const auto& v : {f.builds, f.aliases})
    for (const auto& [a, b] : v)
      if (!storable(a) || !storable(b)) return;
  owned_.push_back(key);
  std::string_view k = owned_.back();
  owned_.push_back(encode(f));
  used_.emplace_back(k, owned_.back());
  dirty_ = true;
}

// The root-relative Dockerfile path of an alias of the skaffold file at `path`.
std::string alias_path(const std::string& path, const std::string& alias) {
  return !alias.empty() && alias[0] == '/' ? alias.substr(1) : normalize_join(dir_of(path), alias);
}

std::set<std::string> select_files(const std::map<std::string, FileFacts>& facts, const std::set<std::string>& changed,
                                   const ResolveOptions& opt, bool* full) {
  *full = false;
  std::set<std::string> selected, offered;
  std::vector<std::pair<std::string, std::string>> aliases;
  for (const auto& [path, f] : facts) {
    if (f.support) selected.insert(path);
    for (const auto& [image, alias] : f.aliases) aliases.emplace_back(image, alias_path(path, alias));
  }
  for (const auto& c : changed) {
    auto it = facts.find(c);
    if (it == facts.end()) {  // not an input, but maybe an env_file by another name
      offered.insert("file:" + c);
      continue;
    }
    if (it->second.support) {
      *full = true;
      return {};
    }
    selected.insert(c);
    auto p = provides(c, it->second);
    offered.insert(p.begin(), p.end());
  }
  std::set<std::string> wanted;
  for (const auto& [path, f] : facts) {
    if (!f.workload) continue;
    auto n = needs(path, f, opt, aliases);
    if (changed.count(path) || intersects(n, offered)) {
      selected.insert(path);
      wanted.insert(n.begin(), n.end());
    }
  }
  for (const auto& [path, f] : facts)
    if ((f.dockerfile || f.envfile) && intersects(provides(path, f), wanted)) selected.insert(path);
  return selected;
}

namespace {

// The facts of every input of a file system, and the content key of each.
struct InputFacts {
  std::map<std::string, FileFacts> facts;
  std::map<std::string, std::string> keys;
};

// `same`: the facts of another revision, reused for a path whose content key
// is the same there (HEAD's files are mostly the index's).
InputFacts collect_facts(FileSystem& fs, const Config& cfg, FactsCache* cache, const KeyOf& key_of,
                         const InputFacts* same = nullptr) {
  InputFacts out;
  std::string note;
  uint64_t max_bytes = 4u << 20;
  for (const auto& f : fs.list(&note)) {
    unsigned kinds = classify_path(f.path);
    if (!kinds || !f.skip_reason.empty() || path_excluded(f.path, cfg.excludes)) continue;
    std::string key = key_of ? key_of(f.path) : "";
    if (!key.empty()) key += ":" + std::to_string(kinds);
    FileFacts& ff = out.facts.emplace_hint(out.facts.end(), f.path, FileFacts())->second;
    out.keys[f.path] = key;
    if (same && !key.empty()) {
      auto k = same->keys.find(f.path);
      if (k != same->keys.end() && k->second == key) {
        ff = same->facts.at(f.path);
        continue;
      }
    }
    if (cache && !key.empty() && cache->get(key, &ff)) {
      cache->hits++;
      continue;
    }
    SourceFile src;
    std::string reason;
    if (read_input(fs, f.path, kinds, max_bytes, &src, &reason)) ff = facts_of(src);
    else ff.support = true;  // unreadable: its OG903 is file-level; keep it in every scan
    if (cache && !key.empty()) {
      cache->misses++;
      cache->put(key, ff);
    }
  }
  return out;
}

// A scan of the selected files of `fs` (all of them with `full`).
ScanUnit scan_selected(FileSystem& fs, const std::string& root, const Config& cfg, int jobs,
                       const std::set<std::string>& keep, bool full, size_t* count) {
  if (full) {
    ScanUnit u = scan_filesystem(fs, root, cfg, jobs);
    *count += static_cast<size_t>(u.files_read);
    return u;
  }
  SubsetFileSystem subset(fs, keep);
  *count += keep.size();
  return scan_filesystem(subset, root, cfg, jobs);
}

}  // namespace

ScanUnit scan_changed(FileSystem& fs, const std::string& root, const Config& cfg, int jobs,
                      const std::set<std::string>& changed, FactsCache* cache, const KeyOf& key_of,
                      size_t* selected_count, const Deletions& deleted) {
  StageTimer timer;
  *selected_count = 0;
  // The facts depend on the config (excludes, image mappings): a changed
  // config is a full scan.
  bool full = changed.count(".oomguard.yaml") > 0 || deleted.paths.count(".oomguard.yaml") > 0;
  InputFacts now;
  if (!full) now = collect_facts(fs, cfg, cache, key_of);
  timer.lap("facts");
  // A deleted file is linked to nothing in `fs`: the workloads that read it
  // are resolved on the revision that still has it, and the files defining
  // them are selected as if they had changed.
  std::set<std::string> readers, select_for = changed;
  if (!deleted.paths.empty()) {
    InputFacts old = collect_facts(*deleted.before, cfg, cache, deleted.key_of, &now);
    bool all = false;
    std::set<std::string> keep = select_files(old.facts, deleted.paths, cfg.resolve, &all);
    bool linked = all;  // no workload file selected: nothing read the deleted files (e.g. source code)
    for (const auto& p : keep) linked = linked || old.facts.at(p).workload;
    if (linked) {  // resolved only: the rules of the old revision are not wanted
      SubsetFileSystem subset(*deleted.before, keep);
      int n = 0;
      Project before = resolve_filesystem(all ? *deleted.before : subset, cfg, jobs, &n);
      *selected_count += static_cast<size_t>(n);
      readers = workloads_reading(before, deleted.paths);
      for (const auto& w : before.workloads)
        if (readers.count(w.id())) select_for.insert(w.file);
    }
    timer.lap("deleted");
  }
  std::set<std::string> keep;
  if (!full) keep = select_files(now.facts, select_for, cfg.resolve, &full);
  timer.lap("select");
  ScanUnit u = scan_selected(fs, root, cfg, jobs, keep, full, selected_count);
  keep_findings_involving(&u, changed, readers);
  return u;
}

}  // namespace og
