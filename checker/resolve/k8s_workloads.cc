// Kubernetes containers: limits/requests after API and LimitRange defaulting,
// env after image ENV < envFrom < env with $(VAR) expansion.
#include <cmath>

#include "parse/mem_value.h"
#include "resolve/builders.h"
#include "resolve/env_merge.h"

namespace og {

namespace {

const K8sConfigMap* find_config_map(const Inputs& in, const std::string& ns, const std::string& name) {
  for (const auto& cm : in.k8s.config_maps)
    if (cm.ns == ns && cm.name == name) return &cm;
  return nullptr;
}

// The LimitRange `type: Container` item of a namespace, with the API's own
// defaulting of the item (default <- max, defaultRequest <- default <- min).
struct ContainerDefaults {
  std::optional<MemValue> limit, request;
};

ContainerDefaults limit_range_defaults(const Inputs& in, const std::string& ns) {
  ContainerDefaults d;
  for (const auto& lr : in.k8s.limit_ranges) {
    if (lr.ns != ns) continue;
    for (const auto& item : lr.items) {
      if (item.type != "Container") continue;
      std::optional<MemValue> def = item.default_limit ? item.default_limit : item.max;
      std::optional<MemValue> req = item.default_request ? item.default_request : def ? def : item.min;
      std::string origin = "LimitRange " + lr.ns + "/" + lr.name;
      if (def && !d.limit) { d.limit = def; d.limit->origin = origin + (item.default_limit ? " default" : " max"); }
      if (req && !d.request) {
        d.request = req;
        d.request->origin = origin + (item.default_request ? " defaultRequest" : item.default_limit ? " default" : def ? " max" : " min");
      }
    }
  }
  return d;
}

// Kubernetes $(VAR) expansion (third_party/forked/golang/expansion): any
// variable defined earlier in the container (envFrom, env, valueFrom) can be
// referenced; undefined ones stay literal. A reference to a variable whose
// value oomguard cannot know (a Secret, a fieldRef) makes the result unknown.
std::string expand_k8s(const std::string& in, const std::map<std::string, EnvValue>& defined,
                       std::vector<std::string>* unresolved, bool* unknown) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '$' || i + 1 >= in.size()) { out += in[i]; continue; }
    char n = in[i + 1];
    if (n == '$') { out += '$'; ++i; continue; }  // $$ -> $
    if (n != '(') { out += in[i]; continue; }
    size_t close = in.find(')', i + 2);
    if (close == std::string::npos) { out += in.substr(i); break; }
    std::string name = in.substr(i + 2, close - i - 2);
    auto it = defined.find(name);
    if (it == defined.end()) {
      out += "$(" + name + ")";
      unresolved->push_back("$(" + name + ")");
    } else {
      const EnvValue& v = it->second;
      bool known = v.unresolved.empty() && (v.from == EnvValue::From::Literal ||
                                            (v.from == EnvValue::From::ConfigMapKey && !v.ref_missing) ||
                                            (v.from == EnvValue::From::ResourceFieldRef && !v.value.empty()));
      if (!known) *unknown = true;
      out += known ? v.value : "$(" + name + ")";
    }
    i = close;
  }
  return out;
}

void apply_env_from(ResolveCtx& c, const K8sPodObject& pod, const K8sContainer& k, Workload* w) {
  for (const auto& src : k.env_from) {
    if (src.kind != "ConfigMap") continue;  // Secret values are not in the repository
    const K8sConfigMap* cm = find_config_map(c.in, pod.ns, src.name);
    if (!cm) continue;
    for (const auto& [key, val] : cm->data) {
      EnvValue e;
      e.name = src.prefix + key;
      e.value = val.value;
      e.raw = val.value;
      e.loc = val.loc;
      e.source = "envFrom ConfigMap/" + src.name;
      e.from = EnvValue::From::ConfigMapKey;
      e.ref_name = src.name;
      e.ref_key = key;
      set_env(w->env, std::move(e));
    }
  }
}

