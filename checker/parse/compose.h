// Compose files (compose-spec): the memory keys, env_file, environment, image
// and build of every service, with the file's own ${...} interpolated from the
// .env beside it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/workload.h"
#include "parse/envfile.h"
#include "parse/yaml_source.h"

namespace og {

struct ComposeEnvItem {
  std::string key;
  std::string value;       // interpolated
  std::string raw;
  bool bare = false;       // `- KEY` or `KEY:` with no value
  Location key_loc, value_loc;
  std::vector<std::string> unresolved;
};

struct ComposeEnvFileRef {
  std::string path;        // as written (relative to the compose file's directory)
  bool required = true;
  Location loc;
};

struct ComposeService {
  std::string name;
  Location loc;
  std::string image;
  Location image_loc;
  bool has_build = false;
  std::string build_context, build_dockerfile, build_target;
  Location build_loc;
  std::optional<MemValue> mem_limit, memswap_limit, mem_reservation;
  std::optional<MemValue> deploy_limit, deploy_reservation;
  std::vector<ComposeEnvFileRef> env_files;
  std::vector<ComposeEnvItem> environment;
  std::map<std::string, std::string> labels;
  std::map<std::string, Location> oomguard_label_locs;  // values of oomguard.io/* labels
};

struct ComposeFile {
  std::vector<ComposeService> services;
  std::vector<ParseError> errors;
};

// True when the document has a top-level `services:` mapping of mappings and
// is not a Kubernetes object.
bool is_compose_document(const YAML::Node& doc);
// `dotenv` resolves the compose file's own ${VAR} references.
void extract_compose(const YamlFile& file, const EnvLookup& dotenv, ComposeFile* out);

}  // namespace og
