// Compose services and `docker run` command lines: limits, swap and env
// (image ENV < env_file in order < environment).
#include "resolve/builders.h"
#include "util/paths.h"
#include "resolve/env_merge.h"

namespace og {

namespace {

std::optional<std::string> dotenv_value(const Inputs& in, const std::string& compose_path, const std::string& key) {
  auto it = in.env_files.find(normalize_join(dir_of(compose_path), ".env"));
  if (it == in.env_files.end()) return std::nullopt;
  return env_file_value(it->second, key);
}

// memswap_limit / --memory-swap: -1 is unlimited, 0 is the same as unset.
void set_swap(Workload* w, const std::optional<MemValue>& swap) {
  if (!swap) return;
  if (swap->raw == "-1") { w->swap_unlimited = true; w->swap = swap; return; }
  if (swap->ok && swap->bytes == 0) return;
  w->swap = swap;
}

void apply_env_files(ResolveCtx& c, const std::string& compose_path, const ComposeService& s, Workload* w) {
  for (const auto& ref : s.env_files) {
    std::string p = normalize_join(dir_of(compose_path), ref.path);
    auto it = c.in.env_files.find(p);
    if (it == c.in.env_files.end()) continue;
    for (const auto& e : it->second.entries) {
      if (e.bare) continue;
      EnvValue v;
      v.name = e.key;
      v.value = e.value;
      v.raw = e.raw;
      v.loc = e.value_loc;
      v.source = "env_file " + p;
      v.unresolved = e.unresolved;
      set_env(w->env, std::move(v));
    }
  }
}

void apply_environment(ResolveCtx& c, const std::string& compose_path, const ComposeService& s, Workload* w) {
  for (const auto& e : s.environment) {
    EnvValue v;
    v.name = e.key;
    v.loc = e.value_loc;
    v.source = "environment";
    if (e.bare) {
      auto from_dotenv = dotenv_value(c.in, compose_path, e.key);
      if (!from_dotenv) continue;  // compose drops a bare key with no value
      v.value = v.raw = *from_dotenv;
      v.source = "environment (value from .env)";
    } else {
      v.value = e.value;
      v.raw = e.raw;
      v.unresolved = e.unresolved;
    }
    set_env(w->env, std::move(v));
  }
}

}  // namespace

void build_compose_workloads(ResolveCtx& c, std::vector<Workload>* out) {
  for (const auto& [path, cf] : c.in.compose_files) {
    for (const auto& s : cf.services) {
      Workload w;
      w.kind = Workload::Kind::ComposeService;
      w.file = path;
      w.loc = s.loc;
      w.object_kind = "compose";
      w.name = s.name;
      w.image = s.image;
      w.image_loc = s.image_loc;
      w.annotations = s.labels;
      w.oomguard_annotation_locs = s.oomguard_label_locs;
      w.limit = s.mem_limit ? s.mem_limit : s.deploy_limit;
      if (s.mem_limit && s.deploy_limit) w.limit_alt = std::make_shared<const MemValue>(*s.deploy_limit);
      w.request = s.mem_reservation ? s.mem_reservation : s.deploy_reservation;
      if (s.mem_reservation && s.deploy_reservation)
        w.request_alt = std::make_shared<const MemValue>(*s.deploy_reservation);
      set_swap(&w, s.memswap_limit);
      apply_env_files(c, path, s, &w);
      apply_environment(c, path, s, &w);
      std::optional<ImageLink> link;
      if (s.has_build) {
        std::string ctx = normalize_join(dir_of(path), s.build_context);
        std::string df = normalize_join(ctx, s.build_dockerfile.empty() ? "Dockerfile" : s.build_dockerfile);
        if (s.build_dockerfile.empty())
          if (auto found = c.linker.dockerfile_at(ctx)) df = *found;
        link = ImageLink{df, s.build_target, ctx, "compose build (" + path + ")"};
      }
      attach_image(c, &w, link);
      detect_go(c, &w);
      out->push_back(std::move(w));
    }
  }
}

void build_docker_run_workloads(ResolveCtx& c, std::vector<Workload>* out) {
  std::map<std::string, int> seen;  // identity without line numbers: image + occurrence in its file
  for (const auto& r : c.in.docker_runs) {
    Workload w;
    w.kind = Workload::Kind::DockerRun;
    w.file = r.loc.file;
    w.loc = r.loc;
    w.object_kind = "docker run";
    w.name = r.image.empty() ? "<no image>" : r.image;
    int n = ++seen[r.loc.file + "\n" + w.name];
    if (n > 1) w.name += " #" + std::to_string(n);
    w.image = r.image;
    w.image_loc = r.image_loc;
    w.limit = r.memory;
    set_swap(&w, r.memory_swap);
    for (const auto& e : r.env) {
      if (e.bare) continue;
      EnvValue v;
      v.name = e.key;
      v.value = v.raw = e.value;
      v.loc = e.loc;
      v.source = "docker run -e";
      set_env(w.env, std::move(v));
    }
    attach_image(c, &w, std::nullopt);
    detect_go(c, &w);
    out->push_back(std::move(w));
  }
}

}  // namespace og
