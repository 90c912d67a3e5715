// --update-baselines on config texts: only the baseline value spans change
// (comments, order and formatting stay, byte for byte), a block-style probe
// without a baseline gets a correctly indented `baseline:` line, flow-style
// probes and OOM-killed runs are left alone with a message.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config/config.h"
#include "model/probe_result.h"
#include "probe/update_baselines.h"
#include "test_support.h"

using og::test::lines;

namespace {

constexpr uint64_t MiB = 1 << 20;

// A measured, finished run of probe `name`.
og::ProbeResult run(const std::string& name, uint64_t peak, std::optional<uint64_t> p95) {
  og::ProbeResult r;
  r.name = name;
  r.started = true;
  r.duration_reached = true;
  r.peak = peak;
  r.p95 = p95;
  r.oom_kills = 0;
  return r;
}

struct Updated {
  std::string text;
  std::vector<std::string> edits, errors;
};

// Parses `text` (it must be valid), updates it from `results`.
Updated update(const std::string& text, const std::vector<og::ProbeResult>& results) {
  og::Config c = og::parse_config(".oomguard.yaml", text);
  for (const auto& e : c.errors) FAIL_CHECK(e.loc.line << ":" << e.loc.col << " " << e.message);
  std::vector<og::BaselineEdit> edits;
  Updated u;
  u.text = og::update_baselines(text, c.probes, results, &edits, &u.errors);
  for (const auto& e : edits) u.edits.push_back(e.probe + ": " + e.what);
  return u;
}

// The re-parsed probe `name` of `text` (no config errors allowed).
og::ProbeSpec reparse(const std::string& text, const std::string& name) {
  og::Config c = og::parse_config(".oomguard.yaml", text);
  std::vector<std::string> errs;
  for (const auto& e : c.errors) errs.push_back(std::to_string(e.loc.line) + ":" + std::to_string(e.loc.col) + " " + e.message);
  CHECK_MESSAGE(errs.empty(), lines(errs) << "\n" << text);
  for (const auto& p : c.probes)
    if (p.name == name) return p;
  FAIL_CHECK("no probe " << name << " in\n" << text);
  return {};
}

const std::string kTwoProbes =
    "# Probes run in CI after the image is built.\n"
    "rules:\n"
    "  OG504: off   # we tighten by hand\n"
    "\n"
    "probes:\n"
    "  - name: api          # the public API\n"
    "    workload: Deployment shop/api container api\n"
    "    command: [build/workloads/alloc, -live, 32MiB]\n"
    "    baseline:\n"
    "      peak:   52MiB    # measured 2024-05-01\n"
    "      # steady state after warm-up\n"
    "      steady_p95: \"40Mi\"\n"
    "      tolerance: 10\n"
    "\n"
    "  - name: worker\n"
    "    workload: Deployment shop/worker container worker\n"
    "    command: [build/workloads/alloc]\n"
    "    baseline: {peak: 100MiB, steady_p95: 90MiB, tolerance: 5}  # keep\n";

}  // namespace

