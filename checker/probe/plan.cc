#include "probe/plan.h"

#include "quantity/quantity.h"

namespace og {

namespace {

const Workload* find_workload(const std::string& ref, const Project& p, std::string* err) {
  std::vector<const Workload*> by_label;
  for (const auto& w : p.workloads) {
    if (w.id() == ref) return &w;
    if (w.label() == ref) by_label.push_back(&w);
  }
  if (by_label.size() == 1) return by_label[0];
  if (by_label.empty()) {
    *err = "no workload '" + ref + "' in the repository (use an id from `oomguard scan --format json` or a label from its text output)";
  } else {
    *err = "workload label '" + ref + "' is ambiguous; use one of the ids:";
    for (const auto* w : by_label) *err += " " + w->id();
  }
  return nullptr;
}

}  // namespace

bool plan_probe(const ProbeSpec& spec, const Project& project, ProbePlan* out, std::string* err) {
  const Workload* w = find_workload(spec.workload, project, err);
  if (!w) return false;
  out->spec = &spec;
  out->workload = w;
  if (spec.limit) {
    out->limit = static_cast<uint64_t>(spec.limit->bytes);
    out->applied.push_back({"memory limit", format_bytes(spec.limit->bytes), spec.limit->loc, true});
  } else if (w->limit && w->limit->usable() && w->limit->bytes > 0) {
    out->limit = static_cast<uint64_t>(w->limit->bytes);
    out->applied.push_back({"memory limit", w->limit->raw, w->limit->loc, false});
  } else {
    *err = "workload " + w->label() + " has no usable memory limit to run under; set `limit:` in probe " + spec.name;
    return false;
  }
  // Swap as the platform would give it: Kubernetes none; compose and docker
  // run as much swap again as memory unless memswap_limit/--memory-swap says
  // otherwise (-1: unlimited).
  bool container_engine = w->kind == Workload::Kind::ComposeService || w->kind == Workload::Kind::DockerRun;
  if (w->swap_unlimited) {
    out->swap.reset();
    out->applied.push_back({"swap", "unlimited", w->swap ? w->swap->loc : w->loc, false});
  } else if (container_engine && w->swap && w->swap->usable()) {
    int64_t extra = w->swap->bytes - static_cast<int64_t>(out->limit);
    out->swap = static_cast<uint64_t>(extra > 0 ? extra : 0);
    out->applied.push_back({"swap", format_bytes(static_cast<int64_t>(*out->swap)), w->swap->loc, false});
  } else {
    out->swap = container_engine ? out->limit : 0;
    if (container_engine)
      out->applied.push_back({"swap", format_bytes(static_cast<int64_t>(*out->swap)) + " (default: as much as memory)",
                              w->limit ? w->limit->loc : w->loc, false});
  }
  for (const auto& [name, e] : w->env)
    if (is_go_memory_var(name) && !spec.env.count(name)) {
      out->env.emplace_back(name, e.value);
      out->applied.push_back({name, e.value, e.loc, false});
    }
  for (const auto& [name, value] : spec.env) {
    out->env.emplace_back(name, value);
    out->applied.push_back({name, value, spec.env_loc, true});
  }
  for (const auto& [name, value] : out->env)
    if (name == "GOMEMLIMIT") {
      GoMemLimit g = parse_gomemlimit(value);
      if (g.kind == GoMemLimit::Kind::Bytes) out->gomemlimit = static_cast<uint64_t>(g.bytes);
    }
  return true;
}

}  // namespace og
