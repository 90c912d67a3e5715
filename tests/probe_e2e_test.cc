// `oomguard probe` end to end: the real binary, a temporary repository with a
// Kubernetes manifest (64Mi limit; one container without GOMEMLIMIT, one with
// GOMEMLIMIT=56MiB) and probes that run the Go workload build/workloads/alloc
// under this machine's memory cgroups. Needs root and a writable memory
// cgroup; otherwise the cgroup scenarios print SKIPPED and assert nothing.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include "runtime/cgroup.h"
#include "runtime/hierarchy.h"
#include "test_support.h"

using nlohmann::json;
using og::test::lines;
using og::test::read_file;
using og::test::run_oomguard;
using og::test::write_file;
namespace fs = std::filesystem;

namespace {

constexpr uint64_t MiB = 1 << 20;
constexpr uint64_t kLimit = 64 * MiB;

std::string alloc_binary() { return og::test::source_dir() + "/build/workloads/alloc"; }

const char* kManifest = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: nolimit
          image: registry.example.com/shop/api:1.0
          resources:
            limits:
              memory: 64Mi
        - name: capped
          image: registry.example.com/shop/api:1.0
          env:
            - name: GOMEMLIMIT
              value: 56MiB
          resources:
            limits:
              memory: 64Mi
)";

// The config's head: the images are Go (so `scan` judges them as Go services).
const char* kGoImages = "go_images: [\"registry\\\\.example\\\\.com/shop/.*\"]\n";

// "[ALLOC, -live, 32MiB, -churn, 1GiB, -rate, 256MiB]"
std::string alloc_command(const std::string& bin, const std::string& flags) {
  return "[" + bin + ", " + flags + "]";
}
const char* kChurn = "-live, 32MiB, -churn, 1GiB, -rate, 256MiB";

// Why the cgroup probes cannot run here ("" when they can).
std::string cannot_probe() {
  if (!fs::exists(alloc_binary())) return alloc_binary() + " is missing (ci/build-workload builds it)";
  return og::test::memory_cgroup_unavailable();
}
const std::string& skip_reason() {
  static const std::string why = cannot_probe();
  return why;
}

// The memory controller's mount point ("" when there is none).
std::string memory_mount() {
  og::runtime::DiskCgroupFs disk;
  auto where = og::runtime::current_memory_cgroup(disk);
  return where.ok() ? where.value().mount_point : "";
}

// A fresh repository with the manifest and `config` as .oomguard.yaml.
std::string make_repo(const std::string& tag, const std::string& config) {
  std::string dir = og::test::temp_dir("probe-" + tag);
  write_file(dir + "/k8s/api.yaml", kManifest);
  write_file(dir + "/.oomguard.yaml", config);
  return dir;
}

