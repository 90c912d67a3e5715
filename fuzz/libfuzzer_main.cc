// The libFuzzer driver: one binary for every harness. The harness is chosen by
// OOMGUARD_FUZZ_HARNESS=<name>; OOMGUARD_FUZZ_HARNESS=list prints the names;
// OOMGUARD_FUZZ_HARNESS=seeds OOMGUARD_FUZZ_SEEDS=<fixtures> OOMGUARD_FUZZ_OUT=<dir>
// writes the seed corpora (<dir>/<harness>/<n>) and exits.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "fuzz_support.h"
#include "seeds.h"

namespace {
og::fuzz::HarnessFn g_run = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* name = std::getenv("OOMGUARD_FUZZ_HARNESS");
  if (name && std::strcmp(name, "list") == 0) {
    for (const auto& h : og::fuzz::harnesses()) std::printf("%s\t%s\n", h.name, h.what);
    std::exit(0);
  }
  if (name && std::strcmp(name, "seeds") == 0) {
    const char* from = std::getenv("OOMGUARD_FUZZ_SEEDS");
    const char* to = std::getenv("OOMGUARD_FUZZ_OUT");
    if (!from || !to) {
      std::fprintf(stderr, "seeds: set OOMGUARD_FUZZ_SEEDS (the fixtures folder) and OOMGUARD_FUZZ_OUT\n");
      std::exit(2);
    }
    std::map<std::string, int> counts;
    for (const auto& s : og::fuzz::fixture_seeds(from)) {
      std::filesystem::path dir = std::filesystem::path(to) / s.harness;
      std::filesystem::create_directories(dir);
      std::ofstream(dir / ("seed-" + std::to_string(counts[s.harness]++)), std::ios::binary) << s.content;
    }
    for (const auto& [h, n] : counts) std::printf("%s\t%d\n", h.c_str(), n);
    std::exit(0);
  }
  const og::fuzz::Harness* h = name ? og::fuzz::find_harness(name) : nullptr;
  if (!h) {
    std::fprintf(stderr, "set OOMGUARD_FUZZ_HARNESS to one of:");
    for (const auto& x : og::fuzz::harnesses()) std::fprintf(stderr, " %s", x.name);
    std::fprintf(stderr, "\n");
    std::exit(2);
  }
  g_run = h->run;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  g_run(data, size);
  return 0;
}
