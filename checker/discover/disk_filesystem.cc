#include <fcntl.h>
#include <git2.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <filesystem>
#include <mutex>

#include "discover/filesystem.h"

namespace fs = std::filesystem;

namespace og {

namespace {

std::once_flag git_init_once;

bool within(const std::string& real_root, const std::string& p) {
  return p == real_root || (p.size() > real_root.size() && p.compare(0, real_root.size(), real_root) == 0 &&
                            p[real_root.size()] == '/');
}

}  // namespace

DiskFileSystem::DiskFileSystem(std::string root, std::string only) : root_(std::move(root)), only_(std::move(only)) {
  std::error_code ec;
  real_root_ = fs::canonical(root_, ec).string();
  if (ec) real_root_ = fs::absolute(root_, ec).string();
}

bool DiskFileSystem::git_list(std::vector<std::string>* out, std::string* note) {
  std::call_once(git_init_once, [] { git_libgit2_init(); });
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, real_root_.c_str(), 0, nullptr) != 0) return false;
  const char* wd = git_repository_workdir(repo);
  if (!wd) {
    git_repository_free(repo);
    return false;
  }
  std::string workdir = wd;
  std::error_code ec;
  std::string real_wd = fs::canonical(workdir, ec).string();
  std::string prefix;  // root relative to the work tree
  if (real_root_ != real_wd) prefix = real_root_.substr(real_wd.size() + 1) + "/";

  git_status_options opts = GIT_STATUS_OPTIONS_INIT;
  opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
               GIT_STATUS_OPT_INCLUDE_UNMODIFIED | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  std::string spec = prefix.empty() ? "" : prefix + "*";
  char* specs[1] = {spec.data()};
  if (!prefix.empty()) opts.pathspec = {specs, 1};
  git_status_list* list = nullptr;
  if (git_status_list_new(&list, repo, &opts) != 0) {
    const git_error* e = git_error_last();
    *note = std::string("git status failed (") + (e ? e->message : "?") + "); walking the directory instead";
    git_repository_free(repo);
    return false;
  }
  size_t n = git_status_list_entrycount(list);
  for (size_t i = 0; i < n; ++i) {
    const git_status_entry* s = git_status_byindex(list, i);
    if (s->status & (GIT_STATUS_WT_DELETED | GIT_STATUS_IGNORED)) continue;
    const git_diff_delta* d = s->index_to_workdir ? s->index_to_workdir : s->head_to_index;
    if (!d || !d->new_file.path) continue;
    std::string p = d->new_file.path;
    if (!prefix.empty()) {
      if (p.compare(0, prefix.size(), prefix) != 0) continue;
      p = p.substr(prefix.size());
    }
    out->push_back(p);
  }
  git_status_list_free(list);
  git_repository_free(repo);
  return true;
}

std::vector<ListedFile> DiskFileSystem::list(std::string* note) {
  // (path, is_symlink) pairs; the directory walk knows the type from readdir,
  // git listings need one lstat per file.
  std::vector<std::pair<std::string, bool>> paths;
  if (!only_.empty()) {
    paths.emplace_back(only_, fs::is_symlink(real_root_ + "/" + only_));
  } else {
    std::vector<std::string> tracked;
    if (git_list(&tracked, note)) {
      for (auto& p : tracked) {
        struct stat st;
        std::string full = real_root_ + "/" + p;
        if (lstat(full.c_str(), &st) != 0) continue;
        if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) continue;
        paths.emplace_back(std::move(p), S_ISLNK(st.st_mode));
      }
    } else {
      std::error_code ec;
      fs::recursive_directory_iterator it(real_root_, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        fs::file_type t = it->symlink_status(ec).type();
        if (t == fs::file_type::directory) {
          if (it->path().filename() == ".git") it.disable_recursion_pending();
          continue;
        }
        if (t != fs::file_type::regular && t != fs::file_type::symlink) continue;
        paths.emplace_back(it->path().lexically_relative(real_root_).generic_string(), t == fs::file_type::symlink);
      }
      if (ec) *note = "directory walk stopped early: " + ec.message();
    }
  }
  std::vector<ListedFile> out;
  out.reserve(paths.size());
  for (auto& [p, is_link] : paths) {
    ListedFile f{std::move(p), ""};
    if (is_link) {
      std::error_code ec;
      fs::path target = fs::canonical(real_root_ + "/" + f.path, ec);
      if (ec) f.skip_reason = "symlink cannot be resolved (" + ec.message() + ")";
      else if (!within(real_root_, target.string())) f.skip_reason = "symlink leaves the scanned root";
      else if (!fs::is_regular_file(target, ec)) continue;  // link to a directory: its files are listed anyway
    }
    out.push_back(std::move(f));
  }
  return out;
}

bool DiskFileSystem::read(const std::string& path, uint64_t max_bytes, std::string* out, uint64_t* size,
                          std::string* err) {
  std::string full = real_root_ + "/" + path;
  int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = std::string("cannot be opened (") + std::strerror(errno) + ")";
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    *err = "not a regular file";
    return false;
  }
  *size = static_cast<uint64_t>(st.st_size);
  if (*size > max_bytes) {
    ::close(fd);
    *err = "larger than max_file_bytes (" + std::to_string(*size) + " > " + std::to_string(max_bytes) + " bytes)";
    return false;
  }
  out->resize(static_cast<size_t>(*size));
  size_t got = 0;
  while (got < out->size()) {
    ssize_t n = ::read(fd, out->data() + got, out->size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  out->resize(got);  // a file that shrank while being read
  return true;
}

bool DiskFileSystem::exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(real_root_ + "/" + path, ec);
}

}  // namespace og