// 1-based line of the first line of `text` containing `needle` (0: none).
int line_of(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  if (at == std::string::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

std::optional<json> parse_json(const std::string& s) {
  try {
    return json::parse(s);
  } catch (const std::exception& e) {
    MESSAGE("not JSON: " << e.what() << "\n" << s.substr(0, 2000));
    return std::nullopt;
  }
}

const json* probe_named(const json& doc, const std::string& name) {
  if (!doc.contains("probes")) return nullptr;
  for (const auto& p : doc["probes"])
    if (p.value("name", "") == name) return &p;
  return nullptr;
}

// "OG501@6" of the findings about probe `name` (by their setting "probe:NAME:...").
std::vector<std::string> verdicts_of(const json& doc, const std::string& name) {
  std::vector<std::string> out;
  std::string prefix = "probe:" + name + ":";
  for (const auto& f : doc["findings"])
    if (f.value("setting", "").rfind(prefix, 0) == 0)
      out.push_back(f.value("rule_id", "") + "@" + std::to_string(f["location"].value("line", 0)));
  return out;
}
bool has_rule(const std::vector<std::string>& v, const std::string& rule) {
  return std::any_of(v.begin(), v.end(), [&](const std::string& s) { return s.rfind(rule + "@", 0) == 0; });
}

uint64_t max_usage(const json& probe) {
  uint64_t m = 0;
  for (const auto& row : probe["series"]) m = std::max(m, row[1].get<uint64_t>());
  return m;
}

std::string describe(const og::test::RunResult& r) {
  return "exit " + std::to_string(r.status) + "\nstderr:\n" + r.err + "\nstdout (start):\n" + r.out.substr(0, 3000);
}

// The main repository: three probes run in one `oomguard probe` (with a chart dir).
struct MainRun {
  std::string dir, config;
  og::test::RunResult run;
  json doc;
  bool ok = false;
};
const MainRun& main_run() {
  static MainRun m = [] {
    MainRun r;
    std::string bin = alloc_binary();
    r.config = std::string(kGoImages) +
               "probes:\n"
               "  - name: nolimit   # the container without GOMEMLIMIT\n"
               "    workload: Deployment shop/api container nolimit\n"
               "    command: " + alloc_command(bin, kChurn) + "\n"
               "  - name: capped\n"
               "    workload: Deployment shop/api container capped\n"
               "    command: " + alloc_command(bin, kChurn) + "\n"
               "  - name: capped-low\n"
               "    workload: Deployment shop/api container capped\n"
               "    command: " + alloc_command(bin, kChurn) + "\n"
               "    baseline:\n"
               "      peak: 8MiB   # far below what it needs\n"
               "      steady_p95: 8MiB\n";
    r.dir = make_repo("main", r.config);
    // A GOMEMLIMIT in oomguard's own environment must not reach the workload:
    // the probe runs it exactly as declared.
    setenv("GOMEMLIMIT", "56MiB", 1);
    auto start = std::chrono::steady_clock::now();
    r.run = run_oomguard({"probe", ".", "--format", "json", "--chart", "charts"}, r.dir, "", 120);
    unsetenv("GOMEMLIMIT");
    MESSAGE("oomguard probe (3 probes) took "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() << " s");
    auto doc = parse_json(r.run.out);
    if (doc) {
      r.doc = *doc;
      r.ok = true;
    }
    return r;
  }();
  return m;
}

// The pids of processes whose executable is `exe`.
std::vector<pid_t> processes_running(const std::string& exe) {
  std::vector<pid_t> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    std::string name = e.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    std::error_code lec;
    fs::path target = fs::read_symlink(e.path() / "exe", lec);
    if (!lec && target.string() == exe) out.push_back(std::stoi(name));
  }
  return out;
}

// Directories named <prefix>* anywhere under `root` (a cgroup mount).
std::vector<std::string> cgroup_dirs(const std::string& root, const std::string& prefix) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (it.depth() > 8) {
      it.disable_recursion_pending();
      continue;
    }
    std::error_code dec;
    if (it->is_directory(dec) && it->path().filename().string().rfind(prefix, 0) == 0) out.push_back(it->path().string());
  }
  return out;
}

}  // namespace

