// libgit2 behind a small RAII wrapper: opening a repository, reading the
// index and trees, resolving revisions. No shelling out to git.
#pragma once
#include <memory>
#include <string>

struct git_repository;

namespace og {

// Initialises libgit2 once per process.
void git_init();

// The work tree root containing `dir` ("" when not in a git work tree).
std::string git_toplevel(const std::string& dir);

class GitRepo {
 public:
  // Opens the repository containing `dir`; false + err when there is none.
  bool open(const std::string& dir, std::string* err);
  git_repository* get() const { return repo_.get(); }
  std::string workdir() const;   // absolute, without trailing '/'
  std::string gitdir() const;    // absolute .git directory, without trailing '/'

 private:
  struct Free {
    void operator()(git_repository* r) const;
  };
  std::unique_ptr<git_repository, Free> repo_;
};

// The message of libgit2's last error ("unknown error" when none).
std::string git_last_error();

}  // namespace og
