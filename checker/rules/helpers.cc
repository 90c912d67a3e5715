#include "rules/helpers.h"

#include <cstdio>

namespace og {

const EnvValue* known_var(const Workload& w, const char* name) {
  const EnvValue* e = w.get_env(name);
  if (!e || !e->unresolved.empty()) return nullptr;
  switch (e->from) {
    case EnvValue::From::Literal: return e;
    case EnvValue::From::ConfigMapKey: return e->ref_missing ? nullptr : e;
    case EnvValue::From::ResourceFieldRef: return e->value.empty() ? nullptr : e;
    default: return nullptr;
  }
}

bool gomemlimit_set(const Workload& w) {
  const EnvValue* e = w.get_env("GOMEMLIMIT");
  if (!e) return false;
  if (e->from == EnvValue::From::Literal && e->unresolved.empty()) return !e->value.empty() && e->value != "off";
  if (e->from == EnvValue::From::ConfigMapKey && !e->ref_missing) return !e->value.empty() && e->value != "off";
  return true;  // unknown value (Secret, fieldRef, unresolved): assume the author set one
}

std::optional<int64_t> gomemlimit_bytes(const Workload& w, const EnvValue** ev) {
  const EnvValue* e = known_var(w, "GOMEMLIMIT");
  if (!e) return std::nullopt;
  GoMemLimit g = parse_gomemlimit(e->value);
  if (g.kind != GoMemLimit::Kind::Bytes) return std::nullopt;
  if (ev) *ev = e;
  return g.bytes;
}

bool automemlimit_active(const Workload& w) {
  const EnvValue* a = w.get_env("AUTOMEMLIMIT");
  if (a && a->value == "off") return false;
  return w.automemlimit_module || a != nullptr;
}

bool has_usable_limit(const Workload& w) { return w.limit && w.limit->usable() && w.limit->bytes > 0; }

bool is_k8s(const Workload& w) {
  return w.kind == Workload::Kind::K8sContainer || w.kind == Workload::Kind::K8sInitContainer;
}
bool is_compose_or_run(const Workload& w) {
  return w.kind == Workload::Kind::ComposeService || w.kind == Workload::Kind::DockerRun;
}

std::string describe(const MemValue& v) {
  std::string f = format_bytes(v.bytes);
  return v.raw == f ? f : v.raw + " (" + f + ")";
}

Related related_value(const MemValue& v, const std::string& what) {
  std::string m = what + " " + (v.ok ? describe(v) : v.raw) + " (" + v.field + ")";
  if (!v.origin.empty()) m += " from " + v.origin;
  return {v.loc, m};
}

Related related_env(const EnvValue& e, const std::string& what) {
  return {e.loc, what + " " + e.name + "=" + e.value + " (" + e.source + ")"};
}

std::string fmt_ratio(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", r);
  return buf;
}

std::map<std::string, std::string> base_args(const Workload& w) { return {{"workload", w.label()}}; }

}  // namespace og