TEST_SUITE("probe-update") {
  TEST_CASE("only the value spans change: comments, quotes, spacing and order stay") {
    Updated u = update(kTwoProbes, {run("api", 54 * MiB + 1, 41 * MiB), run("worker", 96 * MiB, 80 * MiB - 5)});
    CHECK(u.text ==
          "# Probes run in CI after the image is built.\n"
          "rules:\n"
          "  OG504: off   # we tighten by hand\n"
          "\n"
          "probes:\n"
          "  - name: api          # the public API\n"
          "    workload: Deployment shop/api container api\n"
          "    command: [build/workloads/alloc, -live, 32MiB]\n"
          "    baseline:\n"
          "      peak:   55MiB    # measured 2024-05-01\n"
          "      # steady state after warm-up\n"
          "      steady_p95: \"41MiB\"\n"
          "      tolerance: 10\n"
          "\n"
          "  - name: worker\n"
          "    workload: Deployment shop/worker container worker\n"
          "    command: [build/workloads/alloc]\n"
          "    baseline: {peak: 96MiB, steady_p95: 80MiB, tolerance: 5}  # keep\n");
    CHECK(lines(u.errors) == "[]");
    CHECK(lines(u.edits) ==
          "[api: peak 52MiB -> 55MiB | api: steady_p95 40Mi -> 41MiB | worker: peak 100MiB -> 96MiB | worker: "
          "steady_p95 90MiB -> 80MiB]");
    og::ProbeSpec api = reparse(u.text, "api");
    REQUIRE(api.baseline_peak.has_value());
    CHECK(api.baseline_peak->bytes == int64_t(55 * MiB));
    REQUIRE(api.baseline_p95.has_value());
    CHECK(api.baseline_p95->bytes == int64_t(41 * MiB));
    CHECK(api.tolerance_pct == 10);
    og::ProbeSpec worker = reparse(u.text, "worker");
    CHECK(worker.baseline_peak->bytes == int64_t(96 * MiB));
    CHECK(worker.tolerance_pct == 5);
  }

  TEST_CASE("values equal to the measured ones: the text is unchanged and nothing is reported") {
    Updated u = update(kTwoProbes, {run("api", 52 * MiB, 40 * MiB), run("worker", 100 * MiB - 100, 90 * MiB)});
    // "40Mi" is the same size as 40MiB but is written differently: it is rewritten in Go syntax.
    CHECK(lines(u.edits) == "[api: steady_p95 40Mi -> 40MiB]");
    std::string same = kTwoProbes;
    same.replace(same.find("\"40Mi\""), 6, "\"40MiB\"");
    CHECK(u.text == same);
    Updated again = update(same, {run("api", 52 * MiB, 40 * MiB), run("worker", 100 * MiB, 90 * MiB)});
    CHECK(again.text == same);
    CHECK(lines(again.edits) == "[]");
    CHECK(lines(again.errors) == "[]");
  }

  TEST_CASE("probes that did not run, or never started, are left alone") {
    og::ProbeResult failed = run("api", 1, 1);
    failed.started = false;
    failed.peak.reset();
    Updated u = update(kTwoProbes, {failed});
    CHECK(u.text == kTwoProbes);
    CHECK(lines(u.edits) == "[]");
  }

  TEST_CASE("an OOM-killed probe keeps its baseline, and says so") {
    og::ProbeResult killed = run("api", 64 * MiB, 60 * MiB);
    killed.oom_kills = 1;
    og::ProbeResult docker = run("worker", 64 * MiB, 60 * MiB);
    docker.oom_kills.reset();
    docker.oom_killed_by_engine = true;
    Updated u = update(kTwoProbes, {killed, docker});
    CHECK(u.text == kTwoProbes);
    CHECK(lines(u.edits) == "[]");
    CHECK(lines(u.errors) ==
          "[probe api was OOM-killed: its baseline is left as it is | probe worker was OOM-killed: its baseline is left as "
          "it is]");
  }

  TEST_CASE("CRLF files: the spans are replaced and the line endings stay") {
    std::string crlf;
    for (char c : kTwoProbes) {
      if (c == '\n') crlf += '\r';
      crlf += c;
    }
    Updated u = update(crlf, {run("api", 55 * MiB, 41 * MiB), run("worker", 96 * MiB, 80 * MiB)});
    std::string want = crlf;
    for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"peak:   52MiB", "peak:   55MiB"}, {"\"40Mi\"", "\"41MiB\""}, {"peak: 100MiB", "peak: 96MiB"},
             {"steady_p95: 90MiB", "steady_p95: 80MiB"}})
      want.replace(want.find(from), from.size(), to);
    CHECK(u.text == want);
    CHECK(u.text.find("\r\r") == std::string::npos);
    og::ProbeSpec api = reparse(u.text, "api");
    CHECK(api.baseline_peak->bytes == int64_t(55 * MiB));
  }

  TEST_CASE("a block-style probe without a baseline gets one, indented like its keys, and it re-parses") {
    const std::string text =
        "probes:\n"
        "  - name: api\n"
        "    workload: Deployment shop/api container api\n"
        "    command: [build/workloads/alloc]\n"
        "    duration: 10s  # short\n"
        "  - name: worker\n"
        "    workload: Deployment shop/worker container worker\n"
        "    command: [build/workloads/alloc]\n";
    Updated u = update(text, {run("api", 52 * MiB + 1, 40 * MiB), run("worker", 20 * MiB, std::nullopt)});
    CHECK(lines(u.errors) == "[]");
    CHECK(lines(u.edits) == "[api: added baseline peak 53MiB, steady_p95 40MiB | worker: added baseline peak 20MiB, "
                            "steady_p95 20MiB]");
    og::ProbeSpec api = reparse(u.text, "api");
    REQUIRE(api.baseline_peak.has_value());
    CHECK(api.baseline_peak->bytes == int64_t(53 * MiB));
    REQUIRE(api.baseline_p95.has_value());
    CHECK(api.baseline_p95->bytes == int64_t(40 * MiB));
    CHECK(api.tolerance_pct == 10);
    CHECK(api.duration_s.value_or(0) == 10);
    og::ProbeSpec worker = reparse(u.text, "worker");
    REQUIRE(worker.baseline_peak.has_value());
    CHECK(worker.baseline_peak->bytes == int64_t(20 * MiB));
    CHECK(worker.baseline_p95->bytes == int64_t(20 * MiB));
    // Every original line is still there, in order; the new lines are indented like the keys.
    size_t at = 0;
    for (const char* l : {"  - name: api\n", "    duration: 10s  # short\n", "  - name: worker\n",
                          "    command: [build/workloads/alloc]\n"}) {
      size_t f = u.text.find(l, at);
      CHECK_MESSAGE(f != std::string::npos, l << " in\n" << u.text);
      if (f != std::string::npos) at = f;
    }
    CHECK(u.text.find("\n    baseline: {peak: 53MiB, steady_p95: 40MiB, tolerance: 10}\n") != std::string::npos);
    CHECK(u.text.find("\n    baseline: {peak: 20MiB, steady_p95: 20MiB, tolerance: 10}") != std::string::npos);
    // Updating again from the same run changes nothing.
    Updated again = update(u.text, {run("api", 52 * MiB + 1, 40 * MiB), run("worker", 20 * MiB, std::nullopt)});
    CHECK(again.text == u.text);
    CHECK(lines(again.edits) == "[]");
  }

  TEST_CASE("adding a baseline to a probe whose first key has a block value keeps the YAML valid") {
    const std::string text =
        "probes:\n"
        "  - command:\n"
        "      - build/workloads/alloc\n"
        "      - -live\n"
        "      - 32MiB\n"
        "    env:\n"
        "      GOGC: \"50\"\n"
        "    name: api\n"
        "    workload: Deployment shop/api container api\n"
        "\n"
        "# trailing comment\n";
    Updated u = update(text, {run("api", 30 * MiB, 25 * MiB)});
    CHECK(lines(u.errors) == "[]");
    og::ProbeSpec api = reparse(u.text, "api");
    CHECK(lines(api.command) == "[build/workloads/alloc | -live | 32MiB]");
    CHECK(api.env.count("GOGC") == 1);
    REQUIRE(api.baseline_peak.has_value());
    CHECK(api.baseline_peak->bytes == int64_t(30 * MiB));
    CHECK(u.text ==
          "probes:\n"
          "  - command:\n"
          "      - build/workloads/alloc\n"
          "      - -live\n"
          "      - 32MiB\n"
          "    env:\n"
          "      GOGC: \"50\"\n"
          "    name: api\n"
          "    workload: Deployment shop/api container api\n"
          "    baseline: {peak: 30MiB, steady_p95: 25MiB, tolerance: 10}\n"
          "\n"
          "# trailing comment\n");
  }

  TEST_CASE("a block probe whose first line holds a flow mapping is still block style") {
    const std::string text =
        "probes:\n"
        "- env: {GOMEMLIMIT: 56MiB}\n"
        "  name: api\n"
        "  workload: w\n"
        "  command: [x]";  // no newline at the end of the file
    Updated u = update(text, {run("api", 30 * MiB, 25 * MiB)});
    CHECK(lines(u.errors) == "[]");
    CHECK(u.text == text + "\n  baseline: {peak: 30MiB, steady_p95: 25MiB, tolerance: 10}");
    og::ProbeSpec api = reparse(u.text, "api");
    CHECK(api.baseline_peak.has_value());
  }

  TEST_CASE("CRLF: an added baseline line ends with CRLF too") {
    const std::string text =
        "probes:\r\n"
        "  - name: api\r\n"
        "    workload: w\r\n"
        "    command: [x]\r\n";
    Updated u = update(text, {run("api", 30 * MiB, 25 * MiB)});
    CHECK(u.text == text + "    baseline: {peak: 30MiB, steady_p95: 25MiB, tolerance: 10}\r\n");
    og::ProbeSpec api = reparse(u.text, "api");
    CHECK(api.baseline_peak.has_value());
  }

  TEST_CASE("a flow-style probe without a baseline is refused with the line to paste") {
    const std::string text =
        "probes:\n"
        "  - {name: api, workload: w, command: [x]}   # one line\n";
    Updated u = update(text, {run("api", 30 * MiB + 7, 25 * MiB)});
    CHECK(u.text == text);
    CHECK(lines(u.edits) == "[]");
    CHECK(lines(u.errors) ==
          "[probe api is written in flow style: add `baseline: {peak: 31MiB, steady_p95: 25MiB}` by hand]");
  }

  TEST_CASE("a flow-style probe WITH a baseline has its values replaced in place") {
    const std::string text = "probes: [{name: api, workload: w, command: [x], baseline: {peak: 10MiB, steady_p95: 9MiB}}]\n";
    Updated u = update(text, {run("api", 30 * MiB, 25 * MiB)});
    CHECK(u.text == "probes: [{name: api, workload: w, command: [x], baseline: {peak: 30MiB, steady_p95: 25MiB}}]\n");
  }

  TEST_CASE("a baseline with steady_p95 but no peak: p95 is updated, peak must be added by hand") {
    const std::string text =
        "probes:\n"
        "  - name: api\n"
        "    workload: w\n"
        "    command: [x]\n"
        "    baseline:\n"
        "      steady_p95: 10MiB\n";
    Updated u = update(text, {run("api", 30 * MiB, 25 * MiB)});
    CHECK(u.text ==
          "probes:\n"
          "  - name: api\n"
          "    workload: w\n"
          "    command: [x]\n"
          "    baseline:\n"
          "      steady_p95: 25MiB\n");
    CHECK(lines(u.errors) == "[probe api: add `peak:` to its baseline by hand]");
  }

  TEST_CASE("a baseline with only a tolerance is not given a second `baseline:` key") {
    const std::string text =
        "probes:\n"
        "  - name: api\n"
        "    workload: w\n"
        "    command: [x]\n"
        "    baseline: {tolerance: 5}\n";
    Updated u = update(text, {run("api", 30 * MiB, 25 * MiB)});
    CHECK(u.text == text);
    CHECK(u.errors.size() == 1);
  }
  TEST_CASE("a layout the line insertion would break is left alone, with the line to add by hand") {
    // found by fuzz/harness/update_baselines: a flow sequence closed left of the keys
    const std::string text = "probes:\n  - name: s\n    workload: r\n    command: [.\n]\n";
    Updated u = update(text, {run("s", 54 * MiB, 50 * MiB)});
    CHECK(u.text == text);
    CHECK(u.edits.empty());
    REQUIRE(u.errors.size() == 1);
    CHECK(u.errors[0] == "probe s: add `baseline: {peak: 54MiB, steady_p95: 50MiB, tolerance: 10}` by hand");
  }
}
