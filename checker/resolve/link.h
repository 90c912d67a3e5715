// Linking an image reference to the Dockerfile in the repository that builds it.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "parse/inputs.h"
#include "resolve/project.h"

namespace og {

struct ImageLink {
  std::string dockerfile;  // path of the Dockerfile
  std::string target;      // build target stage ("" = last)
  std::string context;     // build context directory
  std::string how;         // "compose build", "skaffold artifact", "config images map", "directory name"
  std::string via_file;    // the input that made the link (a skaffold file), "" when none
};

// "registry:5000/team/api:1.2@sha256:..." -> "registry:5000/team/api"
std::string image_repository(const std::string& ref);

class ImageLinker {
 public:
  ImageLinker(const Inputs& in, const ResolveOptions& opt);
  std::optional<ImageLink> link(const std::string& image) const;
  // A Dockerfile path from a directory or file path, when it is in the inputs.
  std::optional<std::string> dockerfile_at(const std::string& path_or_dir) const;

 private:
  const Inputs& in_;
  const ResolveOptions& opt_;
  std::map<std::string, std::vector<std::string>> by_dir_name_;  // dir basename -> Dockerfiles
};

}  // namespace og
