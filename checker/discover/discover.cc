#include "discover/discover.h"
#include "util/paths.h"

#include <fnmatch.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>

namespace og {

namespace {

bool ends_with(const std::string& s, const char* suf) {
  size_t n = std::strlen(suf);
  return s.size() >= n && s.compare(s.size() - n, n, suf) == 0;
}
bool starts_with(const std::string& s, const char* pre) { return s.rfind(pre, 0) == 0; }

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

unsigned classify_path(const std::string& path) {
  std::string b = base_of(path);
  std::string lb = lower(b);
  unsigned k = 0;
  bool ignore_file = ends_with(lb, ".dockerignore") || ends_with(lb, ".containerignore");  // BuildKit per-file ignores
  if (!ignore_file && (b == "Dockerfile" || b == "Containerfile" || starts_with(b, "Dockerfile.") ||
                       starts_with(b, "Containerfile.") || ends_with(b, ".Dockerfile") || ends_with(lb, ".dockerfile")))
    k |= kDockerfile;
  if (ends_with(lb, ".yaml") || ends_with(lb, ".yml")) k |= kYaml | kScript;
  if (ends_with(lb, ".json")) k |= kJson;
  if (b == ".env" || ends_with(b, ".env") || starts_with(b, ".env.")) k |= kEnvFile;
  if (ends_with(lb, ".sh") || ends_with(lb, ".bash") || b == "Makefile" || b == "makefile" || b == "GNUmakefile" || ends_with(lb, ".mk") ||
      b == "Jenkinsfile")
    k |= kScript;
  if (b == "go.mod") k |= kGoMod;
  return k;
}

bool path_excluded(const std::string& path, const std::vector<std::string>& globs) {
  for (const auto& g : globs) {
    if (g.size() > 3 && g.compare(0, 3, "**/") == 0) {  // the rest matched at any directory depth
      std::vector<std::string> rest{g.substr(3)};
      for (size_t i = 0; i != std::string::npos; i = path.find('/', i + 1))
        if (path_excluded(path.substr(i == 0 ? 0 : i + 1), rest)) return true;
      continue;
    }
    if (fnmatch(g.c_str(), path.c_str(), 0) == 0) return true;
    // "dir/" or "dir" excludes everything below it
    std::string d = g;
    if (!d.empty() && d.back() == '/') d.pop_back();
    if (!d.empty() && path.size() > d.size() && path.compare(0, d.size(), d) == 0 && path[d.size()] == '/')
      return true;
  }
  return false;
}

bool read_input(FileSystem& fs, const std::string& path, unsigned kinds, uint64_t max_bytes, SourceFile* out,
                std::string* reason) {
  std::string content, err;
  uint64_t size = 0;
  if (!fs.read(path, max_bytes, &content, &size, &err)) {
    *reason = err;
    return false;
  }
  // A NUL byte in the first 8 KiB: a binary file, not configuration.
  if (std::memchr(content.data(), '\0', std::min<size_t>(content.size(), 8192)) != nullptr) {
    *reason = "binary file (NUL byte)";
    return false;
  }
  out->path = path;
  out->kinds = kinds;
  out->text = std::make_shared<SourceText>(std::move(content));
  return true;
}

Discovery discover(FileSystem& fs, const DiscoverOptions& opt) {
  Discovery d;
  std::vector<ListedFile> listed = fs.list(&d.note);
  std::vector<std::pair<std::string, unsigned>> todo;
  for (auto& f : listed) {
    unsigned k = classify_path(f.path);
    if (!k || f.path == opt.config_path || f.path == ".oomguard-baseline.json" || path_excluded(f.path, opt.excludes))
      continue;
    if (!f.skip_reason.empty()) {
      d.skipped.push_back({f.path, f.skip_reason});
      continue;
    }
    todo.emplace_back(f.path, k);
  }
  std::sort(todo.begin(), todo.end());
  std::vector<SourceFile> files(todo.size());
  std::vector<std::string> reasons(todo.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next++) < todo.size();)
      if (!read_input(fs, todo[i].first, todo[i].second, opt.max_file_bytes, &files[i], &reasons[i]))
        files[i].path.clear();
  };
  int jobs = std::max(1, opt.jobs);
  std::vector<std::thread> pool;
  for (int j = 1; j < jobs; ++j) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  for (size_t i = 0; i < todo.size(); ++i) {
    if (!files[i].path.empty()) d.files.push_back(std::move(files[i]));
    else d.skipped.push_back({todo[i].first, reasons[i]});
  }
  return d;
}

}  // namespace og
