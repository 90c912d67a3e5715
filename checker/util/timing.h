// OOMGUARD_TIMING=1 prints the time of each pipeline stage (and the resident
// memory) to stderr; ci/bench reads it. Off, it costs one getenv per timer.
#pragma once
#include <chrono>

namespace og {

double rss_mb();

struct StageTimer {
  bool on;
  std::chrono::steady_clock::time_point t = std::chrono::steady_clock::now();
  StageTimer();
  void lap(const char* stage);
};

}  // namespace og
