// Internal to resolve/: one builder per workload source, sharing the image
// linking and Go detection helpers.
#pragma once
#include <vector>

#include "resolve/link.h"
#include "resolve/project.h"

namespace og {

struct ResolveCtx {
  const Inputs& in;
  const ResolveOptions& opt;
  ImageLinker linker;
};

// Links the workload's image to a Dockerfile (unless `link` is given), applies
// the image ENV under `w->env`, and records automemlimit in the build context.
void attach_image(ResolveCtx& c, Workload* w, std::optional<ImageLink> link);
// Decides whether the workload runs Go (must run after env is final).
void detect_go(ResolveCtx& c, Workload* w);

void build_k8s_pod_workloads(ResolveCtx& c, const K8sPodObject& pod, std::vector<Workload>* out);
void build_compose_workloads(ResolveCtx& c, std::vector<Workload>* out);
void build_docker_run_workloads(ResolveCtx& c, std::vector<Workload>* out);

}  // namespace og
