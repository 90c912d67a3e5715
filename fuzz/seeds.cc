#include "seeds.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace og::fuzz {

namespace fs = std::filesystem;

namespace {

constexpr uintmax_t kMaxSeedBytes = 64 * 1024;

bool read(const fs::path& p, std::string* out) {
  std::error_code ec;
  if (fs::file_size(p, ec) > kMaxSeedBytes || ec) return false;
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return static_cast<bool>(in) || in.eof();
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The harnesses a fixture file feeds, from its name.
std::vector<std::string> harnesses_for(const std::string& name) {
  if (name == "expected.txt" || name == "README.md") return {};
  if (name == "Dockerfile" || name == "Containerfile" || ends_with(name, ".Dockerfile") || name.rfind("Dockerfile.", 0) == 0)
    return {"dockerfile", "suppressions"};
  if (name == ".env" || ends_with(name, ".env") || name.rfind(".env.", 0) == 0)
    return {"envfile", "compose_interpolation", "suppressions"};
  if (name == ".oomguard.yaml") return {"config", "update_baselines", "suppressions"};
  if (ends_with(name, ".yaml") || ends_with(name, ".yml") || ends_with(name, ".json")) {
    if (name.find("compose") != std::string::npos) return {"compose_document", "compose_interpolation", "suppressions"};
    return {"k8s_stream", "suppressions"};
  }
  if (ends_with(name, ".sh") || name == "Makefile" || ends_with(name, ".mk")) return {"docker_run", "suppressions"};
  return {};
}

// Spellings from the semantics reference and the grammar tests.
const char* const kQuantities[] = {
    "512Mi", "1Gi", "1.5Gi", "500m", "512m", "1e3", "1E", "1E9", "5e-1", ".5", "1.", "-1", "-0", "+1Gi", "8Ei",
    "9223372036854775807", "Mi", "k", "1K", "1KiB", "512MB", "1g", "1.5g", "2b", "0", "",
    "512MiB", "1GiB", "1024KiB", "1B", "1G", "1GB", "500M", "off", "OFF", "+50", "-5", "100", "2147483648",
    "0.9", "1", "0.0", "1e-3", "0x1p-2", "1_0", "inf", "NaN", " 1", "64MiB", "64Mi"};

}  // namespace

std::vector<Seed> fixture_seeds(const std::string& fixtures_dir) {
  std::vector<Seed> seeds;
  std::map<fs::path, std::string> cases;  // fixture case directory -> framed files
  std::error_code ec;
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(fixtures_dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec) && !it->is_symlink(ec)) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    std::string content;
    if (!read(p, &content)) continue;
    std::string rel = fs::relative(p, fixtures_dir, ec).generic_string();
    for (const auto& h : harnesses_for(p.filename().string())) seeds.push_back({h, rel, content});
    // The case directory: the nearest ancestor holding expected.txt (rule
    // fixtures) or a README.md (the demo).
    for (fs::path d = p.parent_path(); d.string().size() > fs::path(fixtures_dir).string().size(); d = d.parent_path()) {
      if (fs::exists(d / "expected.txt", ec) || fs::exists(d / "README.md", ec)) {
        if (p.filename() != "expected.txt")
          cases[d] += "%%% " + fs::relative(p, d, ec).generic_string() + "\n" + content +
                      (content.empty() || content.back() == '\n' ? "" : "\n");
        break;
      }
    }
  }
  for (const auto& [d, framed] : cases)
    for (const char* h : {"pipeline", "reporters"})
      seeds.push_back({h, fs::relative(d, fixtures_dir, ec).generic_string(), framed});
  int i = 0;
  for (const char* q : kQuantities) {
    for (const char* h : {"quantity_k8s", "quantity_docker", "quantity_go"})
      seeds.push_back({h, "quantity-" + std::to_string(i), q});
    ++i;
  }
  return seeds;
}

}  // namespace og::fuzz
