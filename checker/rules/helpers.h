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
// automemlimit will set GOMEMLIMIT at start (module in go.mod or AUTOMEMLIMIT set, and not off).
bool automemlimit_active(const Workload& w);
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
