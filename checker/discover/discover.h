// Which files are inputs, and reading them (bounded, binary-safe).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "discover/filesystem.h"
#include "util/source_text.h"

namespace og {

enum InputKind : unsigned {
  kDockerfile = 1u << 0,
  kYaml = 1u << 1,      // .yaml/.yml (Kubernetes, compose, skaffold, CI)
  kJson = 1u << 2,      // .json (Kubernetes)
  kEnvFile = 1u << 3,   // .env, *.env, .env.*
  kScript = 1u << 4,    // shell, Makefile, CI files: `docker run` lines
  kGoMod = 1u << 5,
};

// Input kinds of a path from its name alone (0 = not an input).
unsigned classify_path(const std::string& path);

struct SourceFile {
  std::string path;     // relative to the scan root
  unsigned kinds = 0;
  std::shared_ptr<const SourceText> text;
};

struct SkippedFile {
  std::string path;
  std::string reason;
};

struct DiscoverOptions {
  std::vector<std::string> excludes;  // fnmatch globs against the relative path
  uint64_t max_file_bytes = 4u << 20;
  std::string config_path;            // the config file is not an input
  int jobs = 1;
};

struct Discovery {
  std::vector<SourceFile> files;      // sorted by path
  std::vector<SkippedFile> skipped;
  std::string note;                   // e.g. why git was not used
};

Discovery discover(FileSystem& fs, const DiscoverOptions& opt);
// Reads one more file (e.g. an env_file a compose file names); false + reason when skipped.
bool read_input(FileSystem& fs, const std::string& path, unsigned kinds, uint64_t max_bytes, SourceFile* out,
                std::string* reason);
bool path_excluded(const std::string& path, const std::vector<std::string>& globs);

}  // namespace og
