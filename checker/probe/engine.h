// Running a planned probe and measuring it. The `cgroup` engine runs a
// command directly in a child memory cgroup; container engines (`docker`,
// `podman`) run an image with the same limits and read the same kernel files
// from the container's cgroup.
#pragma once
#include <chrono>
#include <string>

#include "model/probe_result.h"
#include "probe/plan.h"

namespace og {

struct EngineOptions {
  std::string engine = "auto";           // auto | cgroup | docker | podman
  std::chrono::milliseconds interval{100};
  std::string cgroup_parent;             // "" = oomguard's own memory cgroup
  std::string root;                      // repository root: relative command paths and workdirs
  bool progress = false;                 // a live line on stderr (probe/progress.h); the caller checks for a terminal
};

// Runs one probe. A problem with the machine rather than the workload (no
// privileges, no memory cgroup, no engine or daemon) sets `fatal` (exit
// status 3) and the result must not be reported as a measurement.
ProbeResult run_probe(const ProbePlan& plan, const EngineOptions& opt, std::string* fatal);
// Whether `engine` (auto, cgroup, docker, podman) can run the probe at all
// (cgroup runs command: probes, docker/podman image: probes): a usage error,
// checked for every probe before any runs; else `why`.
bool engine_fits(const ProbeSpec& spec, const std::string& engine, std::string* why);

// The cgroup engine (command probes).
ProbeResult run_in_cgroup(const ProbePlan& plan, const EngineOptions& opt, std::string* fatal);

// The container engines (image probes): `engine` is "docker" or "podman".
ProbeResult run_in_container(const ProbePlan& plan, const EngineOptions& opt, const std::string& engine,
                             std::string* fatal);
// The engine's CLI is on PATH and its daemon / runtime answers; else false
// and `why` (one line).
bool engine_available(const std::string& engine, std::string* why);

}  // namespace og
