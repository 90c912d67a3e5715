// `probe --update-baselines` span editing on a config text: never throws; the
// edited text is still a valid config whose baselines are the measured values;
// applying the same results again changes nothing.
#include "config/config.h"
#include "fuzz_support.h"
#include "harnesses.h"
#include "model/probe_result.h"
#include "probe/update_baselines.h"

namespace og::fuzz {

void fuzz_update_baselines(const uint8_t* data, size_t size) {
  const std::string file = ".oomguard.yaml";
  std::string text(as_text(data, size));
  Config c = parse_config(file, text);
  if (!c.errors.empty()) return;  // only valid configs are ever edited
  std::vector<ProbeResult> results;
  uint64_t salt = size;
  for (const auto& p : c.probes) {
    ProbeResult r;
    r.name = p.name;
    r.started = true;
    r.duration_reached = true;
    r.oom_kills = 0;
    salt = salt * 6364136223846793005ULL + 1442695040888963407ULL;
    r.peak = ((salt >> 33) % 4096 + 1) << 20;
    if ((salt >> 20) & 1) r.p95 = *r.peak - (*r.peak >> 3);
    results.push_back(r);
  }
  std::vector<BaselineEdit> edits;
  std::vector<std::string> errors;
  std::string once = update_baselines(text, c.probes, results, &edits, &errors);
  Config after = parse_config(file, once);
  std::string errs;
  for (const auto& e : after.errors) errs += std::to_string(e.loc.line) + ":" + std::to_string(e.loc.col) + " " + e.message + "; ";
  OG_FUZZ_CHECK(after.errors.empty(), "the edited config does not parse: " + errs);
  if (!after.errors.empty()) return;
  OG_FUZZ_CHECK(after.probes.size() == c.probes.size(), "editing changed the number of probes");
  for (const auto& e : edits)
    for (size_t i = 0; i < after.probes.size() && i < results.size(); ++i)
      if (after.probes[i].name == e.probe) {
        OG_FUZZ_CHECK(after.probes[i].baseline_peak && static_cast<uint64_t>(after.probes[i].baseline_peak->bytes) == *results[i].peak,
                      "probe " + e.probe + ": edited peak does not read back");
      }
  std::vector<BaselineEdit> edits2;
  std::vector<std::string> errors2;
  std::string twice = update_baselines(once, after.probes, results, &edits2, &errors2);
  OG_FUZZ_CHECK(twice == once, "a second update changed the text again");
}

}  // namespace og::fuzz
