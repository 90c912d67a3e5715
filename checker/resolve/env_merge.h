// Applying one environment source over another, keeping the override chain.
#pragma once
#include <map>
#include <string>

#include "model/workload.h"

namespace og {

// Sets `v` in `env`; a previous definition moves into v.overridden (its own
// chain first, so the chain stays oldest-first).
inline void set_env(std::map<std::string, EnvValue>& env, EnvValue v) {
  auto it = env.find(v.name);
  if (it != env.end()) {
    EnvValue prev = std::move(it->second);
    std::vector<EnvValue> chain = std::move(prev.overridden);
    prev.overridden.clear();
    chain.push_back(std::move(prev));
    v.overridden = std::move(chain);
    it->second = std::move(v);
  } else {
    std::string name = v.name;
    env.emplace(std::move(name), std::move(v));
  }
}

}  // namespace og
