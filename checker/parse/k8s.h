// Kubernetes objects that matter for memory: pod-bearing workloads (containers
// and initContainers), ConfigMaps, LimitRanges and KubeletConfiguration.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/workload.h"
#include "parse/yaml_source.h"

namespace og {

struct K8sEnvFrom {
  std::string kind;          // "ConfigMap" | "Secret"
  std::string name;
  std::string prefix;
  bool optional = false;
  Location loc;
};

struct K8sEnvEntry {
  std::string name;
  Location key_loc;          // the name
  bool has_value = false;    // `value:` present
  std::string value;         // raw `value:` text
  Location value_loc;
  enum class Ref { None, ConfigMapKey, SecretKey, ResourceField, Field } ref = Ref::None;
  std::string ref_name;      // configMap/secret name, or resource ("limits.memory")
  std::string ref_key;       // key, or containerName for resourceFieldRef
  bool ref_optional = false;
  std::shared_ptr<const MemValue> divisor;  // rare: kept out of line
  Location ref_loc;          // the valueFrom source
};

struct K8sContainer {
  std::string name;
  Location loc;
  bool init = false;
  std::string image;
  Location image_loc;
  std::optional<MemValue> limit, request;
  std::vector<K8sEnvFrom> env_from;
  std::vector<K8sEnvEntry> env;
};

struct K8sPodObject {
  std::string kind, name, ns;
  Location loc;              // metadata.name (or kind)
  std::map<std::string, std::string> annotations;  // object + pod template (template wins)
  std::map<std::string, Location> oomguard_annotation_locs;  // values of oomguard.io/* annotations
  std::vector<K8sContainer> containers;  // initContainers first, then containers (released by resolve)
  std::optional<MemValue> pod_limit, pod_request;  // spec.resources (pod-level)
};

struct K8sConfigMap {
  std::string name, ns;
  struct Value { std::string value; Location loc; };
  std::map<std::string, Value> data;
};

struct K8sLimitRange {
  std::string name, ns;
  Location loc;
  struct Item {
    std::string type;        // "Container", "Pod", ...
    std::optional<MemValue> default_limit, default_request, min, max;
    std::optional<double> max_ratio;
    std::string max_ratio_raw;
    Location max_ratio_loc;
  };
  std::vector<Item> items;
};

struct KubeletConfig {
  Location loc;
  std::optional<bool> fail_swap_on;
  Location fail_swap_on_loc;
  std::string swap_behavior;
  Location swap_behavior_loc;
};

struct SkaffoldArtifact {
  std::string image, context, dockerfile, target;
  Location loc;
};

struct K8sFile {
  std::vector<K8sPodObject> pods;
  std::vector<K8sConfigMap> config_maps;
  std::vector<K8sLimitRange> limit_ranges;
  std::vector<KubeletConfig> kubelet_configs;
  std::vector<SkaffoldArtifact> skaffold;
  std::vector<ParseError> errors;  // located problems with the objects' shape
  int objects = 0;                 // Kubernetes objects seen (any kind)
};

// True when a document looks like a Kubernetes object (apiVersion + kind).
bool is_k8s_object(const YAML::Node& doc);
// Extracts the memory-relevant objects of every document of a YAML/JSON file.
void extract_k8s(const YamlFile& file, K8sFile* out);

}  // namespace og
