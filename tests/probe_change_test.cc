// OG508 probe-baseline-raised on two revisions of a config's `probes:` (the
// merge base and the change), without git: each case parses both texts, matches
// the probes by name and runs the change rules. The git side (scan
// --diff-base reading both revisions) is in tests/git_modes_test.cc.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config/config.h"
#include "report/report.h"
#include "rules/engine.h"
#include "scan/probe_changes.h"
#include "test_support.h"

using og::test::lines;
using og::test::span;

namespace {

// A config with one probe "api" whose baseline block is `baseline` (line 5 on).
std::string cfg(const std::string& baseline, const std::string& name = "api") {
  return "probes:\n"
         "  - name: " + name + "\n"
         "    workload: w\n"
         "    command: [x]\n" +
         baseline;
}

// "OG508 warning 6:11-6:17: message [suppressed]" for every change finding.
std::vector<std::string> raised(const std::string& before, const std::string& after,
                                og::Config c = og::default_config()) {
  c.path = ".oomguard.yaml";
  og::ScanUnit u;
  og::add_probe_change_findings(&u, c, before, after);
  std::vector<std::string> out;
  for (const auto& f : u.findings)
    out.push_back(f.rule_id + " " + og::level_name(f.level) + " " + f.loc.file + ":" + span(f.loc) + ": " + f.message +
                  (f.suppression ? " [suppressed: " + f.suppression->justification + "]" : ""));
  return out;
}

}  // namespace

