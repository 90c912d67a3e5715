// The Go toolchain that builds a workload's shipped binary, read from the
// `golang` image tag of its Dockerfile (shared by OG115 and OG106).
#pragma once
#include <optional>
#include <string>

#include "model/workload.h"
#include "resolve/project.h"

namespace og {

struct GoVersion {
  int major = 0, minor = 0;
  std::string text;  // "1.18.10", "1.18rc1"
};

// The Go version a `golang` image reference pins, from its tag: `1.18`,
// `1.18.10`, `1.18rc1`, `1.17.13-bullseye`, `1.18-alpine3.16`. Nothing for
// references that are not the golang image, that have no tag, a tag without
// major.minor (`latest`, `alpine`, `1`, `1-alpine`) or a digest (the digest,
// not the tag, decides what is pulled).
std::optional<GoVersion> golang_tag_version(const std::string& image_ref);

struct GoToolchain {
  std::string image;   // the golang base reference after ARG substitution
  GoVersion version;
  Location from_loc;   // the image reference in its FROM line
};

// The pinned toolchain of the stage that builds the shipped binary: among the
// stages the shipped image descends from or copies from (transitively), those
// whose root base is a golang image; the one that runs `go build`/`go install`
// wins, else the last such stage. Nothing when there is no linked Dockerfile,
// no golang stage, or its tag does not pin a version (including a FROM that
// used an unset ARG).
std::optional<GoToolchain> go_toolchain(const Project& p, const Workload& w);

// The toolchain when it is older than Go 1.19, which ignores GOMEMLIMIT.
std::optional<GoToolchain> toolchain_ignoring_gomemlimit(const Project& p, const Workload& w);

}  // namespace og
