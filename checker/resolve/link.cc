#include "resolve/link.h"
#include "util/paths.h"

namespace og {

namespace {

bool is_default_name(const std::string& p) {
  std::string b = base_of(p);
  return b == "Dockerfile" || b == "Containerfile";
}

}  // namespace

std::string image_repository(const std::string& ref) {
  std::string r = ref.substr(0, ref.find('@'));
  size_t slash = r.rfind('/');
  size_t colon = r.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) r = r.substr(0, colon);
  return r;
}

ImageLinker::ImageLinker(const Inputs& in, const ResolveOptions& opt) : in_(in), opt_(opt) {
  for (const auto& [path, df] : in_.dockerfiles) {
    if (!is_default_name(path)) continue;
    std::string dir = dir_of(path);
    if (!dir.empty()) by_dir_name_[base_of(dir)].push_back(path);
  }
}

std::optional<std::string> ImageLinker::dockerfile_at(const std::string& p) const {
  if (in_.dockerfiles.count(p)) return p;
  for (const char* name : {"Dockerfile", "Containerfile"}) {
    std::string cand = p.empty() || p == "." ? name : p + "/" + name;
    if (in_.dockerfiles.count(cand)) return cand;
  }
  return std::nullopt;
}

std::optional<ImageLink> ImageLinker::link(const std::string& image) const {
  if (image.empty()) return std::nullopt;
  std::string repo = image_repository(image);
  for (const std::string& key : {image, repo}) {
    auto it = opt_.images.find(key);
    if (it == opt_.images.end()) continue;
    if (auto df = dockerfile_at(normalize_join("", it->second)))
      return ImageLink{*df, "", dir_of(*df), "the images: map in the config"};
  }
  for (const auto& a : in_.k8s.skaffold) {
    if (a.image != repo && a.image != image) continue;
    std::string ctx = normalize_join(dir_of(a.loc.file), a.context);
    std::string df = normalize_join(ctx, a.dockerfile);
    if (in_.dockerfiles.count(df))
      return ImageLink{df, a.target, ctx, "skaffold artifact (" + a.loc.file + ")", a.loc.file};
  }
  auto it = by_dir_name_.find(base_of(repo));
  if (it != by_dir_name_.end() && it->second.size() == 1) {
    const std::string& df = it->second.front();
    return ImageLink{df, "", dir_of(df), "image name matches directory " + dir_of(df) + "/"};
  }
  return std::nullopt;
}

}  // namespace og
