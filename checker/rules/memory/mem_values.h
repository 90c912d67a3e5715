// Every memory value written in the inputs, each once, with the workload it
// belongs to (null for LimitRange and pod-level values shared by several)
// and a line-independent key for fingerprints.
#pragma once
#include <functional>

#include "rules/helpers.h"

namespace og {

void for_each_written_mem_value(const Project& p,
                                const std::function<void(const MemValue&, const Workload*, const std::string& key)>& fn);

}  // namespace og
