#include "rules/helpers.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

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

bool automemlimit_sets_gomemlimit(const Workload& w) {
  const EnvValue* a = w.get_env("AUTOMEMLIMIT");
  if (!(w.automemlimit_module || a) || w.get_env("GOMEMLIMIT")) return false;
  const EnvValue* known = known_var(w, "AUTOMEMLIMIT");
  return !known || (!known->value.empty() && parse_automemlimit(known->value).kind == AutoMemLimit::Kind::Ratio);
}

std::optional<GoGC> known_gogc(const Workload& w, const EnvValue** ev) {
  const EnvValue* e = known_var(w, "GOGC");
  if (!e) return std::nullopt;
  if (ev) *ev = e;
  return parse_gogc(e->value);
}

bool gc_disabled(const GoGC& g) {
  return g.kind == GoGC::Kind::Off || (g.kind == GoGC::Kind::Percent && g.percent < 0);
}

std::optional<GomemlimitVsLimit> gomemlimit_vs_limit(const Workload& w) {
  const EnvValue* e = nullptr;
  auto gml = gomemlimit_bytes(w, &e);
  if (!w.go.is_go || !gml || !has_usable_limit(w) || e->from == EnvValue::From::ResourceFieldRef) return std::nullopt;
  return GomemlimitVsLimit{e, *gml, static_cast<double>(*gml) / static_cast<double>(w.limit->bytes)};
}

std::string suggested_gomemlimit(const MemValue& limit) {
  return gomemlimit_spelling_mib(static_cast<int64_t>(static_cast<double>(limit.bytes) * 0.9));
}

std::string ratio_between(double r, double lo, double hi) {
  char buf[32];
  for (int d = 2; d <= 6; ++d) {
    std::snprintf(buf, sizeof buf, "%.*f", d, r);
    double shown = std::strtod(buf, nullptr);
    if (shown > lo && shown < hi) return buf;
  }
  std::snprintf(buf, sizeof buf, "%.6f", std::floor(r * 1e6) / 1e6);
  return buf;
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
  std::string m = what + " " + (v.ok ? describe(v) : v.raw);
  m += v.origin.empty() ? " (" + v.field + ")" : " from " + v.origin;
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
