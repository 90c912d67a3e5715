#include "git/repo.h"

#include <git2.h>

#include <mutex>

namespace og {

namespace {
std::string strip_slash(const char* p) {
  std::string s = p ? p : "";
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}
}  // namespace

void git_init() {
  static std::once_flag once;
  std::call_once(once, [] { git_libgit2_init(); });
}

std::string git_last_error() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown error";
}

void GitRepo::Free::operator()(git_repository* r) const { git_repository_free(r); }

bool GitRepo::open(const std::string& dir, std::string* err) {
  git_init();
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, dir.c_str(), 0, nullptr) != 0) {
    if (err) *err = dir + " is not inside a git repository (" + git_last_error() + ")";
    return false;
  }
  repo_.reset(r);
  if (git_repository_is_bare(r)) {
    if (err) *err = "the repository at " + dir + " is bare (no work tree)";
    repo_.reset();
    return false;
  }
  return true;
}

std::string GitRepo::workdir() const { return strip_slash(git_repository_workdir(repo_.get())); }
std::string GitRepo::gitdir() const { return strip_slash(git_repository_path(repo_.get())); }

std::string git_toplevel(const std::string& dir) {
  GitRepo r;
  return r.open(dir, nullptr) ? r.workdir() : "";
}

}  // namespace og
