#include "git/snapshot.h"

#include <git2.h>

#include <cstdlib>
#include <memory>

namespace og {

namespace {

template <typename T, void (*Free)(T*)>
struct Ptr {
  T* p = nullptr;
  ~Ptr() { if (p) Free(p); }
  T** out() { return &p; }
};

std::string hex(const git_oid* oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, oid);
  return buf;
}

bool fail(std::string* err, const std::string& what) {
  *err = what + ": " + git_last_error();
  return false;
}

bool lookup_tree(const GitRepo& repo, const std::string& rev, git_tree** tree, std::string* err) {
  Ptr<git_object, git_object_free> obj;
  if (git_revparse_single(obj.out(), repo.get(), rev.c_str()) != 0) return fail(err, "cannot resolve revision '" + rev + "'");
  if (git_object_peel(reinterpret_cast<git_object**>(tree), obj.p, GIT_OBJECT_TREE) != 0)
    return fail(err, "revision '" + rev + "' has no tree");
  return true;
}

int collect_tree_entry(const char* root, const git_tree_entry* e, void* payload) {
  if (git_tree_entry_type(e) != GIT_OBJECT_BLOB && git_tree_entry_filemode(e) != GIT_FILEMODE_COMMIT) return 0;
  auto* snap = static_cast<Snapshot*>(payload);
  snap->files[std::string(root) + git_tree_entry_name(e)] = {hex(git_tree_entry_id(e)),
                                                             static_cast<unsigned>(git_tree_entry_filemode(e))};
  return 0;
}

// The index a commit will be made from. `git commit -a` and `git commit PATH`
// run the pre-commit hook with GIT_INDEX_FILE naming a temporary index: that
// one is what will be committed, not .git/index.
bool open_index(const GitRepo& repo, git_index** out, std::string* err) {
  const char* alt = std::getenv("GIT_INDEX_FILE");
  if (alt && *alt) {
    if (git_index_open(out, alt) != 0) return fail(err, std::string("cannot read the index ") + alt);
    return true;
  }
  if (git_repository_index(out, repo.get()) != 0) return fail(err, "cannot read the index");
  return true;
}

}  // namespace

bool index_snapshot(const GitRepo& repo, Snapshot* out, std::string* err) {
  Ptr<git_index, git_index_free> index;
  if (!open_index(repo, index.out(), err)) return false;
  size_t n = git_index_entrycount(index.p);
  for (size_t i = 0; i < n; ++i) {
    const git_index_entry* e = git_index_get_byindex(index.p, i);
    int stage = git_index_entry_stage(e);
    if (stage > 1) continue;  // the conflict's "ours"/"theirs" copies: the stage-1 entry stands for the path
    // A conflicted path (stage 1..3) has no content to commit yet.
    out->files.emplace_hint(out->files.end(), e->path, SnapshotEntry{stage == 0 ? hex(&e->id) : "", e->mode});
  }
  return true;
}

bool revision_snapshot(const GitRepo& repo, const std::string& rev, Snapshot* out, std::string* err) {
  Ptr<git_tree, git_tree_free> tree;
  if (!lookup_tree(repo, rev, tree.out(), err)) return false;
  if (git_tree_walk(tree.p, GIT_TREEWALK_PRE, collect_tree_entry, out) != 0) return fail(err, "cannot walk " + rev);
  return true;
}

bool resolve_commit(const GitRepo& repo, const std::string& rev, std::string* oid, std::string* err) {
  Ptr<git_object, git_object_free> obj, commit;
  if (git_revparse_single(obj.out(), repo.get(), rev.c_str()) != 0) return fail(err, "cannot resolve revision '" + rev + "'");
  if (git_object_peel(commit.out(), obj.p, GIT_OBJECT_COMMIT) != 0) return fail(err, "'" + rev + "' is not a commit");
  *oid = hex(git_object_id(commit.p));
  return true;
}

bool merge_base(const GitRepo& repo, const std::string& a, const std::string& b, std::string* oid, std::string* err) {
  git_oid oa, ob, base;
  if (git_oid_fromstr(&oa, a.c_str()) != 0 || git_oid_fromstr(&ob, b.c_str()) != 0) return fail(err, "bad commit id");
  if (git_merge_base(&base, repo.get(), &oa, &ob) != 0)
    return fail(err, "no merge base between " + a.substr(0, 12) + " and " + b.substr(0, 12));
  *oid = hex(&base);
  return true;
}

bool staged_paths(const GitRepo& repo, std::set<std::string>* out, std::set<std::string>* deleted, std::string* err) {
  Ptr<git_tree, git_tree_free> head;
  std::string ignored;
  bool has_head = lookup_tree(repo, "HEAD", head.out(), &ignored);
  Ptr<git_index, git_index_free> index;
  if (!open_index(repo, index.out(), err)) return false;
  Ptr<git_diff, git_diff_free> diff;
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  if (git_diff_tree_to_index(diff.out(), repo.get(), has_head ? head.p : nullptr, index.p, &opts) != 0)
    return fail(err, "cannot diff HEAD against the index");
  // No rename detection: a rename deletes the old path (the workloads that
  // read it lose it) and adds the new one.
  size_t n = git_diff_num_deltas(diff.p);
  for (size_t i = 0; i < n; ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff.p, i);
    if (d->status == GIT_DELTA_DELETED) deleted->insert(d->old_file.path);
    else out->insert(d->new_file.path);
  }
  return true;
}

