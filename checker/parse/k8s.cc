#include "parse/k8s.h"

#include <cstdlib>
#include <set>

#include "parse/mem_value.h"
#include "quantity/quantity.h"

namespace og {

namespace {

struct Ctx {
  const YamlLocator& at;
  K8sFile* out;
  void error(const YAML::Node& n, std::string msg) { out->errors.push_back({at.loc(n), std::move(msg)}); }
};

std::string str_or(const YAML::Node& n, const std::string& dflt = "") {
  auto s = scalar(n);
  return s ? *s : dflt;
}

bool bool_of(const YAML::Node& n, bool dflt) {
  auto s = scalar(n);
  if (!s) return dflt;
  return *s == "true" || *s == "True" || *s == "TRUE";
}

std::optional<MemValue> mem_field(Ctx& c, const YAML::Node& resources, const char* section, const char* field_name) {
  YAML::Node sec = child(resources, section);
  YAML::Node v = child(sec, "memory");
  if (!v.IsDefined() || v.IsNull()) return std::nullopt;
  std::string field = std::string("resources.") + section + ".memory";
  if (!v.IsScalar()) {
    c.error(v, field + " must be a quantity string");
    return std::nullopt;
  }
  (void)field_name;
  return make_mem_value(v.Scalar(), c.at.loc(v), QuantityFormat::Kubernetes, field);
}

void read_env(Ctx& c, const YAML::Node& env, K8sContainer* k) {
  if (!env.IsDefined() || env.IsNull()) return;
  if (!env.IsSequence()) return c.error(env, "env must be a list");
  for (const auto& e : env) {
    if (!e.IsMap()) { c.error(e, "env entry must be a mapping"); continue; }
    K8sEnvEntry en;
    YAML::Node name = child(e, "name");
    if (!scalar(name)) { c.error(e, "env entry without a name"); continue; }
    en.name = name.Scalar();
    en.key_loc = c.at.loc(name);
    YAML::Node value = child(e, "value");
    if (value.IsDefined() && !value.IsNull()) {
      if (!value.IsScalar()) { c.error(value, "env value must be a string"); continue; }
      en.has_value = true;
      en.value = value.Scalar();
      en.value_loc = c.at.loc(value);
    }
    YAML::Node vf = child(e, "valueFrom");
    if (is_map(vf)) {
      if (YAML::Node r = child(vf, "configMapKeyRef"); is_map(r)) {
        en.ref = K8sEnvEntry::Ref::ConfigMapKey;
        en.ref_name = str_or(child(r, "name"));
        en.ref_key = str_or(child(r, "key"));
        en.ref_optional = bool_of(child(r, "optional"), false);
        en.ref_loc = c.at.loc(child(r, "key").IsDefined() ? child(r, "key") : r);
      } else if (YAML::Node r = child(vf, "secretKeyRef"); is_map(r)) {
        en.ref = K8sEnvEntry::Ref::SecretKey;
        en.ref_name = str_or(child(r, "name"));
        en.ref_key = str_or(child(r, "key"));
        en.ref_optional = bool_of(child(r, "optional"), false);
        en.ref_loc = c.at.loc(r);
      } else if (YAML::Node r = child(vf, "resourceFieldRef"); is_map(r)) {
        en.ref = K8sEnvEntry::Ref::ResourceField;
        en.ref_name = str_or(child(r, "resource"));
        en.ref_key = str_or(child(r, "containerName"));
        en.ref_loc = c.at.loc(child(r, "resource").IsDefined() ? child(r, "resource") : r);
        YAML::Node d = child(r, "divisor");
        if (auto ds = scalar(d))
          en.divisor = std::make_shared<const MemValue>(
              make_mem_value(*ds, c.at.loc(d), QuantityFormat::Kubernetes, "divisor"));
      } else if (YAML::Node r = child(vf, "fieldRef"); is_map(r)) {
        en.ref = K8sEnvEntry::Ref::Field;
        en.ref_name = str_or(child(r, "fieldPath"));
        en.ref_loc = c.at.loc(r);
      }
    }
    k->env.push_back(std::move(en));
  }
}

void read_env_from(Ctx& c, const YAML::Node& ef, K8sContainer* k) {
  if (!ef.IsDefined() || ef.IsNull()) return;
  if (!ef.IsSequence()) return c.error(ef, "envFrom must be a list");
  for (const auto& e : ef) {
    K8sEnvFrom src;
    src.prefix = str_or(child(e, "prefix"));
    if (YAML::Node r = child(e, "configMapRef"); is_map(r)) src.kind = "ConfigMap", src.name = str_or(child(r, "name")),
                                                            src.optional = bool_of(child(r, "optional"), false),
                                                            src.loc = c.at.loc(child(r, "name"));
    else if (YAML::Node r = child(e, "secretRef"); is_map(r)) src.kind = "Secret", src.name = str_or(child(r, "name")),
                                                            src.optional = bool_of(child(r, "optional"), false),
                                                            src.loc = c.at.loc(child(r, "name"));
    else { c.error(e, "envFrom entry needs configMapRef or secretRef"); continue; }
    k->env_from.push_back(std::move(src));
  }
}

void read_containers(Ctx& c, const YAML::Node& list, bool init, K8sPodObject* pod) {
  if (!list.IsDefined() || list.IsNull()) return;
  if (!list.IsSequence()) return c.error(list, std::string(init ? "initContainers" : "containers") + " must be a list");
  for (const auto& n : list) {
    if (!n.IsMap()) { c.error(n, "container must be a mapping"); continue; }
    K8sContainer k;
    k.init = init;
    YAML::Node name = child(n, "name");
    k.name = str_or(name, "<unnamed>");
    k.loc = c.at.loc(name.IsDefined() ? name : YAML::Node(n));
    YAML::Node image = child(n, "image");
    k.image = str_or(image);
    k.image_loc = c.at.loc(image);
    YAML::Node res = child(n, "resources");
    k.limit = mem_field(c, res, "limits", "limit");
    k.request = mem_field(c, res, "requests", "request");
    read_env_from(c, child(n, "envFrom"), &k);
    read_env(c, child(n, "env"), &k);
    pod->containers.push_back(std::move(k));
  }
}

// Annotations; the values of oomguard's own (oomguard.io/...) keep their
// location so suppressions and runtime hints can be cited.
void read_annotations(Ctx& c, const YAML::Node& meta, K8sPodObject* p) {
  YAML::Node a = child(meta, "annotations");
  if (!is_map(a)) return;
  for (auto it = a.begin(); it != a.end(); ++it)
    if (auto k = scalar(it->first))
      if (auto v = scalar(it->second)) {
        p->annotations[*k] = *v;
        if (k->rfind("oomguard.io/", 0) == 0) p->oomguard_annotation_locs[*k] = c.at.loc(it->second);
      }
}

YAML::Node pod_template(const std::string& kind, const YAML::Node& doc, YAML::Node* tmpl_meta) {
  YAML::Node spec = child(doc, "spec");
  YAML::Node tmpl;
  if (kind == "Pod") return spec;
  if (kind == "CronJob") tmpl = child(child(child(spec, "jobTemplate"), "spec"), "template");
  else if (kind == "PodTemplate") tmpl = child(doc, "template");
  else tmpl = child(spec, "template");
  *tmpl_meta = child(tmpl, "metadata");
  return child(tmpl, "spec");
}

const std::set<std::string>& pod_kinds() {
  static const std::set<std::string> k = {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
                                          "ReplicationController", "Job", "CronJob", "PodTemplate"};
  return k;
}

void read_pod_object(Ctx& c, const std::string& kind, const YAML::Node& doc) {
  K8sPodObject p;
  p.kind = kind;
  YAML::Node meta = child(doc, "metadata");
  YAML::Node name = child(meta, "name");
  p.name = str_or(name, "<unnamed>");
  p.ns = str_or(child(meta, "namespace"), "default");
  p.loc = c.at.loc(name.IsDefined() ? name : child(doc, "kind"));
  read_annotations(c, meta, &p);
  YAML::Node tmeta;
  YAML::Node spec = pod_template(kind, doc, &tmeta);
  read_annotations(c, tmeta, &p);
  if (!is_map(spec)) {
    if (spec.IsDefined() && !spec.IsNull()) c.error(spec, kind + " pod spec must be a mapping");
    c.out->pods.push_back(std::move(p));
    return;
  }
  YAML::Node res = child(spec, "resources");
  p.pod_limit = mem_field(c, res, "limits", "limit");
  p.pod_request = mem_field(c, res, "requests", "request");
  read_containers(c, child(spec, "initContainers"), true, &p);
  read_containers(c, child(spec, "containers"), false, &p);
  c.out->pods.push_back(std::move(p));
}

void read_config_map(Ctx& c, const YAML::Node& doc) {
  K8sConfigMap cm;
  YAML::Node meta = child(doc, "metadata");
  cm.name = str_or(child(meta, "name"));
  cm.ns = str_or(child(meta, "namespace"), "default");
  YAML::Node data = child(doc, "data");
  if (is_map(data))
    for (auto it = data.begin(); it != data.end(); ++it)
      if (auto k = scalar(it->first)) cm.data[*k] = {str_or(it->second), c.at.loc(it->second)};
  c.out->config_maps.push_back(std::move(cm));
}

std::optional<MemValue> lr_mem(Ctx& c, const YAML::Node& item, const char* section) {
  YAML::Node v = child(child(item, section), "memory");
  auto s = scalar(v);
  if (!s) return std::nullopt;
  return make_mem_value(*s, c.at.loc(v), QuantityFormat::Kubernetes, std::string("LimitRange ") + section);
}

void read_limit_range(Ctx& c, const YAML::Node& doc) {
  K8sLimitRange lr;
  YAML::Node meta = child(doc, "metadata");
  lr.name = str_or(child(meta, "name"));
  lr.ns = str_or(child(meta, "namespace"), "default");
  lr.loc = c.at.loc(child(meta, "name"));
  YAML::Node limits = child(child(doc, "spec"), "limits");
  if (is_seq(limits)) {
    for (const auto& it : limits) {
      K8sLimitRange::Item item;
      item.type = str_or(child(it, "type"));
      item.default_limit = lr_mem(c, it, "default");
      item.default_request = lr_mem(c, it, "defaultRequest");
      item.min = lr_mem(c, it, "min");
      item.max = lr_mem(c, it, "max");
      YAML::Node r = child(child(it, "maxLimitRequestRatio"), "memory");
      if (auto s = scalar(r)) {
        item.max_ratio_raw = *s;
        item.max_ratio_loc = c.at.loc(r);
        if (auto ratio = quantity_as_number(*s)) item.max_ratio = *ratio;
        else c.error(r, "maxLimitRequestRatio.memory '" + *s + "' is not a quantity");
      }
      lr.items.push_back(std::move(item));
    }
  }
  c.out->limit_ranges.push_back(std::move(lr));
}

void read_kubelet_config(Ctx& c, const YAML::Node& doc) {
  KubeletConfig k;
  k.loc = c.at.loc(child(doc, "kind"));
  YAML::Node f = child(doc, "failSwapOn");
  if (auto s = scalar(f)) {
    k.fail_swap_on = bool_of(f, true);
    k.fail_swap_on_loc = c.at.loc(f);
  }
  YAML::Node b = child(child(doc, "memorySwap"), "swapBehavior");
  if (auto s = scalar(b)) {
    k.swap_behavior = *s;
    k.swap_behavior_loc = c.at.loc(b);
  }
  c.out->kubelet_configs.push_back(std::move(k));
}

void read_skaffold(Ctx& c, const YAML::Node& doc) {
  YAML::Node arts = child(child(doc, "build"), "artifacts");
  if (!is_seq(arts)) return;
  for (const auto& a : arts) {
    SkaffoldArtifact s;
    YAML::Node img = child(a, "image");
    s.image = str_or(img);
    s.loc = c.at.loc(img);
    s.context = str_or(child(a, "context"), ".");
    YAML::Node docker = child(a, "docker");
    s.dockerfile = str_or(child(docker, "dockerfile"), "Dockerfile");
    s.target = str_or(child(docker, "target"));
    if (!s.image.empty()) c.out->skaffold.push_back(std::move(s));
  }
}

void read_object(Ctx& c, const YAML::Node& doc, int depth) {
  if (!is_map(doc)) return;
  auto kind = scalar(child(doc, "kind"));
  auto api = scalar(child(doc, "apiVersion"));
  if (!kind || !api) return;
  c.out->objects++;
  if (api->rfind("skaffold/", 0) == 0) return read_skaffold(c, doc);
  if (*kind == "List" || (kind->size() > 4 && kind->compare(kind->size() - 4, 4, "List") == 0)) {
    YAML::Node items = child(doc, "items");
    if (depth < 4 && is_seq(items))
      for (const auto& i : items) read_object(c, i, depth + 1);
    return;
  }
  if (pod_kinds().count(*kind)) return read_pod_object(c, *kind, doc);
  if (*kind == "ConfigMap") return read_config_map(c, doc);
  if (*kind == "LimitRange") return read_limit_range(c, doc);
  if (*kind == "KubeletConfiguration") return read_kubelet_config(c, doc);
}

}  // namespace

bool is_k8s_object(const YAML::Node& doc) {
  return is_map(doc) && scalar(child(doc, "kind")) && scalar(child(doc, "apiVersion"));
}

void extract_k8s(const YamlFile& file, K8sFile* out) {
  YamlLocator at(file.path, file.text);
  Ctx c{at, out};
  for (const auto& d : file.docs) read_object(c, d, 0);
}

}  // namespace og
