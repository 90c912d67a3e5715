#include <re2/re2.h>

#include <set>

#include "resolve/builders.h"
#include "resolve/dockerfile_facts.h"

namespace og {

bool is_go_runtime_var(const std::string& n) {
  return n == "GOGC" || n == "GOMEMLIMIT" || n == "AUTOMEMLIMIT" || n == "GOMAXPROCS" || n == "GODEBUG" ||
         n == "GOTRACEBACK";
}
bool is_go_memory_var(const std::string& n) {
  return n == "GOGC" || n == "GOMEMLIMIT" || n == "AUTOMEMLIMIT" || n == "GODEBUG";
}

void attach_image(ResolveCtx& c, Workload* w, std::optional<ImageLink> link) {
  if (!link) link = c.linker.link(w->image);
  if (!link) return;
  auto it = c.in.dockerfiles.find(link->dockerfile);
  if (it == c.in.dockerfiles.end()) return;
  w->dockerfile = link->dockerfile;
  w->dockerfile_target = link->target;
  w->build_context = link->context;
  w->link = link->how;
  w->link_file = link->via_file;
  std::map<std::string, EnvValue> image_env;
  apply_image_env(it->second, link->target, &image_env);
  // image ENV is the lowest layer: whatever is already in w->env overrides it
  for (auto& [k, v] : w->env) {
    auto base = image_env.find(k);
    if (base == image_env.end()) continue;
    std::vector<EnvValue> chain = std::move(base->second.overridden);
    base->second.overridden.clear();
    chain.push_back(std::move(base->second));
    for (auto& o : v.overridden) chain.push_back(std::move(o));
    v.overridden = std::move(chain);
    image_env.erase(base);
  }
  for (auto& [k, v] : image_env) w->env.emplace(k, std::move(v));
  if (const GoMod* m = find_gomod(c.in.gomods, link->context, link->dockerfile)) {
    if (m->requires_automemlimit) {
      w->automemlimit_module = true;
      w->automemlimit_loc = m->automemlimit_loc;
    }
  }
}

void detect_go(ResolveCtx& c, Workload* w) {
  auto ann = w->annotations.find("oomguard.io/runtime");
  if (ann != w->annotations.end()) {
    w->go = {ann->second == "go", "annotation oomguard.io/runtime: " + ann->second, w->loc};
    return;  // an explicit declaration wins either way
  }
  if (!w->dockerfile.empty()) {
    const Dockerfile& df = c.in.dockerfiles.at(w->dockerfile);
    GoEvidence g = dockerfile_go_evidence(df, w->dockerfile_target);
    if (g.is_go) { w->go = g; return; }
    if (const GoMod* m = find_gomod(c.in.gomods, w->build_context, w->dockerfile)) {
      w->go = {true, "its build context has a go.mod (" + m->path + ")", Location::whole_file(m->path)};
      return;
    }
  }
  for (const auto& [name, v] : w->env)
    if (is_go_runtime_var(name)) {
      w->go = {true, name + " is set", v.loc};
      return;
    }
  for (const auto& pat : c.opt.go_image_patterns) {
    RE2 re(pat);
    if (re.ok() && !w->image.empty() && RE2::FullMatch(w->image, re)) {
      w->go = {true, "image matches the Go image pattern '" + pat + "' in the config", w->image_loc};
      return;
    }
  }
}

namespace {

void build_image_workloads(ResolveCtx& c, const std::vector<Workload>& others, std::vector<Workload>* out) {
  std::set<std::string> used;
  for (const auto& w : others)
    if (!w.dockerfile.empty()) used.insert(w.dockerfile);
  for (const auto& [path, df] : c.in.dockerfiles) {
    if (used.count(path) || df.stages.empty()) continue;
    Workload w;
    w.kind = Workload::Kind::Image;
    w.file = path;
    w.object_kind = "Dockerfile";
    w.name = path;
    int fin = df.final_stage();
    w.loc = df.stages[static_cast<size_t>(fin)].from_loc;
    size_t s = path.rfind('/');
    std::string dir = s == std::string::npos ? "" : path.substr(0, s);
    attach_image(c, &w, ImageLink{path, "", dir, "the Dockerfile itself (no workload uses it)"});
    detect_go(c, &w);
    out->push_back(std::move(w));
  }
}

}  // namespace

Project resolve(Inputs inputs, const ResolveOptions& opt) {
  Project p;
  p.inputs = std::move(inputs);
  ResolveCtx c{p.inputs, opt, ImageLinker(p.inputs, opt)};
  size_t expected = p.inputs.dockerfiles.size() + p.inputs.docker_runs.size();
  for (const auto& pod : p.inputs.k8s.pods) expected += pod.containers.size();
  for (const auto& [path, cf] : p.inputs.compose_files) expected += cf.services.size();
  p.workloads.reserve(expected);
  for (auto& pod : p.inputs.k8s.pods) {
    build_k8s_pod_workloads(c, pod, &p.workloads);
    // The containers live on as workloads; releasing their parsed form right
    // away lets the next workloads reuse that memory (a large share on big repositories).
    std::vector<K8sContainer>().swap(pod.containers);
  }
  build_compose_workloads(c, &p.workloads);
  build_docker_run_workloads(c, &p.workloads);
  std::vector<Workload> images;
  build_image_workloads(c, p.workloads, &images);
  for (auto& w : images) p.workloads.push_back(std::move(w));
  return p;
}

}  // namespace og
