// `docker run` / `podman run` command lines found in shell scripts, Makefiles
// and CI files: the memory flags, -e variables and the image.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/workload.h"

namespace og {

struct DockerRunCmd {
  Location loc;                       // the word "docker"/"podman"
  std::string image;
  Location image_loc;
  std::optional<MemValue> memory, memory_swap;
  struct Env { std::string key, value; Location loc; bool bare = false; };
  std::vector<Env> env;
};

// Finds every `docker run` in a text file. Words holding shell expansions
// ($X, $(...), `...`) are not parsed as values.
std::vector<DockerRunCmd> find_docker_runs(const std::string& path, std::string_view content);

}  // namespace og
