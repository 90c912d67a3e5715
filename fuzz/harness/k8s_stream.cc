// A Kubernetes document stream through yaml_source (yaml-cpp behind the
// non-throwing wrapper) and the object extractor: never throws or overflows
// the stack, and every location lies in the input.
#include <memory>

#include "fuzz_support.h"
#include "harnesses.h"
#include "parse/k8s.h"
#include "parse/yaml_source.h"

namespace og::fuzz {

namespace {

void check_mem(const std::optional<MemValue>& m, const Lines& lines, const std::string& file) {
  if (m) check_location(m->loc, lines, file, m->field);
}

}  // namespace

void fuzz_k8s_stream(const uint8_t* data, size_t size) {
  const std::string file = "deploy.yaml";
  std::string_view text = as_text(data, size);
  Lines lines(text);
  YamlFile y = load_yaml_checked(file, text, lines);
  K8sFile k;
  extract_k8s(y, &k);
  for (const auto& e : k.errors) check_location(e.loc, lines, file, "error '" + e.message + "'");
  for (const auto& p : k.pods) {
    check_location(p.loc, lines, file, p.kind + " " + p.name);
    for (const auto& [key, l] : p.oomguard_annotation_locs) check_location(l, lines, file, key);
    check_mem(p.pod_limit, lines, file);
    check_mem(p.pod_request, lines, file);
    for (const auto& c : p.containers) {
      check_location(c.loc, lines, file, "container " + c.name);
      check_location(c.image_loc, lines, file, "image of " + c.name);
      check_mem(c.limit, lines, file);
      check_mem(c.request, lines, file);
      for (const auto& ef : c.env_from) check_location(ef.loc, lines, file, "envFrom");
      for (const auto& e : c.env) {
        check_location(e.key_loc, lines, file, "env " + e.name);
        check_location(e.value_loc, lines, file, "value of " + e.name);
        check_location(e.ref_loc, lines, file, "valueFrom of " + e.name);
      }
    }
  }
  for (const auto& cm : k.config_maps)
    for (const auto& [key, v] : cm.data) check_location(v.loc, lines, file, "ConfigMap key " + key);
  for (const auto& lr : k.limit_ranges) {
    check_location(lr.loc, lines, file, "LimitRange " + lr.name);
    for (const auto& it : lr.items)
      for (const auto* m : {&it.default_limit, &it.default_request, &it.min, &it.max}) check_mem(*m, lines, file);
  }
  for (const auto& kc : k.kubelet_configs) check_location(kc.loc, lines, file, "KubeletConfiguration");
  for (const auto& a : k.skaffold) check_location(a.loc, lines, file, "skaffold artifact " + a.image);
}

}  // namespace og::fuzz
