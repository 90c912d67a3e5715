// What a workload inherits from the Dockerfile that builds its image: the
// shipped stage's ENV (with FROM <stage> ancestry) and whether it runs Go.
#pragma once
#include <map>
#include <set>
#include <string>

#include "model/workload.h"
#include "parse/dockerfile.h"
#include "parse/gomod.h"

namespace og {

// Adds the image's ENV (oldest ancestor first) to `env`.
void apply_image_env(const Dockerfile& df, const std::string& target, std::map<std::string, EnvValue>* env);
// Go evidence from the Dockerfile itself (RUN go build/install; a golang base in
// the chain or in a stage the shipped stage copies from).
GoEvidence dockerfile_go_evidence(const Dockerfile& df, const std::string& target);
// A go.mod at the build context root or beside the Dockerfile.
const GoMod* find_gomod(const std::map<std::string, GoMod>& gomods, const std::string& context,
                        const std::string& dockerfile);
std::string stage_label(const DfStage& s);
// The stages that make the shipped stage `fin`: its ancestry and, transitively,
// the stages it copies from (COPY --from by name or index).
std::set<int> shipped_stages(const Dockerfile& df, int fin);
// A RUN command that builds Go (`go build` / `go install`).
bool runs_go_build(const std::string& cmd);

}  // namespace og