TEST_SUITE("e2e-probe") {
  TEST_CASE("probe: no GOMEMLIMIT at a 64Mi limit is OOM-killed (OG501), and scan reports OG106 for it") {
    if (!skip_reason().empty()) {
      MESSAGE("SKIPPED: " << skip_reason());
      return;
    }
    const MainRun& m = main_run();
    REQUIRE_MESSAGE(m.ok, describe(m.run));
    CHECK_MESSAGE(m.run.status == 1, describe(m.run));
    const json* p = probe_named(m.doc, "nolimit");
    REQUIRE(p);
    MESSAGE("nolimit: " << (*p)["exit"] << ", peak " << (*p)["peak"] << ", oom_kills " << (*p)["oom_kills"]
                        << ", stderr " << (*p)["stderr_tail"].dump());
    CHECK((*p)["started"] == true);
    CHECK((*p)["limit"] == kLimit);
    CHECK((*p)["gomemlimit"].is_null());  // not from oomguard's environment either
    REQUIRE((*p)["oom_kills"].is_number());
    CHECK((*p)["oom_kills"].get<uint64_t>() >= 1);
    CHECK((*p)["exit_status"] == 137);
    std::vector<std::string> v = verdicts_of(m.doc, "nolimit");
    int name_line = line_of(m.config, "name: nolimit");
    CHECK(lines(v).find("OG501@" + std::to_string(name_line)) != std::string::npos);
    CHECK_FALSE(has_rule(v, "OG506"));  // an OOM kill is not reported as a failure
    CHECK_FALSE(has_rule(v, "OG507"));  // nor as a baseline to paste
    for (const auto& f : m.doc["findings"])
      if (f["rule_id"] == "OG501" && f["setting"] == "probe:nolimit:oom") {
        std::string msg = f["message"];
        CHECK(msg.rfind("probe nolimit: the kernel OOM-killed Deployment shop/api container nolimit after ", 0) == 0);
        CHECK(msg.find("of the 64.0MiB limit; GOMEMLIMIT unset, GOGC unset)") != std::string::npos);
        CHECK(f["location"]["file"] == ".oomguard.yaml");
        CHECK(f["level"] == "error");
        bool limit_related = false;
        for (const auto& rel : f["related"])
          if (rel["location"]["file"] == "k8s/api.yaml" && rel["message"] == "memory limit 64Mi") limit_related = true;
        CHECK(limit_related);
      }

    // The static check of the same declared workload.
    auto scan = run_oomguard({"scan", ".", "--format", "json"}, m.dir);
    auto sdoc = parse_json(scan.out);
    REQUIRE_MESSAGE(sdoc, describe(scan));
    std::vector<std::string> og106;
    for (const auto& f : (*sdoc)["findings"])
      if (f["rule_id"] == "OG106") og106.push_back(f.value("workload_label", ""));
    CHECK(lines(og106) == "[Deployment shop/api container nolimit]");
  }

  TEST_CASE("probe: GOMEMLIMIT=56MiB fits: no OG501, the peak is the kernel's and below the limit") {
    if (!skip_reason().empty()) {
      MESSAGE("SKIPPED: " << skip_reason());
      return;
    }
    const MainRun& m = main_run();
    REQUIRE_MESSAGE(m.ok, describe(m.run));
    const json* p = probe_named(m.doc, "capped");
    REQUIRE(p);
    MESSAGE("capped: " << (*p)["exit"] << ", peak " << (*p)["peak"] << ", p95 " << (*p)["steady_p95"] << ", failcnt "
                       << (*p)["failcnt"] << ", " << (*p)["series"].size() << " samples, sampler "
                       << (*p)["sampler_cpu_percent_of_a_core"] << "% of a core");
    CHECK((*p)["engine"] == "cgroup");
    CHECK((*p)["exit"] == "exited 0");
    CHECK((*p)["oom_kills"] == 0);
    CHECK((*p)["gomemlimit"] == 56 * MiB);
    REQUIRE((*p)["peak"].is_number());
    uint64_t peak = (*p)["peak"].get<uint64_t>();
    CHECK(peak <= kLimit);
    CHECK(peak >= 32 * MiB);  // the live set was resident
    REQUIRE((*p)["series"].size() >= 2);
    // The peak is the kernel's high-water mark: no sample can exceed it.
    CHECK(max_usage(*p) <= peak);
    CHECK(max_usage(*p) >= 32 * MiB);
    std::vector<std::string> v = verdicts_of(m.doc, "capped");
    CHECK_FALSE(has_rule(v, "OG501"));
    CHECK_FALSE(has_rule(v, "OG506"));
    // No baseline yet: OG507 at the probe's name, with the values to paste.
    CHECK(lines(v).find("OG507@" + std::to_string(line_of(m.config, "name: capped\n"))) != std::string::npos);
    // The applied values cite the manifest.
    bool gml_from_manifest = false;
    for (const auto& a : (*p)["applied"])
      if (a["name"] == "GOMEMLIMIT" && a["value"] == "56MiB" && a["location"]["file"] == "k8s/api.yaml")
        gml_from_manifest = true;
    CHECK(gml_from_manifest);
  }

  TEST_CASE("probe: a baseline far below the measured peak is OG502 at the baseline value, exit 1") {
    if (!skip_reason().empty()) {
      MESSAGE("SKIPPED: " << skip_reason());
      return;
    }
    const MainRun& m = main_run();
    REQUIRE_MESSAGE(m.ok, describe(m.run));
    CHECK(m.run.status == 1);
    std::vector<std::string> v = verdicts_of(m.doc, "capped-low");
    int peak_line = line_of(m.config, "peak: 8MiB");
    CHECK_MESSAGE(lines(v).find("OG502@" + std::to_string(peak_line)) != std::string::npos, lines(v));
    CHECK_FALSE(has_rule(v, "OG501"));
    for (const auto& f : m.doc["findings"])
      if (f["rule_id"] == "OG502" && f["location"]["line"] == peak_line) {
        CHECK(f["location"]["column"] == 13);
        CHECK(f["location"]["end_column"] == 17);
        CHECK(std::string(f["message"]).find("is above the baseline 8.0MiB + 10% (8.8MiB)") != std::string::npos);
      }
  }

  TEST_CASE("probe: verdicts are suppressed by a comment in the config, and counted") {
    if (!skip_reason().empty()) {
      MESSAGE("SKIPPED: " << skip_reason());
      return;
    }
    std::string dir = make_repo("suppressed", std::string(kGoImages) +
                                                  "probes:\n"
                                                  "  - name: quick   # oomguard: ignore[OG507] baselines come from the nightly run\n"
                                                  "    workload: Deployment shop/api container capped\n"
                                                  "    command: [/bin/true]\n");
    auto r = run_oomguard({"probe", ".", "--format", "json", "--fail-on", "note"}, dir);
    CHECK_MESSAGE(r.status == 0, describe(r));
    auto doc = parse_json(r.out);
    REQUIRE(doc);
    CHECK((*doc)["summary"]["suppressed"] == 1);
    bool seen = false;
    for (const auto& f : (*doc)["findings"])
      if (f["rule_id"] == "OG507") {
        seen = true;
        CHECK(f["suppression"]["justification"] == "baselines come from the nightly run");
      }
    CHECK(seen);
  }

  TEST_CASE("probe --chart DIR writes one SVG per probe") {
    if (!skip_reason().empty()) {
      MESSAGE("SKIPPED: " << skip_reason());
      return;
    }
    const MainRun& m = main_run();
    REQUIRE_MESSAGE(m.ok, describe(m.run));
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(m.dir + "/charts", ec)) files.push_back(e.path().filename().string());
    std::sort(files.begin(), files.end());
    CHECK(lines(files) == "[capped-low.svg | capped.svg | nolimit.svg]");
    for (const auto& f : files) {
      std::string svg = read_file(m.dir + "/charts/" + f);
      CAPTURE(f);
      CHECK(svg.find("<svg") != std::string::npos);
      CHECK(svg.find("</svg>") != std::string::npos);
    }
  }

  TEST_CASE("probe --update-baselines: the measured values land in the config, and the next run passes them") {
    if (!skip_reason().empty()) {
      MESSAGE("SKIPPED: " << skip_reason());
      return;
    }
    std::string bin = alloc_binary();
    const std::string config = std::string(kGoImages) +
                               "probes:\n"
                               "  # measured in CI\n"
                               "  - name: capped\n"
                               "    workload: Deployment shop/api container capped\n"
                               "    command: " + alloc_command(bin, kChurn) + "\n"
                               "  - name: capped-low\n"
                               "    workload: Deployment shop/api container capped\n"
                               "    command: " + alloc_command(bin, kChurn) + "\n"
                               "    baseline:\n"
                               "      peak: 8MiB        # stale\n"
                               "      steady_p95: 8MiB  # stale\n"
                               "      tolerance: 10\n";
    std::string dir = make_repo("update", config);
    auto first = run_oomguard({"probe", ".", "--update-baselines", "--format", "json"}, dir, "", 120);
    auto doc = parse_json(first.out);
    REQUIRE_MESSAGE(doc, describe(first));
    CHECK_MESSAGE(first.status == 1, describe(first));  // this run's verdicts: capped-low was above its baseline
    CHECK(first.err.find("baseline of capped: added baseline peak ") != std::string::npos);
    CHECK(first.err.find("baseline of capped-low: peak 8MiB -> ") != std::string::npos);
    const json* capped = probe_named(*doc, "capped");
    const json* low = probe_named(*doc, "capped-low");
    REQUIRE(capped);
    REQUIRE(low);
    auto go_mib = [](const json& v) { return std::to_string((v.get<uint64_t>() + MiB - 1) / MiB) + "MiB"; };
    std::string updated = read_file(dir + "/.oomguard.yaml");
    MESSAGE("updated config:\n" << updated);
    std::string want = config;
    std::string low_peak = go_mib((*low)["peak"]), low_p95 = go_mib((*low)["steady_p95"]);
    want.replace(want.find("peak: 8MiB"), 10, "peak: " + low_peak);
    want.replace(want.find("steady_p95: 8MiB"), 16, "steady_p95: " + low_p95);
    std::string added = "    baseline: {peak: " + go_mib((*capped)["peak"]) + ", steady_p95: " +
                        go_mib((*capped)["steady_p95"]) + ", tolerance: 10}\n";
    size_t after_capped = want.find("  - name: capped-low");
    want.insert(after_capped, added);
    CHECK(updated == want);

    auto second = run_oomguard({"probe", ".", "--format", "json"}, dir, "", 120);
    auto doc2 = parse_json(second.out);
    REQUIRE_MESSAGE(doc2, describe(second));
    std::vector<std::string> all;
    for (const auto& f : (*doc2)["findings"]) all.push_back(f.value("rule_id", "") + " " + f.value("message", ""));
    CHECK_MESSAGE(second.status == 0, lines(all));
    for (const auto& s : all) {
      CHECK_MESSAGE(s.rfind("OG502", 0) != 0, s);
      CHECK_MESSAGE(s.rfind("OG507", 0) != 0, s);
    }
  }

  TEST_CASE("probe: SIGTERM to oomguard mid-run leaves no cgroup and no workload process behind") {
    if (!skip_reason().empty()) {
      MESSAGE("SKIPPED: " << skip_reason());
      return;
    }
    std::string dir = make_repo("sigterm", "");
    // A private copy of the workload, so its processes are told apart from
    // those of other tests on this machine by their executable.
    std::string bin = dir + "/alloc-held";
    fs::copy_file(alloc_binary(), bin, fs::copy_options::overwrite_existing);
    fs::permissions(bin, fs::perms::owner_all);
    write_file(dir + "/.oomguard.yaml", std::string(kGoImages) +
                                            "probes:\n"
                                            "  - name: hold\n"
                                            "    workload: Deployment shop/api container capped\n"
                                            "    command: " + alloc_command(bin, "-live, 16MiB, -churn, 0, -hold, 60s") + "\n"
                                            "    duration: 30s\n");
    std::string mount = memory_mount();
    REQUIRE_FALSE(mount.empty());

    int out = ::open((dir + "/stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open((dir + "/stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    REQUIRE(out >= 0);
    REQUIRE(err >= 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      dup2(out, 1);
      dup2(err, 2);
      if (chdir(dir.c_str()) != 0) _exit(126);
      std::string exe = og::test::binary();
      std::vector<std::string> args = {exe, "probe", ".", "--format", "json"};
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(exe.c_str(), argv.data());
      _exit(127);
    }
    ::close(out);
    ::close(err);
    const std::string prefix = "oomguard-probe-" + std::to_string(pid) + "-";

    // Wait until the workload runs in its cgroup (so the checks below can see a leak).
    using clock = std::chrono::steady_clock;
    auto t0 = clock::now();
    bool running = false;
    while (clock::now() - t0 < std::chrono::seconds(10)) {
      if (!processes_running(bin).empty() && !cgroup_dirs(mount, prefix).empty()) {
        running = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK_MESSAGE(running, "the workload did not start; stderr: " << read_file(dir + "/stderr"));
    std::this_thread::sleep_for(std::chrono::seconds(1));
    REQUIRE(::kill(pid, SIGTERM) == 0);
    auto sent = clock::now();
    int status = 0;
    pid_t done = 0;
    while ((done = waitpid(pid, &status, WNOHANG)) == 0 && clock::now() - sent < std::chrono::seconds(10))
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    double took = std::chrono::duration<double>(clock::now() - sent).count();
    if (done == 0) {
      ::kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
    MESSAGE("oomguard exited " << took << " s after SIGTERM; stderr: " << read_file(dir + "/stderr"));
    CHECK(done == pid);
    CHECK(took < 10);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 128 + SIGTERM);
    CHECK(lines(cgroup_dirs(mount, prefix)) == "[]");
    std::vector<std::string> left;
    for (pid_t p : processes_running(bin)) left.push_back(std::to_string(p));
    CHECK(lines(left) == "[]");
    // What ran is still reported, and an interrupted run is no failure.
    auto doc = parse_json(read_file(dir + "/stdout"));
    REQUIRE(doc);
    const json* p = probe_named(*doc, "hold");
    REQUIRE(p);
    CHECK((*p)["duration_reached"] == false);
    CHECK_FALSE(has_rule(verdicts_of(*doc, "hold"), "OG506"));
  }

  TEST_CASE("probe: a probe naming an unknown workload is exit 2 with file:line") {
    std::string dir = make_repo("unknown", std::string(kGoImages) +
                                               "probes:\n"
                                               "  - name: typo\n"
                                               "    workload: Deployment shop/api container nope\n"
                                               "    command: [/bin/true]\n");
    auto r = run_oomguard({"probe", "."}, dir);
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err == dir + "/.oomguard.yaml:4:15: probe typo: no workload 'Deployment shop/api container nope' in "
                                 "the repository (use an id from `oomguard scan --format json` or a label from its text "
                                 "output)\n",
                  r.err);
    CHECK(r.out.empty());
  }

  TEST_CASE("probe: an --engine that cannot run a probe is exit 2 before any probe runs") {
    std::string dir = make_repo("engine-mismatch", std::string(kGoImages) +
                                                       "probes:\n"
                                                       "  - name: first\n"
                                                       "    workload: Deployment shop/api container capped\n"
                                                       "    command: [/bin/true]\n"
                                                       "  - name: second\n"
                                                       "    workload: Deployment shop/api container capped\n"
                                                       "    image: example/app:1\n");
    auto r = run_oomguard({"probe", ".", "--engine", "cgroup"}, dir);
    CHECK(r.status == 2);
    CHECK(r.err == "oomguard probe: probe second runs an image (image: example/app:1): --engine cgroup runs only "
                   "command: probes (use --engine auto, docker or podman)\n");
    CHECK(r.out.empty());  // `first` did not run either
    r = run_oomguard({"probe", ".", "--engine", "docker", "--only", "first"}, dir);
    CHECK(r.status == 2);
    CHECK(r.err == "oomguard probe: probe first runs a command, not an image: --engine docker runs only image: probes "
                   "(use --engine auto or cgroup)\n");
  }

  TEST_CASE("probe: a config error in probes: is exit 2 with file:line") {
    std::string dir = make_repo("badcfg", "probes:\n  - name: api\n    workload: w\n    command: [/bin/true]\n    duration: 5\n");
    auto r = run_oomguard({"probe", "."}, dir);
    CHECK(r.status == 2);
    CHECK(r.err == dir + "/.oomguard.yaml:5:15: config error: probe duration must be a duration such as 30s, 500ms or 2m\n");
  }

  TEST_CASE("probe: no usable memory cgroup is exit 3 with a one-line message") {
    std::string dir = make_repo("nocgroup", std::string(kGoImages) +
                                                "probes:\n"
                                                "  - name: capped\n"
                                                "    workload: Deployment shop/api container capped\n"
                                                "    command: [/bin/true]\n");
    for (const std::string& parent : {std::string("/nonexistent/oomguard-test"), dir + "/not-a-cgroup"}) {
      CAPTURE(parent);
      fs::create_directories(dir + "/not-a-cgroup");
      auto r = run_oomguard({"probe", ".", "--cgroup-parent", parent}, dir);
      CHECK(r.status == 3);
      CHECK(r.err.rfind("oomguard probe: capped: ", 0) == 0);
      CHECK_MESSAGE(std::count(r.err.begin(), r.err.end(), '\n') == 1, r.err);
      CHECK(r.out.empty());  // never a half-run probe reported as a measurement
      // Nothing was left in the directory that is not a cgroup.
      std::vector<std::string> left;
      for (const auto& e : fs::directory_iterator(dir + "/not-a-cgroup")) left.push_back(e.path().string());
      CHECK(lines(left) == "[]");
    }
  }
}