TEST_SUITE("probe-change") {
  TEST_CASE("OG508: a raised peak fires at the new value, with the growth and what now passes") {
    CHECK(lines(raised(cfg("    baseline: {peak: 920MiB, tolerance: 5}\n"),
                       cfg("    baseline: {peak: 1000MiB, tolerance: 5}\n"))) ==
          "[OG508 warning .oomguard.yaml:5:22-5:29: probe api: baseline peak raised from 920MiB to 1000MiB (+8.7%); "
          "with the 5% tolerance the probe now passes up to 1050.0MiB (was 966.0MiB)]");
  }

  TEST_CASE("OG508: values compare as bytes (Gi, GiB, MiB); equal or lower is quiet; one byte more fires") {
    CHECK(lines(raised(cfg("    baseline: {peak: 1Gi}\n"), cfg("    baseline: {peak: 1024MiB}\n"))) == "[]");
    CHECK(lines(raised(cfg("    baseline: {peak: 1GiB}\n"), cfg("    baseline: {peak: 1000MiB}\n"))) == "[]");
    CHECK(lines(raised(cfg("    baseline: {peak: 1048576}\n"), cfg("    baseline: {peak: 1048577}\n"))) ==
          "[OG508 warning .oomguard.yaml:5:22-5:29: probe api: baseline peak raised from 1048576 to 1048577 (+0.0%); "
          "with the 10% tolerance the probe now passes up to 1153434 bytes (was 1153433 bytes)]");
    CHECK(lines(raised(cfg("    baseline: {peak: 100GiB}\n"), cfg("    baseline: {peak: 120GiB}\n"))) ==
          "[OG508 warning .oomguard.yaml:5:22-5:28: probe api: baseline peak raised from 100GiB to 120GiB (+20.0%); "
          "with the 10% tolerance the probe now passes up to 132.0GiB (was 110.0GiB)]");
  }

  TEST_CASE("OG508: a raised steady_p95 fires at its own value, block style") {
    std::string before = cfg("    baseline:\n      peak: 64MiB\n      steady_p95: 40MiB\n");
    std::string after = cfg("    baseline:\n      peak: 64MiB\n      steady_p95: 48MiB\n");
    CHECK(lines(raised(before, after)) ==
          "[OG508 warning .oomguard.yaml:7:19-7:24: probe api: baseline steady_p95 raised from 40MiB to 48MiB "
          "(+20.0%); with the 10% tolerance the probe now passes up to 52.8MiB (was 44.0MiB)]");
  }

  TEST_CASE("OG508: a raised tolerance fires once at the tolerance, naming every value it loosens") {
    CHECK(lines(raised(cfg("    baseline: {peak: 100MiB, steady_p95: 80MiB, tolerance: 5}\n"),
                       cfg("    baseline: {peak: 100MiB, steady_p95: 80MiB, tolerance: 20}\n"))) ==
          "[OG508 warning .oomguard.yaml:5:60-5:62: probe api: baseline tolerance raised from 5% to 20%; the probe now "
          "passes peak up to 120.0MiB (was 105.0MiB) and steady_p95 up to 96.0MiB (was 84.0MiB)]");
    // The default (10%) written out is no change; dropping a 5% tolerance raises it to the default.
    CHECK(lines(raised(cfg("    baseline: {peak: 100MiB}\n"), cfg("    baseline: {peak: 100MiB, tolerance: 10}\n"))) ==
          "[]");
    CHECK(lines(raised(cfg("    baseline: {peak: 100MiB, tolerance: 5}\n"), cfg("    baseline: {peak: 100MiB}\n"))) ==
          "[OG508 warning .oomguard.yaml:5:15-5:16: probe api: baseline tolerance raised from 5% to 10%; the probe now "
          "passes peak up to 110.0MiB (was 105.0MiB)]");
  }

  TEST_CASE("OG508: a higher value under a lower tolerance fires only if it lets more through") {
    // 100 x 1.10 = 110 -> 104 x 1.05 = 109.2: no more gets through
    CHECK(lines(raised(cfg("    baseline: {peak: 100MiB, tolerance: 10}\n"),
                       cfg("    baseline: {peak: 104MiB, tolerance: 5}\n"))) == "[]");
    // 100 x 1.10 = 110 -> 106 x 1.05 = 111.3: more
    CHECK(lines(raised(cfg("    baseline: {peak: 100MiB, tolerance: 10}\n"),
                       cfg("    baseline: {peak: 106MiB, tolerance: 5}\n"))) ==
          "[OG508 warning .oomguard.yaml:5:22-5:28: probe api: baseline peak raised from 100MiB to 106MiB (+6.0%); "
          "with the 5% tolerance the probe now passes up to 111.3MiB (was 110.0MiB)]");
  }

  TEST_CASE("OG508: a lower value with a higher tolerance fires only if it lets more through") {
    // 100 x 1.05 = 105 -> 90 x 1.10 = 99: tighter overall
    CHECK(lines(raised(cfg("    baseline: {peak: 100MiB, tolerance: 5}\n"),
                       cfg("    baseline: {peak: 90MiB, tolerance: 10}\n"))) == "[]");
    // 100 x 1.05 = 105 -> 98 x 1.10 = 107.8: looser
    CHECK(lines(raised(cfg("    baseline: {peak: 100MiB, tolerance: 5}\n"),
                       cfg("    baseline: {peak: 98MiB, tolerance: 10}\n"))) ==
          "[OG508 warning .oomguard.yaml:5:40-5:42: probe api: baseline tolerance raised from 5% to 10%; the probe now "
          "passes peak up to 107.8MiB (was 105.0MiB)]");
  }

  TEST_CASE("OG508: removing a baseline value, or the whole baseline, fires at the baseline (or the name)") {
    CHECK(lines(raised(cfg("    baseline: {peak: 100MiB, steady_p95: 80MiB}\n"),
                       cfg("    baseline: {peak: 100MiB}\n"))) ==
          "[OG508 warning .oomguard.yaml:5:15-5:16: probe api: the change removes the baseline steady_p95 (80MiB); "
          "the probe no longer checks it]");
    CHECK(lines(raised(cfg("    baseline: {peak: 100MiB}\n"), cfg(""))) ==
          "[OG508 warning .oomguard.yaml:2:11-2:14: probe api: the change removes the baseline peak (100MiB); the "
          "probe no longer checks it]");
  }

  TEST_CASE("OG508: a probe with a baseline that the change removes or renames fires at `probes:`") {
    std::string before = cfg("    baseline: {peak: 10MiB, steady_p95: 8MiB}\n", "old");
    CHECK(lines(raised(before, cfg("    baseline: {peak: 100MiB}\n", "new"))) ==
          "[OG508 warning .oomguard.yaml:1:1-1:7: the change removes probe old, whose baseline (peak 10MiB and "
          "steady_p95 8MiB) no longer guards its workload (a renamed probe starts without a history)]");
    // no probes left at all: the whole file
    auto r = raised(before, "rules: {}\n");
    REQUIRE(r.size() == 1);
    CHECK(r[0].rfind("OG508 warning .oomguard.yaml:0:0-0:0: the change removes probe old", 0) == 0);
    // a removed probe that had no baseline is no raise
    CHECK(lines(raised(cfg("", "old"), cfg("", "new"))) == "[]");
  }

  TEST_CASE("OG508 is quiet for a new baseline, a new probe, and an unparsable side") {
    CHECK(lines(raised(cfg(""), cfg("    baseline: {peak: 100MiB}\n"))) == "[]");
    CHECK(lines(raised("", cfg("    baseline: {peak: 100MiB}\n"))) == "[]");
    CHECK(lines(raised(cfg("    baseline: {peak: 10MiB}\n"), cfg("    baseline: {peak: 100MiB, bogus: 1}\n"))) ==
          "[]");
    CHECK(lines(raised(cfg("    baseline: {peak: 10MiB, bogus: 1}\n"), cfg("    baseline: {peak: 100MiB}\n"))) ==
          "[]");
  }

  TEST_CASE("OG508: several probes are matched by name, whatever their order") {
    std::string before = cfg("    baseline: {peak: 10MiB}\n", "a") +
                         "  - {name: b, workload: w, command: [x], baseline: {peak: 20MiB}}\n";
    std::string after = "probes:\n"
                        "  - {name: b, workload: w, command: [x], baseline: {peak: 30MiB}}\n"
                        "  - {name: a, workload: w, command: [x], baseline: {peak: 10MiB}}\n";
    CHECK(lines(raised(before, after)) ==
          "[OG508 warning .oomguard.yaml:2:59-2:64: probe b: baseline peak raised from 20MiB to 30MiB (+50.0%); with "
          "the 10% tolerance the probe now passes up to 33.0MiB (was 22.0MiB)]");
  }

  TEST_CASE("OG508: a comment on the line or an ignore: entry suppresses it; turned off it is silent") {
    std::string before = cfg("    baseline: {peak: 10MiB}\n");
    std::string after = cfg("    baseline: {peak: 12MiB}  # oomguard: ignore[OG508] new cache, reviewed\n");
    CHECK(lines(raised(before, after)) ==
          "[OG508 warning .oomguard.yaml:5:22-5:27: probe api: baseline peak raised from 10MiB to 12MiB (+20.0%); with "
          "the 10% tolerance the probe now passes up to 13.2MiB (was 11.0MiB) [suppressed: new cache, reviewed]]");
    og::Config c = og::parse_config(".oomguard.yaml",
                                    "ignore:\n  - rules: [OG508]\n    paths: ['.oomguard.yaml']\n    reason: migration\n");
    REQUIRE(c.errors.empty());
    auto r = raised(before, cfg("    baseline: {peak: 12MiB}\n"), c);
    REQUIRE(r.size() == 1);
    CHECK(r[0].find("[suppressed: migration]") != std::string::npos);
    og::Config off = og::parse_config(".oomguard.yaml", "rules:\n  OG508: {level: off}\n");
    REQUIRE(off.errors.empty());
    CHECK(lines(raised(before, cfg("    baseline: {peak: 12MiB}\n"), off)) == "[]");
  }
}
