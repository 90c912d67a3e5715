// The floor of oomguard's design: yaml-cpp LoadAll over the same YAML files,
// in one process, one thread. ci/bench compares `oomguard scan` against it.
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: yaml_floor DIR\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  size_t files = 0, bytes = 0, docs = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(argv[1])) {
    auto ext = e.path().extension();
    if (!e.is_regular_file() || (ext != ".yaml" && ext != ".yml")) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    bytes += s.size();
    ++files;
    try {
      docs += YAML::LoadAll(s).size();
    } catch (const YAML::Exception&) {
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%zu %zu %zu %.6f\n", files, bytes, docs, secs);
  return 0;
}
