// The parse stage: every discovered file parsed by its own parser, in
// parallel. Nothing here links files to each other (that is resolve/).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "discover/discover.h"
#include "parse/compose.h"
#include "parse/docker_run.h"
#include "parse/dockerfile.h"
#include "parse/envfile.h"
#include "parse/gomod.h"
#include "parse/k8s.h"

namespace og {

struct Inputs {
  std::map<std::string, std::shared_ptr<const SourceText>> texts;  // every read file, by path
  std::map<std::string, Dockerfile> dockerfiles;
  std::map<std::string, EnvFile> env_files;
  std::map<std::string, ComposeFile> compose_files;
  std::map<std::string, GoMod> gomods;                 // by path of go.mod
  K8sFile k8s;                                         // all Kubernetes objects, merged
  std::vector<DockerRunCmd> docker_runs;
  std::vector<ParseError> unparsable;                  // OG901: one per file that could not be parsed
  std::vector<SkippedFile> skipped;                    // OG903
  int k8s_files = 0;
};

// Parses discovered files. `read_more` fetches files that compose files name
// (env_file) but discovery did not pick up.
using ReadMore = std::function<bool(const std::string& path, SourceFile* out, std::string* reason)>;
Inputs parse_inputs(std::vector<SourceFile> files, std::vector<SkippedFile> skipped, int jobs, const ReadMore& read_more);

}  // namespace og

namespace og {
// "a/b" + "../c/./d" -> "a/c/d" (paths relative to the scan root).
std::string normalize_join(const std::string& dir, const std::string& rel);
}  // namespace og
