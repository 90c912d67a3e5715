// Which engine runs a probe: `auto` picks the cgroup engine for command:
// probes and docker (when its daemon answers), else podman, for image:
// probes; an explicit engine must fit the probe.
#include "probe/engine.h"
#include "probe/result_fill.h"

namespace og {

bool engine_fits(const ProbeSpec& spec, const std::string& e, std::string* why) {
  const bool image = !spec.image.empty();
  if (e == "auto") return true;
  if (e == "cgroup") {
    if (!image) return true;
    *why = "probe " + spec.name + " runs an image (image: " + spec.image +
           "): --engine cgroup runs only command: probes (use --engine auto, docker or podman)";
    return false;
  }
  if (e == "docker" || e == "podman") {
    if (image) return true;
    *why = "probe " + spec.name + " runs a command, not an image: --engine " + e +
           " runs only image: probes (use --engine auto or cgroup)";
    return false;
  }
  *why = "unknown engine '" + e + "' (auto, cgroup, docker or podman)";
  return false;
}

ProbeResult run_probe(const ProbePlan& plan, const EngineOptions& opt, std::string* fatal) {
  const ProbeSpec& spec = *plan.spec;
  const std::string& e = opt.engine;
  if (!engine_fits(spec, e, fatal)) return result_skeleton(plan, e);
  if (e == "cgroup" || (e == "auto" && spec.image.empty())) return run_in_cgroup(plan, opt, fatal);
  if (e != "auto") return run_in_container(plan, opt, e, fatal);
  std::string why_docker, why_podman;
  if (engine_available("docker", &why_docker)) return run_in_container(plan, opt, "docker", fatal);
  if (engine_available("podman", &why_podman)) return run_in_container(plan, opt, "podman", fatal);
  *fatal = "probe " + spec.name + " runs image " + spec.image + " and no container engine works here: " + why_docker +
           "; " + why_podman;
  return result_skeleton(plan, "auto");
}

}  // namespace og