namespace {

// The renames (old path -> new path) of a diff, by content similarity.
bool collect_renames(git_diff* diff, unsigned flags, std::map<std::string, std::string>* out, std::string* err) {
  git_diff_find_options fo = GIT_DIFF_FIND_OPTIONS_INIT;
  fo.flags = GIT_DIFF_FIND_RENAMES | flags;
  if (git_diff_find_similar(diff, &fo) != 0) return fail(err, "cannot detect renames");
  size_t n = git_diff_num_deltas(diff);
  for (size_t i = 0; i < n; ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff, i);
    if (d->status == GIT_DELTA_RENAMED) (*out)[d->old_file.path] = d->new_file.path;
  }
  return true;
}

}  // namespace

bool renames_between(const GitRepo& repo, const std::string& from_rev, const std::string& to_rev,
                     std::map<std::string, std::string>* out, std::string* err) {
  Ptr<git_tree, git_tree_free> a, b;
  if (!lookup_tree(repo, from_rev, a.out(), err) || !lookup_tree(repo, to_rev, b.out(), err)) return false;
  Ptr<git_diff, git_diff_free> diff;
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  if (git_diff_tree_to_tree(diff.out(), repo.get(), a.p, b.p, &opts) != 0) return fail(err, "cannot diff trees");
  return collect_renames(diff.p, 0, out, err);
}

bool renames_to_workdir(const GitRepo& repo, const std::string& from_rev, std::map<std::string, std::string>* out,
                        std::string* err) {
  Ptr<git_tree, git_tree_free> a;
  if (!lookup_tree(repo, from_rev, a.out(), err)) return false;
  // The tree against the work tree as `git diff REV` sees it (staged or not),
  // plus untracked files: the target of a plain `mv` is not in the index.
  Ptr<git_diff, git_diff_free> diff;
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  opts.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
  if (git_diff_tree_to_workdir_with_index(diff.out(), repo.get(), a.p, &opts) != 0)
    return fail(err, "cannot diff " + from_rev + " against the work tree");
  return collect_renames(diff.p, GIT_DIFF_FIND_FOR_UNTRACKED, out, err);
}

SnapshotFileSystem::SnapshotFileSystem(const GitRepo& repo, Snapshot snap, std::string prefix)
    : repo_(repo), snap_(std::move(snap)), prefix_(std::move(prefix)) {
  if (!prefix_.empty() && prefix_.back() != '/') prefix_ += '/';
}

const SnapshotEntry* SnapshotFileSystem::find(const std::string& path) const {
  auto it = snap_.files.find(prefix_ + path);
  return it == snap_.files.end() ? nullptr : &it->second;
}

std::vector<ListedFile> SnapshotFileSystem::list(std::string*) {
  std::vector<ListedFile> out;
  for (auto it = snap_.files.lower_bound(prefix_); it != snap_.files.end(); ++it) {
    if (it->first.compare(0, prefix_.size(), prefix_) != 0) break;
    std::string rel = it->first.substr(prefix_.size());
    unsigned type = it->second.mode & 0170000;
    if (type == 0160000) continue;  // a submodule: its own repository
    if (type == 0120000) out.push_back({rel, "a symbolic link (not followed)"});
    else if (it->second.oid.empty()) out.push_back({rel, "has merge conflicts in the index"});
    else out.push_back({rel, ""});
  }
  return out;
}

bool SnapshotFileSystem::read(const std::string& path, uint64_t max_bytes, std::string* out, uint64_t* size,
                              std::string* err) {
  const SnapshotEntry* e = find(path);
  if (!e || e->oid.empty()) {
    *err = "not in the snapshot";
    return false;
  }
  std::lock_guard<std::mutex> lock(mu_);
  git_oid oid;
  Ptr<git_blob, git_blob_free> blob;
  if (git_oid_fromstr(&oid, e->oid.c_str()) != 0 || git_blob_lookup(blob.out(), repo_.get(), &oid) != 0) {
    *err = "cannot read blob " + e->oid + ": " + git_last_error();
    return false;
  }
  *size = static_cast<uint64_t>(git_blob_rawsize(blob.p));
  if (*size > max_bytes) {
    *err = "larger than max_file_bytes";
    return false;
  }
  out->assign(static_cast<const char*>(git_blob_rawcontent(blob.p)), static_cast<size_t>(*size));
  return true;
}

std::string SnapshotFileSystem::blob_id(const std::string& path) const {
  const SnapshotEntry* e = find(path);
  return e ? e->oid : "";
}

bool SnapshotFileSystem::exists(const std::string& path) { return find(path) != nullptr; }

bool SnapshotFileSystem::read_all(const std::string& path, std::string* out) {
  uint64_t size = 0;
  std::string err;
  return read(path, UINT64_MAX, out, &size, &err);
}

}  // namespace og
