// `.oomguard.yaml`, including `probes:`: never throws; every error and every
// probe location lies in the input; a config without errors has probes with
// names and exactly one of image / command.
#include "config/config.h"
#include "fuzz_support.h"
#include "harnesses.h"

namespace og::fuzz {

void fuzz_config(const uint8_t* data, size_t size) {
  const std::string file = ".oomguard.yaml";
  std::string_view text = as_text(data, size);
  Config c = parse_config(file, std::string(text));
  Lines lines(text);
  for (const auto& e : c.errors) check_location(e.loc, lines, file, "config error '" + e.message + "'");
  for (const auto& e : c.suppressions.config) check_location(e.loc, lines, file, "ignore entry");
  for (const auto& p : c.probes) {
    for (const auto* l : {&p.loc, &p.entry_loc, &p.workload_loc, &p.env_loc, &p.tolerance_loc, &p.baseline_loc})
      if (l->valid()) check_location(*l, lines, file, "probe " + p.name);
    for (const auto* b : {&p.limit, &p.baseline_peak, &p.baseline_p95})
      if (*b && (*b)->loc.valid()) check_location((*b)->loc, lines, file, "probe " + p.name + " " + (*b)->raw);
    if (c.errors.empty()) {
      OG_FUZZ_CHECK(!p.name.empty(), "a probe without a name");
      OG_FUZZ_CHECK(p.image.empty() != p.command.empty(), "probe " + p.name + " needs exactly one of image/command");
    }
  }
  double s = 0;
  (void)parse_duration(std::string(text), &s);
}

}  // namespace og::fuzz
