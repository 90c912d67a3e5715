#include "resolve/dockerfile_facts.h"
#include "util/paths.h"

#include <re2/re2.h>

#include <set>

#include "resolve/env_merge.h"

namespace og {

std::string stage_label(const DfStage& s) {
  return s.name.empty() ? "stage " + std::to_string(s.index) : "stage " + s.name;
}

void apply_image_env(const Dockerfile& df, const std::string& target, std::map<std::string, EnvValue>* env) {
  int fin = df.final_stage(target);
  if (fin < 0) return;
  for (int si : df.ancestry(fin)) {
    const DfStage& st = df.stages[static_cast<size_t>(si)];
    for (const DfVar& v : st.env) {
      EnvValue e;
      e.name = v.key;
      e.value = v.value;
      e.raw = v.raw;
      e.loc = v.value_loc.valid() ? v.value_loc : v.key_loc;
      e.source = "Dockerfile ENV in " + stage_label(st);
      e.unresolved = v.unresolved;
      set_env(*env, std::move(e));
    }
  }
}

namespace {

bool is_golang_image(const std::string& ref) {
  static const RE2 re(R"((^|/)golang(:|@|$))");
  return RE2::PartialMatch(ref, re);
}

}  // namespace

bool runs_go_build(const std::string& cmd) {
  static const RE2 re(R"((^|[\s;&|(])go\s+(build|install)(\s|$))");
  return RE2::PartialMatch(cmd, re);
}

std::set<int> shipped_stages(const Dockerfile& df, int fin) {
  // Linear in the stages and copies (a stage's parent stands for its whole
  // ancestry; `--from` is looked up by name or index in one map).
  std::map<std::string, std::vector<int>> by_ref;
  for (const auto& other : df.stages) {
    if (!other.name.empty()) by_ref[other.name].push_back(other.index);
    by_ref[std::to_string(other.index)].push_back(other.index);
  }
  std::set<int> relevant;
  std::vector<int> todo = {fin};
  while (!todo.empty()) {
    int si = todo.back();
    todo.pop_back();
    if (si < 0 || static_cast<size_t>(si) >= df.stages.size() || !relevant.insert(si).second) continue;
    const DfStage& st = df.stages[static_cast<size_t>(si)];
    if (st.parent_stage >= 0) todo.push_back(st.parent_stage);
    for (const auto& c : st.copies) {
      if (c.from.empty()) continue;
      auto it = by_ref.find(c.from);
      if (it == by_ref.end()) continue;
      for (int other : it->second)
        if (other < si) todo.push_back(other);
    }
  }
  return relevant;
}

GoEvidence dockerfile_go_evidence(const Dockerfile& df, const std::string& target) {
  GoEvidence g;
  int fin = df.final_stage(target);
  if (fin < 0) return g;
  // Stages that produce the shipped image: its ancestry, plus (transitively)
  // the stages it copies files from.
  const std::set<int> relevant = shipped_stages(df, fin);
  for (int si : relevant) {
    const DfStage& st = df.stages[static_cast<size_t>(si)];
    for (const auto& r : st.runs)
      if (runs_go_build(r.args)) {
        g = {true, "its Dockerfile builds Go (RUN go build/install in " + stage_label(st) + ")", r.loc};
        return g;
      }
  }
  for (int si : relevant) {
    const DfStage& st = df.stages[static_cast<size_t>(si)];
    if (st.parent_stage < 0 && is_golang_image(st.base)) {
      g = {true, "its image is built from a golang base (" + st.base + ")", st.from_loc};
      return g;
    }
  }
  return g;
}

const GoMod* find_gomod(const std::map<std::string, GoMod>& gomods, const std::string& context,
                        const std::string& dockerfile) {
  for (const std::string& dir : {context, dir_of(dockerfile)}) {
    auto it = gomods.find(dir.empty() ? "go.mod" : dir + "/go.mod");
    if (it != gomods.end()) return &it->second;
  }
  return nullptr;
}

}  // namespace og