void value_from(ResolveCtx& c, const K8sPodObject& pod, const K8sEnvEntry& en, Workload* w, EnvValue* e) {
  e->ref_name = en.ref_name;
  e->ref_key = en.ref_key;
  e->ref_optional = en.ref_optional;
  e->loc = en.ref_loc;
  switch (en.ref) {
    case K8sEnvEntry::Ref::ConfigMapKey: {
      e->from = EnvValue::From::ConfigMapKey;
      e->source = "env configMapKeyRef " + en.ref_name + "/" + en.ref_key;
      const K8sConfigMap* cm = find_config_map(c.in, pod.ns, en.ref_name);
      auto it = cm ? cm->data.find(en.ref_key) : decltype(cm->data.end()){};
      if (cm && it != cm->data.end()) {
        e->value = it->second.value;
        e->raw = it->second.value;
        e->loc = it->second.loc;
      } else {
        e->ref_missing = true;
      }
      break;
    }
    case K8sEnvEntry::Ref::SecretKey:
      e->from = EnvValue::From::SecretKey;
      e->source = "env secretKeyRef " + en.ref_name + "/" + en.ref_key;
      break;
    case K8sEnvEntry::Ref::ResourceField: {
      e->from = EnvValue::From::ResourceFieldRef;
      e->source = "env resourceFieldRef " + en.ref_name;
      e->divisor = en.divisor;
      const std::optional<MemValue>& src = en.ref_name == "limits.memory" ? w->limit
                                           : en.ref_name == "requests.memory" ? w->request
                                                                              : std::optional<MemValue>{};
      int64_t div = en.divisor && en.divisor->usable() && en.divisor->bytes > 0 ? en.divisor->bytes : 1;
      if (src && src->ok && !src->negative) e->value = std::to_string((src->bytes + div - 1) / div);  // ceil
      break;
    }
    case K8sEnvEntry::Ref::Field:
      e->from = EnvValue::From::FieldRef;
      e->source = "env fieldRef " + en.ref_name;
      break;
    case K8sEnvEntry::Ref::None:
      e->from = EnvValue::From::Unknown;
      e->source = "env";
      e->loc = en.key_loc;
      break;
  }
}

void apply_env(ResolveCtx& c, const K8sPodObject& pod, const K8sContainer& k, Workload* w) {
  for (const auto& en : k.env) {
    EnvValue e;
    e.name = en.name;
    if (en.has_value || en.ref == K8sEnvEntry::Ref::None) {
      e.raw = en.value;
      bool unknown = false;
      e.value = expand_k8s(en.value, w->env, &e.unresolved, &unknown);
      if (unknown) e.from = EnvValue::From::Unknown;  // depends on a value not in the repository
      e.loc = en.has_value ? en.value_loc : en.key_loc;
      e.source = "env";
    } else {
      value_from(c, pod, en, w, &e);
    }
    set_env(w->env, std::move(e));
  }
}

void resources(ResolveCtx& c, const K8sPodObject& pod, const K8sContainer& k, Workload* w) {
  w->limit = k.limit;
  w->request = k.request;
  // API defaulting: a limit alone makes the request equal to it.
  if (w->limit && !w->request && w->limit->ok) {
    w->request = w->limit;
    w->request->origin = "defaulted from the limit";
  }
  ContainerDefaults d = limit_range_defaults(c.in, pod.ns);
  if (!w->limit && d.limit) w->limit = d.limit;
  if (!w->request && d.request) w->request = d.request;
  // Pod-level resources bound a container that sets none of its own.
  if (!w->limit && pod.pod_limit) {
    w->limit = pod.pod_limit;
    w->limit->origin = "pod-level spec.resources";
  }
  if (!w->request && pod.pod_request) {
    w->request = pod.pod_request;
    w->request->origin = "pod-level spec.resources";
  }
}

}  // namespace

void build_k8s_pod_workloads(ResolveCtx& c, const K8sPodObject& pod, std::vector<Workload>* out) {
  {
    for (const auto& k : pod.containers) {
      Workload w;
      w.kind = k.init ? Workload::Kind::K8sInitContainer : Workload::Kind::K8sContainer;
      w.file = pod.loc.file;
      w.loc = k.loc;
      w.object_kind = pod.kind;
      w.ns = pod.ns;
      w.name = pod.name;
      w.container = k.name;
      w.annotations = pod.annotations;
      w.oomguard_annotation_locs = pod.oomguard_annotation_locs;
      w.image = k.image;
      w.image_loc = k.image_loc;
      resources(c, pod, k, &w);
      apply_env_from(c, pod, k, &w);
      apply_env(c, pod, k, &w);
      attach_image(c, &w, std::nullopt);
      detect_go(c, &w);
      out->push_back(std::move(w));
    }
  }
}

}  // namespace og
