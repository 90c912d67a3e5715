// The probe verdicts OG501-OG507 on hand-built measurements (no cgroup, no
// process): for each rule a case that fires, with its exact message and the
// location it points at, and the boundary on the quiet side. Also the
// `probes:` section of .oomguard.yaml: every mistake is an error with its
// line:col, and parse_duration.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config/config.h"
#include "model/probe_result.h"
#include "probe/spec.h"
#include "rules/engine.h"
#include "test_support.h"

using og::ProbeResult;
using og::test::lines;
using og::test::span;

namespace {

constexpr uint64_t MiB = 1 << 20;
const char* kCfg = ".oomguard.yaml";

// A probe "api" declared at line 3 with a baseline at line 8 (peak at 8:17-8:22,
// steady_p95 at 9:23-9:28), measured: started, ran its duration, 40 MiB peak.
ProbeResult measured() {
  ProbeResult r;
  r.name = "api";
  r.loc = og::Location::at(kCfg, 3, 11, 14);
  r.baseline_loc = og::Location::at(kCfg, 8, 5, 6);
  r.peak_loc = og::Location::at(kCfg, 8, 17, 22);
  r.p95_loc = og::Location::at(kCfg, 9, 23, 28);
  r.workload_id = "k8s/api.yaml#Deployment/shop/api/api";
  r.workload_label = "Deployment shop/api container api";
  r.engine = "cgroup";
  r.limit = 64 * MiB;
  r.applied = {{"memory limit", "64Mi", og::Location::at("k8s/api.yaml", 20, 23, 27), false}};
  r.started = true;
  r.exit = "killed by SIGTERM (143)";
  r.exit_status = 143;
  r.duration_reached = true;
  r.peak = 40 * MiB;
  r.p95 = 30 * MiB;
  r.p50 = 28 * MiB;
  r.oom_kills = 0;
  r.failcnt = 0;
  return r;
}

// Probe `r` with a baseline (peak, steady p95, tolerance %).
ProbeResult with_baseline(ProbeResult r, uint64_t peak, uint64_t p95, double tol = 10) {
  r.baseline_peak = peak;
  r.baseline_p95 = p95;
  r.tolerance_pct = tol;
  return r;
}

std::vector<og::Finding> verdicts(const std::vector<ProbeResult>& results) {
  return og::run_probe_rules(og::Project{}, og::default_config().selection, results);
}

// "OG502 error .oomguard.yaml:8:17-8:22: message" of the verdicts of one rule.
std::vector<std::string> of(const std::string& rule, const std::vector<ProbeResult>& results) {
  std::vector<std::string> out;
  for (const auto& f : verdicts(results))
    if (f.rule_id == rule)
      out.push_back(f.rule_id + " " + og::level_name(f.level) + " " + f.loc.file + ":" + span(f.loc) + ": " + f.message);
  return out;
}
std::vector<std::string> of(const std::string& rule, const ProbeResult& r) { return of(rule, std::vector<ProbeResult>{r}); }

// Rule IDs of every verdict.
std::vector<std::string> ids(const ProbeResult& r) {
  std::vector<std::string> out;
  for (const auto& f : verdicts({r})) out.push_back(f.rule_id);
  return out;
}

std::vector<std::string> errors(const og::Config& c) {
  std::vector<std::string> out;
  for (const auto& e : c.errors)
    out.push_back(e.loc.file + ":" + std::to_string(e.loc.line) + ":" + std::to_string(e.loc.col) + " " + e.message);
  return out;
}

og::Config parse(const std::string& text) { return og::parse_config(kCfg, text); }

// A valid block-style probe with `extra` lines (indented 4) appended.
std::string probe_yaml(const std::string& extra) {
  return "probes:\n"
         "  - name: api\n"
         "    workload: Deployment shop/api container api\n"
         "    command: [build/workloads/alloc]\n" +
         extra;
}

}  // namespace

