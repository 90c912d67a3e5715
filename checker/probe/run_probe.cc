// Which engine runs a probe: `auto` picks the cgroup engine for command:
// probes and docker (when its daemon answers), else podman, for image:
// probes; an explicit engine must fit the probe.
#include "probe/engine.h"
#include "probe/result_fill.h"

namespace og {

ProbeResult run_probe(const ProbePlan& plan, const EngineOptions& opt, std::string* fatal) {
  const ProbeSpec& spec = *plan.spec;
  const bool image = !spec.image.empty();
  const std::string& e = opt.engine;
  if (e == "auto") {
    if (!image) return run_in_cgroup(plan, opt, fatal);
    std::string why_docker, why_podman;
    if (engine_available("docker", &why_docker)) return run_in_container(plan, opt, "docker", fatal);
    if (engine_available("podman", &why_podman)) return run_in_container(plan, opt, "podman", fatal);
    *fatal = "probe " + spec.name + " runs image " + spec.image + " and no container engine works here: " +
             why_docker + "; " + why_podman;
    return result_skeleton(plan, "auto");
  }
  if (e == "cgroup") {
    if (!image) return run_in_cgroup(plan, opt, fatal);
    *fatal = "probe " + spec.name + " runs an image (image: " + spec.image +
             "): --engine cgroup runs only command: probes (use --engine auto, docker or podman)";
    return result_skeleton(plan, e);
  }
  if (e == "docker" || e == "podman") {
    if (image) return run_in_container(plan, opt, e, fatal);
    *fatal = "probe " + spec.name + " runs a command, not an image: --engine " + e +
             " runs only image: probes (use --engine auto or cgroup)";
    return result_skeleton(plan, e);
  }
  *fatal = "unknown engine '" + e + "' (auto, cgroup, docker or podman)";
  return result_skeleton(plan, e);
}

}  // namespace og
