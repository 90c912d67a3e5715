// Small helpers shared by the rule files: reading Go variables of a workload
// and describing values for messages.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "model/workload.h"
#include "quantity/quantity.h"
#include "rules/engine.h"

namespace og {

// The variable when its value is known literally (not a Secret/fieldRef, no
// unresolved reference). ResourceFieldRef counts when its value was computed.
const EnvValue* known_var(const Workload& w, const char* name);
// GOMEMLIMIT is set to something other than empty/off (including unknown values).
bool gomemlimit_set(const Workload& w);
// The effective GOMEMLIMIT in bytes when it is a known, valid number of bytes.
std::optional<int64_t> gomemlimit_bytes(const Workload& w, const EnvValue** ev = nullptr);
// automemlimit will set GOMEMLIMIT at start: the module is in go.mod (or
// AUTOMEMLIMIT is set), GOMEMLIMIT is absent (upstream checks os.LookupEnv, so
// even an empty or `off` GOMEMLIMIT stops it), and AUTOMEMLIMIT, when known, is
// a valid ratio (empty, malformed or `off` set nothing).
bool automemlimit_sets_gomemlimit(const Workload& w);
// GOGC when its value is known literally.
std::optional<GoGC> known_gogc(const Workload& w, const EnvValue** ev = nullptr);
// GOGC=off, or negative (the runtime treats negative as off).
bool gc_disabled(const GoGC& g);
// GOMEMLIMIT (a known number of bytes) against a usable memory limit of a Go
// container; not for resourceFieldRef values, which OG109 explains.
struct GomemlimitVsLimit {
  const EnvValue* env;
  int64_t gomemlimit;
  double ratio;  // GOMEMLIMIT / limit
};
std::optional<GomemlimitVsLimit> gomemlimit_vs_limit(const Workload& w);
// The GOMEMLIMIT oomguard proposes: 90% of the limit, in whole MiB.
std::string suggested_gomemlimit(const MemValue& limit);
// A ratio with as many decimals as it takes to show it strictly between lo
// and hi ("0.901", not "0.90 ... more than 0.90").
std::string ratio_between(double r, double lo, double hi);
bool has_usable_limit(const Workload& w);
bool is_k8s(const Workload& w);
bool is_compose_or_run(const Workload& w);

// "512MiB" and, when the text differs, "512Mi (512MiB)".
std::string describe(const MemValue& v);
Related related_value(const MemValue& v, const std::string& what);
Related related_env(const EnvValue& e, const std::string& what);
// "0.93"
std::string fmt_ratio(double r);
// Standard arguments for templates about a workload: {workload}.
std::map<std::string, std::string> base_args(const Workload& w);

}  // namespace og