TEST_SUITE("probe-verdicts") {
  TEST_CASE("a clean run within its baseline has no verdict") {
    CHECK(lines(ids(with_baseline(measured(), 40 * MiB, 30 * MiB))) == "[]");
  }

  // ------------------------------------------------------------------ OG501
  TEST_CASE("OG501 fires on the kernel's OOM counter, at the baseline, citing the applied values") {
    ProbeResult r = with_baseline(measured(), 40 * MiB, 30 * MiB);
    r.oom_kills = 1;
    r.first_oom_s = 1.5;
    r.peak = 64 * MiB;
    r.exit = "killed by SIGKILL (137)";
    r.exit_status = 137;
    r.duration_reached = false;
    auto f = verdicts({r});
    REQUIRE(f.size() >= 1);
    CHECK(lines(of("OG501", r)) ==
          "[OG501 error .oomguard.yaml:8:5-8:6: probe api: the kernel OOM-killed Deployment shop/api container api "
          "after 1.5s (peak 64.0MiB of the 64.0MiB limit; GOMEMLIMIT unset, GOGC unset)]");
    const og::Finding& v = f[0];
    CHECK(v.rule_id == "OG501");
    CHECK(v.help == "set GOMEMLIMIT to about 90% of the limit (58MiB) or raise the limit");
    REQUIRE(v.related.size() == 1);
    CHECK(v.related[0].message == "memory limit 64Mi");
    CHECK(v.related[0].loc == og::Location::at("k8s/api.yaml", 20, 23, 27));
    CHECK(v.setting == "probe:api:oom");
    // An OOM kill is OG501's: not a failure (OG506), not throttling (OG505), not near-limit (OG503).
    CHECK(lines(ids(r)) == "[OG501 | OG502]");
  }

  TEST_CASE("OG501: with GOMEMLIMIT set the help says lower it; docker's OOMKilled counts; no baseline points at the name") {
    ProbeResult r = measured();
    r.oom_kills.reset();  // an engine that cannot read the counter
    r.oom_killed_by_engine = true;
    r.gomemlimit = 60 * MiB;
    r.applied.push_back({"GOMEMLIMIT", "60MiB", og::Location::at("k8s/api.yaml", 25, 20, 25), false});
    r.applied.push_back({"GOGC", "100", og::Location::at(kCfg, 6, 17, 20), true});
    r.baseline_loc = r.loc;  // no baseline: the probe's name
    r.peak_loc = r.p95_loc = {};
    CHECK(lines(of("OG501", r)) ==
          "[OG501 error .oomguard.yaml:3:11-3:14: probe api: the kernel OOM-killed Deployment shop/api container api "
          "(peak 40.0MiB of the 64.0MiB limit; GOMEMLIMIT 60MiB, GOGC 100)]");
    auto f = verdicts({r});
    REQUIRE(!f.empty());
    CHECK(f[0].help == "lower GOMEMLIMIT (the heap needs more headroom below the limit) or raise the limit");
    REQUIRE(f[0].related.size() == 3);
    CHECK(f[0].related[2].message == "GOGC 100 (set by the probe)");
  }

  TEST_CASE("OG501 is quiet when the counter did not move") {
    ProbeResult r = measured();
    r.oom_kills = 0;
    CHECK(lines(of("OG501", r)) == "[]");
  }

  // ------------------------------------------------------------------ OG502
  TEST_CASE("OG502: exactly baseline x (1 + tolerance) is quiet, one byte above fires at the peak value") {
    // 50 MiB + 10% = 55 MiB = 57671680 bytes.
    ProbeResult r = with_baseline(measured(), 50 * MiB, 40 * MiB, 10);
    r.peak = 57671680;
    CHECK(lines(of("OG502", r)) == "[]");
    r.peak = 57671681;
    CHECK(lines(of("OG502", r)) ==
          "[OG502 error .oomguard.yaml:8:17-8:22: probe api: peak 55.0MiB is above the baseline 50.0MiB + 10% (55.0MiB)]");
  }

  TEST_CASE("OG502: the boundary holds for tolerances that are not exact in binary (15%, 12.5%)") {
    // 100 MiB + 15% = 120586240 bytes; 1.15 is a little below 1.15 as a double.
    ProbeResult r = with_baseline(measured(), 100 * MiB, 100 * MiB, 15);
    r.peak = 120586240;
    r.p95 = 120586240;
    CHECK(lines(of("OG502", r)) == "[]");
    r.peak = 120586241;
    CHECK(of("OG502", r).size() == 1);
    ProbeResult h = with_baseline(measured(), 100 * MiB, 100 * MiB, 12.5);
    h.peak = 117964800;  // 100 MiB x 1.125
    CHECK(lines(of("OG502", h)) == "[]");
    h.peak = 117964801;
    CHECK(lines(of("OG502", h)) ==
          "[OG502 error .oomguard.yaml:8:17-8:22: probe api: peak 112.5MiB is above the baseline 100.0MiB + 12.5% (112.5MiB)]");
  }

  TEST_CASE("OG502: a steady p95 above its baseline fires at the steady_p95 value") {
    ProbeResult r = with_baseline(measured(), 50 * MiB, 20 * MiB, 10);
    r.peak = 40 * MiB;
    r.p95 = 22 * MiB;  // exactly 20 MiB + 10%
    CHECK(lines(of("OG502", r)) == "[]");
    r.p95 = 30 * MiB;
    CHECK(lines(of("OG502", r)) ==
          "[OG502 error .oomguard.yaml:9:23-9:28: probe api: steady-state p95 30.0MiB is above the baseline 20.0MiB + "
          "10% (22.0MiB)]");
    // Both over: two verdicts, distinct fingerprints.
    r.peak = 60 * MiB;
    auto f = of("OG502", r);
    CHECK(f.size() == 2);
  }

  TEST_CASE("OG502 is quiet without a baseline or when the workload never started") {
    ProbeResult r = measured();
    r.peak = 1000 * MiB;
    CHECK(lines(of("OG502", r)) == "[]");
    ProbeResult s = with_baseline(measured(), 1 * MiB, 1 * MiB);
    s.started = false;
    s.error = "could not start x";
    CHECK(lines(of("OG502", s)) == "[]");
  }

  // ------------------------------------------------------------------ OG503
  TEST_CASE("OG503: exactly 0.95 of the limit is quiet, above it warns at the baseline") {
    ProbeResult r = with_baseline(measured(), 95 * MiB, 95 * MiB);
    r.limit = 100 * MiB;
    r.peak = 99614720;  // 0.95 x 100 MiB
    r.p95 = 90 * MiB;
    CHECK(lines(of("OG503", r)) == "[]");
    r.peak = 99614721;
    CHECK(lines(of("OG503", r)) ==
          "[OG503 warning .oomguard.yaml:8:5-8:6: probe api: peak 95.0MiB is 95% of the 100.0MiB limit (more than "
          "0.95): one burst away from an OOM kill]");
    r.peak = 99 * MiB;
    auto f = verdicts({r});
    REQUIRE(f.size() == 1);
    CHECK(f[0].help == "lower GOMEMLIMIT or raise the limit so the peak stays below 0.95 of it");
  }

  TEST_CASE("OG503 is quiet for an OOM-killed run (OG501 says it) and without a limit") {
    ProbeResult r = measured();
    r.peak = 64 * MiB;
    r.oom_kills = 2;
    CHECK(lines(of("OG503", r)) == "[]");
    r.oom_kills = 0;
    r.oom_killed_by_engine = true;
    CHECK(lines(of("OG503", r)) == "[]");
    ProbeResult n = measured();
    n.limit = 0;
    CHECK(lines(of("OG503", n)) == "[]");
  }

  // ------------------------------------------------------------------ OG504
  TEST_CASE("OG504: exactly baseline x (1 - 2 x tolerance) is quiet, one byte below notes at the peak value") {
    // 50 MiB - 20% = 40 MiB.
    ProbeResult r = with_baseline(measured(), 50 * MiB, 30 * MiB, 10);
    r.peak = 40 * MiB;
    CHECK(lines(of("OG504", r)) == "[]");
    r.peak = 40 * MiB - 1;
    CHECK(lines(of("OG504", r)) ==
          "[OG504 note .oomguard.yaml:8:17-8:22: probe api: peak 40.0MiB is well below the baseline 50.0MiB (more than 2 "
          "x 10% under it): the baseline can be tightened]");
    // 7%: 1 - 0.14 is not exact in binary; 100 MiB x 0.86 = 90177536 bytes is the boundary.
    ProbeResult s = with_baseline(measured(), 100 * MiB, 80 * MiB, 7);
    s.peak = 90177536;
    CHECK(lines(of("OG504", s)) == "[]");
    s.peak = 90177535;
    CHECK(of("OG504", s).size() == 1);
  }

  TEST_CASE("OG504 is quiet without a baseline peak and for an OOM-killed run") {
    ProbeResult r = measured();
    r.peak = 1 * MiB;
    CHECK(lines(of("OG504", r)) == "[]");
    ProbeResult k = with_baseline(measured(), 500 * MiB, 30 * MiB);
    k.oom_kills = 1;
    CHECK(lines(of("OG504", k)) == "[]");
    k.oom_kills = 0;
    k.oom_killed_by_engine = true;
    CHECK(lines(of("OG504", k)) == "[]");
  }

  // ------------------------------------------------------------------ OG505
  TEST_CASE("OG505: cgroup v2 memory.high events") {
    ProbeResult r = with_baseline(measured(), 40 * MiB, 30 * MiB);
    r.failcnt.reset();
    r.high_events = 17;
    CHECK(lines(of("OG505", r)) ==
          "[OG505 warning .oomguard.yaml:8:5-8:6: probe api: memory.high was exceeded 17 times: the kernel throttled "
          "Deployment shop/api container api]");
    r.high_events = 0;
    CHECK(lines(of("OG505", r)) == "[]");
  }

  TEST_CASE("OG505: cgroup v1 failcnt (the limit was hit and the kernel reclaimed)") {
    ProbeResult r = with_baseline(measured(), 40 * MiB, 30 * MiB);
    r.failcnt = 1200;
    CHECK(lines(of("OG505", r)) ==
          "[OG505 warning .oomguard.yaml:8:5-8:6: probe api: Deployment shop/api container api hit its 64.0MiB limit "
          "1200 times and the kernel reclaimed memory to keep it running]");
    r.failcnt = 0;
    CHECK(lines(of("OG505", r)) == "[]");
    // An OOM-killed run hits the limit too: OG501 reports it, not OG505.
    r.failcnt = 5;
    r.oom_kills = 1;
    CHECK(lines(of("OG505", r)) == "[]");
  }

  // ------------------------------------------------------------------ OG506
  TEST_CASE("OG506: a workload that could not start, with the last lines of its stderr, at the probe's name") {
    ProbeResult r = with_baseline(measured(), 40 * MiB, 30 * MiB);
    r.started = false;
    r.peak.reset();
    r.p95.reset();
    r.error = "could not start /opt/app: No such file or directory";
    r.stderr_tail = {"first line", "second line"};
    CHECK(lines(of("OG506", r)) ==
          "[OG506 error .oomguard.yaml:3:11-3:14: probe api: Deployment shop/api container api could not start /opt/app: "
          "No such file or directory; last lines of stderr:\n    first line\n    second line]");
    r.error.clear();
    r.stderr_tail.clear();
    CHECK(lines(of("OG506", r)) ==
          "[OG506 error .oomguard.yaml:3:11-3:14: probe api: Deployment shop/api container api could not start]");
  }

  TEST_CASE("OG506: a non-zero exit before the duration ended") {
    ProbeResult r = with_baseline(measured(), 40 * MiB, 30 * MiB);
    r.duration_reached = false;
    r.exit = "exited 2";
    r.exit_status = 2;
    r.stderr_tail = {"GOMEMLIMIT=512Mi: invalid"};
    CHECK(lines(of("OG506", r)) ==
          "[OG506 error .oomguard.yaml:3:11-3:14: probe api: Deployment shop/api container api exited 2 before the end of "
          "the probe; last lines of stderr:\n    GOMEMLIMIT=512Mi: invalid]");
    // Stopped by oomguard at the end of its duration (SIGTERM, 143): no failure.
    r.duration_reached = true;
    r.exit = "killed by SIGTERM (143)";
    r.exit_status = 143;
    CHECK(lines(of("OG506", r)) == "[]");
    // Stopped because oomguard itself was interrupted: no failure either.
    r.duration_reached = false;
    r.interrupted_by = 15;
    CHECK(lines(of("OG506", r)) == "[]");
  }

  TEST_CASE("OG506: a run-to-exit probe fails on a non-zero exit and passes on exit 0") {
    ProbeResult r = with_baseline(measured(), 40 * MiB, 30 * MiB);
    r.run_to_exit = true;
    r.duration_reached = false;
    r.exit = "exited 0";
    r.exit_status = 0;
    CHECK(lines(of("OG506", r)) == "[]");
    CHECK(lines(ids(r)) == "[]");
    r.exit = "exited 1";
    r.exit_status = 1;
    CHECK(lines(of("OG506", r)) ==
          "[OG506 error .oomguard.yaml:3:11-3:14: probe api: Deployment shop/api container api exited 1]");
  }

  TEST_CASE("OG506: an OOM kill is OG501's, not a failure") {
    ProbeResult r = with_baseline(measured(), 64 * MiB, 64 * MiB);
    r.duration_reached = false;
    r.exit = "killed by SIGKILL (137)";
    r.exit_status = 137;
    r.oom_kills = 1;
    r.peak = 64 * MiB;
    CHECK(lines(of("OG506", r)) == "[]");
    r.oom_kills = 0;
    r.oom_killed_by_engine = true;  // docker's .State.OOMKilled
    CHECK(lines(of("OG506", r)) == "[]");
    CHECK(lines(ids(r)) == "[OG501]");
  }

  // ------------------------------------------------------------------ OG507
  TEST_CASE("OG507: no baseline prints the values to paste, at the probe's name") {
    ProbeResult r = measured();
    r.baseline_loc = r.loc;
    r.peak_loc = r.p95_loc = {};
    r.peak = 52 * MiB + 300 * 1024;  // 52.3 MiB -> 53MiB to paste
    r.p95 = 40 * MiB;
    CHECK(lines(of("OG507", r)) ==
          "[OG507 note .oomguard.yaml:3:11-3:14: probe api has no baseline; measured peak 52.3MiB, steady-state p95 "
          "40.0MiB: add `baseline: {peak: 53MiB, steady_p95: 40MiB, tolerance: 10}`]");
    // No steady state (a run shorter than its warm-up): the peak stands in.
    r.p95.reset();
    CHECK(lines(of("OG507", r)) ==
          "[OG507 note .oomguard.yaml:3:11-3:14: probe api has no baseline; measured peak 52.3MiB, steady-state p95 "
          "unknown: add `baseline: {peak: 53MiB, steady_p95: 53MiB, tolerance: 10}`]");
    CHECK(lines(ids(r)) == "[OG507]");
  }

  TEST_CASE("OG507: a steady_p95 baseline without a peak asks for the peak, at the baseline") {
    ProbeResult r = with_baseline(measured(), 0, 30 * MiB);
    r.baseline_peak.reset();
    CHECK(lines(of("OG507", r)) ==
          "[OG507 note .oomguard.yaml:8:5-8:6: probe api has a steady_p95 baseline but no peak; measured peak 40.0MiB: "
          "add `peak: 40MiB` to its baseline]");
    // A peak without a steady_p95 is a complete baseline.
    ProbeResult q = with_baseline(measured(), 40 * MiB, 0);
    q.baseline_p95.reset();
    CHECK(lines(of("OG507", q)) == "[]");
  }

  TEST_CASE("OG507 is quiet with a baseline, when OOM-killed, and when nothing was measured") {
    CHECK(lines(of("OG507", with_baseline(measured(), 40 * MiB, 30 * MiB))) == "[]");
    ProbeResult k = measured();
    k.oom_kills = 1;
    CHECK(lines(of("OG507", k)) == "[]");
    k.oom_kills = 0;
    k.oom_killed_by_engine = true;
    CHECK(lines(of("OG507", k)) == "[]");
    ProbeResult n = measured();
    n.started = false;
    CHECK(lines(of("OG507", n)) == "[]");
    ProbeResult p = measured();
    p.peak.reset();
    CHECK(lines(of("OG507", p)) == "[]");
  }

  TEST_CASE("verdicts of several probes are reported per probe and sorted by location") {
    ProbeResult a = measured();  // no baseline: OG507 at line 3
    ProbeResult b = with_baseline(measured(), 10 * MiB, 10 * MiB);
    b.name = "b";
    b.loc = og::Location::at(kCfg, 12, 11, 12);
    b.baseline_loc = og::Location::at(kCfg, 14, 5, 6);
    b.peak_loc = og::Location::at(kCfg, 14, 17, 22);
    b.p95_loc = og::Location::at(kCfg, 15, 23, 28);
    std::vector<std::string> got;
    for (const auto& f : verdicts({b, a})) got.push_back(f.rule_id + "@" + std::to_string(f.loc.line));
    CHECK(lines(got) == "[OG507@3 | OG502@14 | OG502@15]");
  }

  TEST_CASE("a rule turned off in the config reports nothing") {
    og::Config c = parse("rules:\n  OG507: off\n");
    REQUIRE(lines(errors(c)) == "[]");
    CHECK(og::run_probe_rules(og::Project{}, c.selection, {measured()}).empty());
  }

  // ------------------------------------------------------------ probes: config
  TEST_CASE("probes: a full block-style probe is read with the locations of its values") {
    og::Config c = parse(probe_yaml(
        "    args: [-live, 32MiB]\n"
        "    workdir: build\n"
        "    duration: 30s\n"
        "    warmup: 5s\n"
        "    grace: 2s\n"
        "    load: [/usr/bin/true]\n"
        "    network: true\n"
        "    limit: 64Mi\n"
        "    env: {GOMEMLIMIT: 56MiB, GOGC: \"50\"}\n"
        "    baseline:\n"
        "      peak: 52MiB\n"
        "      steady_p95: 40Mi\n"
        "      tolerance: 15%\n"));
    REQUIRE(lines(errors(c)) == "[]");
    REQUIRE(c.probes.size() == 1);
    const og::ProbeSpec& p = c.probes[0];
    CHECK(p.name == "api");
    CHECK(span(p.loc) == "2:11-2:14");
    CHECK(p.entry_loc.line == 2);
    CHECK(p.entry_loc.col == 5);
    CHECK(p.workload == "Deployment shop/api container api");
    CHECK(span(p.workload_loc) == "3:15-3:48");
    CHECK(lines(p.command) == "[build/workloads/alloc]");
    CHECK(lines(p.args) == "[-live | 32MiB]");
    CHECK(p.workdir == "build");
    REQUIRE(p.duration_s.has_value());
    CHECK(*p.duration_s == 30);
    CHECK(p.warmup_s == 5);
    CHECK(p.grace_s == 2);
    CHECK(lines(p.load) == "[/usr/bin/true]");
    CHECK(p.network);
    REQUIRE(p.limit.has_value());
    CHECK(p.limit->bytes == int64_t(64 * MiB));
    CHECK(span(p.limit->loc) == "12:12-12:16");
    CHECK(p.env.at("GOMEMLIMIT") == "56MiB");
    CHECK(p.env.at("GOGC") == "50");
    CHECK(p.env_loc.line == 13);
    REQUIRE(p.baseline_peak.has_value());
    CHECK(p.baseline_peak->bytes == int64_t(52 * MiB));
    CHECK(p.baseline_peak->raw == "52MiB");
    CHECK(span(p.baseline_peak->loc) == "15:13-15:18");
    REQUIRE(p.baseline_p95.has_value());
    CHECK(p.baseline_p95->bytes == int64_t(40 * MiB));
    CHECK(span(p.baseline_p95->loc) == "16:19-16:23");
    CHECK(p.tolerance_pct == 15);
    CHECK(p.baseline_loc.line == 15);
  }

  TEST_CASE("probes: defaults (run to exit, no warm-up, 5 s grace, 10% tolerance, no baseline)") {
    og::Config c = parse(probe_yaml(""));
    REQUIRE(lines(errors(c)) == "[]");
    REQUIRE(c.probes.size() == 1);
    const og::ProbeSpec& p = c.probes[0];
    CHECK_FALSE(p.duration_s.has_value());
    CHECK(p.warmup_s == 0);
    CHECK(p.grace_s == 5);
    CHECK(p.tolerance_pct == 10);
    CHECK_FALSE(p.baseline_peak.has_value());
    CHECK_FALSE(p.baseline_p95.has_value());
    CHECK(p.baseline_loc == p.entry_loc);
    CHECK_FALSE(p.network);
  }

  TEST_CASE("probes: every mistake is an error at its line:col") {
    // clang-format off
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"probes: {name: api}\n",
         "[.oomguard.yaml:1:9 probes must be a list]"},
        {"probes:\n  - just-a-string\n",
         "[.oomguard.yaml:2:5 probes entries must be mappings (name, workload, command or image, ...)]"},
        {"probes:\n  - workload: w\n    command: [x]\n",
         "[.oomguard.yaml:2:5 a probe needs a `name`]"},
        {"probes:\n  - name: api\n    command: [x]\n",
         "[.oomguard.yaml:2:5 probe api needs a `workload` (an id or label printed by oomguard scan)]"},
        {"probes:\n  - name: api\n    workload: w\n",
         "[.oomguard.yaml:2:5 probe api needs exactly one of `image` or `command`]"},
        {"probes:\n  - name: api\n    workload: w\n    image: shop/api:1\n    command: [x]\n",
         "[.oomguard.yaml:2:5 probe api needs exactly one of `image` or `command`]"},
        {"probes:\n  - name: api\n    workload: w\n    command: []\n",
         "[.oomguard.yaml:4:14 probe command must not be empty]"},
        {"probes:\n  - name: api\n    workload: w\n    image: \"\"\n",
         "[.oomguard.yaml:4:12 probe image must not be empty]"},
        {probe_yaml("    duration: 30\n"),
         "[.oomguard.yaml:5:15 probe duration must be a duration such as 30s, 500ms or 2m]"},
        {probe_yaml("    duration: soon\n"),
         "[.oomguard.yaml:5:15 probe duration must be a duration such as 30s, 500ms or 2m]"},
        {probe_yaml("    warmup: -1s\n"),
         "[.oomguard.yaml:5:13 probe warmup must be a duration such as 30s, 500ms or 2m]"},
        {probe_yaml("    limit: lots\n"),
         "[.oomguard.yaml:5:12 probe limit must be a byte size such as 64MiB or 64Mi]"},
        {probe_yaml("    limit: 0\n"),
         "[.oomguard.yaml:5:12 probe limit must be a byte size such as 64MiB or 64Mi]"},
        {probe_yaml("    baseline:\n      peak: 52 MB-ish\n"),
         "[.oomguard.yaml:6:13 baseline.peak must be a byte size such as 64MiB or 64Mi]"},
        {probe_yaml("    baseline: {peak: 52MiB, steady_p95: [1]}\n"),
         "[.oomguard.yaml:5:41 baseline.steady_p95 must be a byte size such as 64MiB or 64Mi]"},
        {probe_yaml("    baseline: {peak: 52MiB, tolerance: 100}\n"),
         "[.oomguard.yaml:5:40 baseline.tolerance must be a percentage from 0 to 99]"},
        {probe_yaml("    baseline: {peak: 52MiB, tolerance: ten}\n"),
         "[.oomguard.yaml:5:40 baseline.tolerance must be a percentage from 0 to 99]"},
        {probe_yaml("    baseline: {peak: 52MiB, tolerance: -5}\n"),
         "[.oomguard.yaml:5:40 baseline.tolerance must be a percentage from 0 to 99]"},
        {probe_yaml("    baseline: 52MiB\n"),
         "[.oomguard.yaml:5:15 baseline must be a mapping (peak, steady_p95, tolerance)]"},
        {probe_yaml("    baseline: {peak: 52MiB, p99: 60MiB}\n"),
         "[.oomguard.yaml:5:29 unknown key 'p99' in baseline (known: peak, steady_p95, tolerance)]"},
        {probe_yaml("    duration: 10s\n    warmup: 10s\n"),
         "[.oomguard.yaml:2:5 probe api: warmup must be shorter than duration]"},
        {probe_yaml("    timeout: 10s\n"),
         "[.oomguard.yaml:5:5 unknown key 'timeout' in a probe (known: name, workload, image, command, args, workdir, "
         "duration, warmup, grace, load, network, limit, env, baseline)]"},
        {probe_yaml("    network: maybe\n"),
         "[.oomguard.yaml:5:14 probe network must be true or false]"},
        {probe_yaml("    env: [GOGC=50]\n"),
         "[.oomguard.yaml:5:10 probe env must map variable names to values]"},
        {"probes:\n  - {name: api, workload: w, command: [x]}\n  - {name: api, workload: v, image: i}\n",
         "[.oomguard.yaml:3:5 probe name 'api' is used twice]"},
    };
    // clang-format on
    for (const auto& [text, want] : cases) {
      CAPTURE(text);
      og::Config c = parse(text);
      CHECK(lines(errors(c)) == want);
    }
  }

  TEST_CASE("probes: one bad probe does not hide the errors of the next; good ones are kept") {
    og::Config c = parse(
        "probes:\n"
        "  - name: a\n"
        "    workload: w\n"
        "    command: [x]\n"
        "    duration: 1x\n"
        "  - name: b\n"
        "    workload: w\n"
        "    command: [x]\n"
        "  - name: c\n"
        "    command: [x]\n");
    CHECK(lines(errors(c)) ==
          "[.oomguard.yaml:5:15 probe duration must be a duration such as 30s, 500ms or 2m | .oomguard.yaml:9:5 probe c "
          "needs a `workload` (an id or label printed by oomguard scan)]");
  }

  TEST_CASE("parse_duration") {
    double s = -1;
    CHECK(og::parse_duration("30s", &s));
    CHECK(s == 30);
    CHECK(og::parse_duration("500ms", &s));
    CHECK(s == doctest::Approx(0.5));
    CHECK(og::parse_duration("1.5m", &s));
    CHECK(s == 90);
    CHECK(og::parse_duration("2h", &s));
    CHECK(s == 7200);
    CHECK(og::parse_duration("0s", &s));
    CHECK(s == 0);
    for (const char* bad : {"", "s", "ms", "30", "-1s", "+1s", ".5s", "1.5", "1d", "10 s", "nans", "infs", "1sm",
                            "s30", "1e3s", "1E3s", "0x10s", "1..5s", "1.2.3s", "1_000s"}) {
      CAPTURE(bad);
      s = -1;
      CHECK_FALSE(og::parse_duration(bad, &s));
    }
  }
}
