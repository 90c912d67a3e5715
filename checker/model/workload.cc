#include "model/workload.h"

namespace og {

const char* kind_name(Workload::Kind k) {
  switch (k) {
    case Workload::Kind::K8sContainer: return "container";
    case Workload::Kind::K8sInitContainer: return "initContainer";
    case Workload::Kind::ComposeService: return "service";
    case Workload::Kind::DockerRun: return "docker-run";
    case Workload::Kind::Image: return "image";
  }
  return "?";
}

std::string Workload::id() const {
  switch (kind) {
    case Kind::K8sContainer:
    case Kind::K8sInitContainer:
      // The same object may be declared in several files (overlays, per-environment
      // copies): each declaration is its own workload.
      return "k8s:" + file + "#" + ns + "/" + object_kind + "/" + name + "/" + kind_name(kind) + "/" + container;
    case Kind::ComposeService:
      return "compose:" + file + "#" + name;
    case Kind::DockerRun:
      return "docker-run:" + file + "#" + name;
    case Kind::Image:
      return "image:" + file;
  }
  return file;
}

std::string Workload::label() const {
  switch (kind) {
    case Kind::K8sContainer:
    case Kind::K8sInitContainer:
      return object_kind + " " + ns + "/" + name + " " + kind_name(kind) + " " + container;
    case Kind::ComposeService:
      return "compose service " + name;
    case Kind::DockerRun:
      return "docker run " + name;
    case Kind::Image:
      return "image built by " + file;
  }
  return name;
}

}  // namespace og
