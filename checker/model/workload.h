// The effective memory configuration of one container, with provenance.
// Built by resolve/, read by rules/ and (later) by the runtime probe.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/location.h"

namespace og {

enum class QuantityFormat { Kubernetes, Docker };

// A memory size as written in an input, parsed under its own grammar.
struct MemValue {
  std::string raw;           // text as written
  Location loc;              // span of the value
  QuantityFormat format = QuantityFormat::Kubernetes;
  bool ok = false;           // parsed under its grammar
  std::string error;         // why not (when !ok)
  int64_t bytes = 0;         // when ok
  bool negative = false;
  bool sub_unit = false;     // Kubernetes n/u/m suffix ("512m" = 0.512 byte)
  std::string field;         // "resources.limits.memory", "mem_limit", "--memory", ...
  std::string origin;        // "" when written on the container itself; else e.g. "LimitRange default"
  bool usable() const { return ok && !negative && !sub_unit; }
};

// One environment variable of a workload: its final value and where it came from.
struct EnvValue {
  enum class From { Literal, ResourceFieldRef, ConfigMapKey, SecretKey, FieldRef, Unknown };
  std::string name;
  std::string value;         // final value (after expansion/interpolation)
  std::string raw;           // as written
  From from = From::Literal;
  Location loc;              // the value (or the entry) that set it
  std::string source;        // human: "Dockerfile ENV", "env", "envFrom ConfigMap/app", "env_file .env", ...
  std::vector<std::string> unresolved;  // references that could not be resolved
  // valueFrom details
  std::string ref_name;      // ConfigMap/Secret name, or resource ("limits.memory")
  std::string ref_key;
  bool ref_optional = false;
  bool ref_missing = false;  // ConfigMap or key not found in the repository
  std::shared_ptr<const MemValue> divisor;  // resourceFieldRef divisor (default 1); rare, kept out of line
  std::vector<EnvValue> overridden; // earlier definitions it replaced, oldest first
};

struct GoEvidence {
  bool is_go = false;
  std::string reason;        // "Dockerfile builds Go (RUN go build)", "GOGC is set", ...
  Location loc;
};

struct Workload {
  enum class Kind { K8sContainer, K8sInitContainer, ComposeService, DockerRun, Image };
  Kind kind = Kind::K8sContainer;
  std::string file;          // defining file
  Location loc;              // container name / service key / Dockerfile FROM
  std::string object_kind;   // Deployment, ... (k8s) | "compose" | "docker run" | "Dockerfile"
  std::string ns;            // k8s namespace ("default" when unset)
  std::string name;          // object name | compose service | image
  std::string container;     // container name (k8s)
  std::map<std::string, std::string> annotations;  // object + pod template / compose labels
  std::map<std::string, Location> oomguard_annotation_locs;  // where oomguard.io/* values are written

  std::optional<MemValue> limit;
  std::optional<MemValue> request;      // k8s request / compose reservation
  std::optional<MemValue> swap;         // compose memswap_limit / docker --memory-swap (mem+swap total)
  bool swap_unlimited = false;          // -1
  // compose: the second declaration of the same setting (deploy.resources vs mem_*)
  std::shared_ptr<const MemValue> limit_alt, request_alt;  // rare: kept out of line

  std::map<std::string, EnvValue> env;  // final environment

  std::string image;
  Location image_loc;
  std::string dockerfile;               // linked Dockerfile path ("" if none)
  std::string dockerfile_target;        // build target stage
  std::string build_context;            // directory
  std::string link;                     // how the Dockerfile was linked
  std::string link_file;                // the input that linked it (a skaffold file), "" if none
  GoEvidence go;
  bool automemlimit_module = false;     // build context's go.mod requires automemlimit
  Location automemlimit_loc;

  // Stable identity, independent of line numbers.
  std::string id() const;
  // Human label: "Deployment/shop/api container api"
  std::string label() const;
  const EnvValue* get_env(const std::string& name) const {
    auto it = env.find(name);
    return it == env.end() ? nullptr : &it->second;
  }
};

const char* kind_name(Workload::Kind k);

}  // namespace og
