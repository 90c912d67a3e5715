// The resolve stage's output: every workload's effective configuration, plus
// the parsed inputs the rules may cite.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "model/workload.h"
#include "parse/inputs.h"

namespace og {

struct ResolveOptions {
  // image reference (repository, with or without tag) -> Dockerfile path or directory
  std::map<std::string, std::string> images;
  Location images_loc;                       // for messages
  std::vector<std::string> go_image_patterns;  // RE2, matched against the full image reference
};

struct Project {
  Inputs inputs;
  std::vector<Workload> workloads;
};

Project resolve(Inputs inputs, const ResolveOptions& opt);

// Go runtime variables whose presence marks a container as Go.
bool is_go_runtime_var(const std::string& name);
// The Go memory variables oomguard follows (GOGC, GOMEMLIMIT, AUTOMEMLIMIT, GODEBUG).
bool is_go_memory_var(const std::string& name);

}  // namespace og
