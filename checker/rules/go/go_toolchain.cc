#include "rules/go/go_toolchain.h"

#include <re2/re2.h>

#include <set>

#include "resolve/dockerfile_facts.h"

namespace og {

std::optional<GoVersion> golang_tag_version(const std::string& ref) {
  if (ref.find('@') != std::string::npos) return std::nullopt;
  // [registry/][library/]golang:TAG ; the repository's last segment must be "golang"
  static const RE2 re(R"(^(?:[^\s:/@]+(?::[0-9]+)?/)*golang:([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$)");
  std::string tag;
  if (!RE2::FullMatch(ref, re, &tag)) return std::nullopt;
  // major.minor, then an optional patch or pre-release, then an optional -variant
  static const RE2 ver(R"(^([0-9]+)\.([0-9]+)((?:\.[0-9]+)?(?:(?:rc|beta)[0-9]+)?)(?:-[A-Za-z0-9_.-]+)?$)");
  int major = 0, minor = 0;
  std::string rest;
  if (!RE2::FullMatch(tag, ver, &major, &minor, &rest)) return std::nullopt;
  return GoVersion{major, minor, std::to_string(major) + "." + std::to_string(minor) + rest};
}

namespace {

// The first stage of each stage's FROM chain, for every stage at once
// (parents come earlier, so one pass in index order; linear in the stages).
std::vector<int> root_stages(const Dockerfile& df) {
  std::vector<int> root(df.stages.size());
  for (size_t i = 0; i < df.stages.size(); ++i) {
    int parent = df.stages[i].parent_stage;
    root[i] = parent < 0 || static_cast<size_t>(parent) >= i ? static_cast<int>(i) : root[static_cast<size_t>(parent)];
  }
  return root;
}

}  // namespace

std::optional<GoToolchain> go_toolchain(const Project& p, const Workload& w) {
  if (w.dockerfile.empty()) return std::nullopt;
  auto it = p.inputs.dockerfiles.find(w.dockerfile);
  if (it == p.inputs.dockerfiles.end()) return std::nullopt;
  const Dockerfile& df = it->second;
  int fin = df.final_stage(w.dockerfile_target);
  if (fin < 0) return std::nullopt;
  const std::set<int> relevant = shipped_stages(df, fin);
  const std::vector<int> root_of = root_stages(df);
  int chosen = -1;
  bool chosen_builds = false;
  for (int si : relevant) {
    const DfStage& root = df.stages[static_cast<size_t>(root_of[static_cast<size_t>(si)])];
    if (root.parent_stage >= 0 || root.base.find("golang") == std::string::npos) continue;
    bool builds = false;
    for (const auto& r : df.stages[static_cast<size_t>(si)].runs) builds = builds || runs_go_build(r.args);
    if (chosen < 0 || (builds && !chosen_builds) || builds == chosen_builds) {
      chosen = si;
      chosen_builds = builds;
    }
  }
  if (chosen < 0) return std::nullopt;
  const DfStage& root = df.stages[static_cast<size_t>(root_of[static_cast<size_t>(chosen)])];
  if (!root.base_unresolved.empty()) return std::nullopt;
  auto v = golang_tag_version(root.base);
  if (!v) return std::nullopt;
  return GoToolchain{root.base, *v, root.from_loc};
}

std::optional<GoToolchain> toolchain_ignoring_gomemlimit(const Project& p, const Workload& w) {
  auto t = go_toolchain(p, w);
  if (!t || t->version.major != 1 || t->version.minor >= 19) return std::nullopt;
  return t;
}

}  // namespace og
