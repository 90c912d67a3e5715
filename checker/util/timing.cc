#include "util/timing.h"

#include <cstdio>
#include <cstdlib>

namespace og {

double rss_mb() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<double>(resident) * 4096.0 / (1024.0 * 1024.0);
}

StageTimer::StageTimer() : on(std::getenv("OOMGUARD_TIMING") != nullptr) {}

void StageTimer::lap(const char* stage) {
  auto now = std::chrono::steady_clock::now();
  if (on)
    std::fprintf(stderr, "timing: %-8s %8.3f s  rss %6.1f MB\n", stage,
                 std::chrono::duration<double>(now - t).count(), rss_mb());
  t = now;
}

}  // namespace og
