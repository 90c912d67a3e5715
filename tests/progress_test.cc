// The live progress line of `oomguard probe`: the formatter, when it is
// drawn, and the redraw throttle and erase with a fake clock and a string
// stream (no terminal). Then the real binary: with stderr a pipe it writes no
// escape code at all, and on a pty (util-linux `script`) it draws the line
// and erases it before the report. The binary runs need root and a writable
// memory cgroup; without them (or without `script`) they print SKIPPED.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "probe/progress.h"
#include "runtime/cgroup.h"
#include "test_support.h"
#include "util/byte_size.h"

using namespace og;
using og::test::write_file;

namespace {

constexpr uint64_t MiB = 1 << 20;
constexpr uint64_t GiB = 1ull << 30;

ProgressState state(std::string probe, double elapsed, std::optional<double> duration, std::optional<uint64_t> usage,
                    std::optional<uint64_t> peak, uint64_t limit) {
  ProgressState s;
  s.probe = std::move(probe);
  s.elapsed_s = elapsed;
  s.duration_s = duration;
  s.usage = usage;
  s.peak = peak;
  s.limit = limit;
  return s;
}

runtime::SeriesPoint point(double t, uint64_t usage) {
  runtime::SeriesPoint p;
  p.t = t;
  p.sample.usage = usage;
  return p;
}

// A clock the test moves by hand.
struct FakeClock {
  ProgressLine::Clock::time_point now{};
  void advance(int ms) { now += std::chrono::milliseconds(ms); }
  std::function<ProgressLine::Clock::time_point()> fn() {
    return [this] { return now; };
  }
};

// "\r<line>\x1b[K" as written, with the escapes spelled out for messages.
std::string visible(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '\r') out += "<CR>";
    else if (c == '\x1b') out += "<ESC>";
    else out += c;
  }
  return out;
}

// --- the real binary ---

const std::string& skip_reason() { return og::test::memory_cgroup_unavailable(); }

// A repository with a 64Mi Deployment and one probe that sleeps `seconds`.
std::string make_repo(const std::string& tag, const std::string& seconds) {
  std::string dir = og::test::temp_dir("progress-" + tag);
  write_file(dir + "/k8s/api.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.com/shop/api:1.0
          resources:
            limits:
              memory: 64Mi
)");
  write_file(dir + "/.oomguard.yaml", "probes:\n"
                                      "  - name: nap\n"
                                      "    workload: Deployment shop/api container api\n"
                                      "    command: [/bin/sleep, \"" + seconds + "\"]\n");
  return dir;
}

// Runs `command` through a shell; its stdout, and the exit status in *status.
std::string shell_output(const std::string& command, int* status) {
  std::string out;
  FILE* f = ::popen(command.c_str(), "r");
  if (!f) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  int st = ::pclose(f);
  *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return out;
}

}  // namespace

TEST_SUITE("probe-progress") {
  TEST_CASE("format: elapsed of the duration, usage, peak and the peak's share of the limit") {
    CHECK(format_progress(state("worker-compose", 12.34, 30, 512 * MiB, 640 * MiB, GiB)) ==
          "probe worker-compose  12.3s / 30s  usage 512.0MiB  peak 640.0MiB  limit 1.0GiB (62%)");
    CHECK(format_progress(state("api", 0.26, 1.5, 900, 1536, 64 * MiB)) ==
          "probe api  0.3s / 1.5s  usage 900B  peak 1.5KiB  limit 64.0MiB (0%)");
    CHECK(format_progress(state("api", 3, 0.25, MiB, MiB, 64 * MiB)) ==
          "probe api  3.0s / 0.25s  usage 1.0MiB  peak 1.0MiB  limit 64.0MiB (1%)");
  }

  TEST_CASE("format: a probe that runs to exit has no duration") {
    CHECK(format_progress(state("batch", 75.06, std::nullopt, 10 * MiB, 20 * MiB, 64 * MiB)) ==
          "probe batch  75.1s  usage 10.0MiB  peak 20.0MiB  limit 64.0MiB (31%)");
  }

  TEST_CASE("format: before the first sample, and without a limit") {
    CHECK(format_progress(state("api", 0, 20, std::nullopt, std::nullopt, 64 * MiB)) ==
          "probe api  0.0s / 20s  usage -  peak -  limit 64.0MiB");
    CHECK(format_progress(state("api", 1, std::nullopt, 5 * MiB, 6 * MiB, 0)) ==
          "probe api  1.0s  usage 5.0MiB  peak 6.0MiB  no limit");
  }

  TEST_CASE("format: large numbers; 100% only once the limit is reached") {
    CHECK(format_progress(state("big", 7199.96, 7200, 3 * 1024 * GiB, 5ull * 1024 * 1024 * GiB, 8ull * 1024 * 1024 * GiB)) ==
          "probe big  7200.0s / 7200s  usage 3.0TiB  peak 5120.0TiB  limit 8192.0TiB (62%)");
    CHECK(format_progress(state("edge", 1, 2, GiB - 1, GiB - 1, GiB)) ==
          "probe edge  1.0s / 2s  usage 1024.0MiB  peak 1024.0MiB  limit 1.0GiB (99%)");
    CHECK(format_progress(state("edge", 1, 2, GiB, GiB, GiB)).find("(100%)") != std::string::npos);
    CHECK(format_progress(state("max", 1, std::nullopt, UINT64_MAX, UINT64_MAX, UINT64_MAX)) ==
          "probe max  1.0s  usage 16777216.0TiB  peak 16777216.0TiB  limit 16777216.0TiB (100%)");
  }

  TEST_CASE("format: control characters in the name cannot reach the terminal") {
    CHECK(format_progress(state("a\x1b[2Jb\n", 0, std::nullopt, std::nullopt, std::nullopt, 0)) ==
          "probe a?[2Jb?  0.0s  usage -  peak -  no limit");
  }

  TEST_CASE("bytes: binary units, one decimal from KiB up, TiB at most") {
    CHECK(binary_bytes(0) == "0B");
    CHECK(binary_bytes(1023) == "1023B");
    CHECK(binary_bytes(1024) == "1.0KiB");
    CHECK(binary_bytes(1536) == "1.5KiB");
    CHECK(binary_bytes(52 * MiB + 300 * 1024) == "52.3MiB");
    CHECK(binary_bytes(GiB - 1) == "1024.0MiB");
    CHECK(binary_bytes(GiB) == "1.0GiB");
    CHECK(binary_bytes(5ull * 1024 * 1024 * GiB) == "5120.0TiB");
  }

  TEST_CASE("drawn only on a terminal that can erase a line, outside CI, unless --no-progress") {
    CHECK(progress_wanted(false, true, "xterm-256color", nullptr));
    CHECK(progress_wanted(false, true, "screen", ""));
    CHECK(progress_wanted(false, true, "xterm", "false"));
    CHECK(progress_wanted(false, true, "xterm", "0"));
    CHECK_FALSE(progress_wanted(true, true, "xterm", nullptr));   // --no-progress
    CHECK_FALSE(progress_wanted(false, false, "xterm", nullptr));  // stderr a pipe or a file
    CHECK_FALSE(progress_wanted(false, true, "dumb", nullptr));
    CHECK_FALSE(progress_wanted(false, true, nullptr, nullptr));
    CHECK_FALSE(progress_wanted(false, true, "", nullptr));
    CHECK_FALSE(progress_wanted(false, true, "xterm", "true"));
    CHECK_FALSE(progress_wanted(false, true, "xterm", "1"));
  }

  TEST_CASE("line: the first sample is drawn at once, then at most one redraw per gap, the peak kept") {
    std::ostringstream out;
    FakeClock clock;
    {
      ProgressLine line(state("api", 0, 2, std::nullopt, std::nullopt, 64 * MiB), out, {}, clock.fn(),
                        std::chrono::milliseconds(200));
      line.update(point(0.0, 8 * MiB));
      CHECK(visible(out.str()) == "<CR>probe api  0.0s / 2s  usage 8.0MiB  peak 8.0MiB  limit 64.0MiB (12%)<ESC>[K");
      out.str("");
      clock.advance(100);
      line.update(point(0.1, 32 * MiB));  // too soon: taken, not drawn
      clock.advance(99);
      line.update(point(0.2, 16 * MiB));
      CHECK(out.str().empty());
      clock.advance(1);
      line.update(point(0.3, 12 * MiB));  // 200 ms after the last redraw; the peak of the skipped ones stays
      CHECK(visible(out.str()) == "<CR>probe api  0.3s / 2s  usage 12.0MiB  peak 32.0MiB  limit 64.0MiB (50%)<ESC>[K");
      out.str("");
      line.clear();
      CHECK(visible(out.str()) == "<CR><ESC>[K");
      out.str("");
      line.clear();  // nothing shown: nothing to erase
      CHECK(out.str().empty());
      clock.advance(500);
      line.update(point(0.8, 12 * MiB));
      CHECK(visible(out.str()).rfind("<CR>probe api  0.8s / 2s", 0) == 0);
      out.str("");
    }
    CHECK(visible(out.str()) == "<CR><ESC>[K");  // erased when it goes away
  }

  TEST_CASE("line: nothing is written when no sample came") {
    std::ostringstream out;
    { ProgressLine line(state("api", 0, 2, std::nullopt, std::nullopt, 64 * MiB), out); }
    CHECK(out.str().empty());
  }

  TEST_CASE("line: cut to the terminal's width, never inside a UTF-8 character") {
    std::ostringstream out;
    FakeClock clock;
    size_t columns = 20;
    ProgressLine line(state("api", 0, std::nullopt, std::nullopt, std::nullopt, 0), out, [&] { return columns; },
                      clock.fn());
    line.update(point(1, MiB));
    CHECK(visible(out.str()) == "<CR>probe api  1.0s  us<ESC>[K");  // 19 columns: the last one stays free
    out.str("");
    columns = 0;  // unknown: not cut
    clock.advance(1000);
    line.update(point(2, MiB));
    CHECK(visible(out.str()) == "<CR>probe api  2.0s  usage 1.0MiB  peak 1.0MiB  no limit<ESC>[K");
    out.str("");

    // "é" is two bytes; a cut after 9 bytes would split it.
    ProgressLine utf8(state("ééé", 0, std::nullopt, std::nullopt, std::nullopt, 0), out, [] { return size_t(10); },
                      clock.fn());
    utf8.update(point(1, MiB));
    CHECK(out.str() == "\rprobe \xc3\xa9\x1b[K");
  }

  TEST_CASE("start_progress: off leaves the sampler alone; on feeds a line on stderr") {
    ProbeSpec spec;
    spec.name = "api";
    spec.duration_s = 5;
    ProbePlan plan;
    plan.spec = &spec;
    plan.limit = 64 * MiB;
    EngineOptions opt;
    runtime::SamplerOptions so;
    CHECK(start_progress(plan, opt, &so) == nullptr);
    CHECK_FALSE(so.on_sample);

    std::ostringstream err;
    auto* old = std::cerr.rdbuf(err.rdbuf());
    {
      opt.progress = true;
      auto line = start_progress(plan, opt, &so);
      REQUIRE(line != nullptr);
      REQUIRE(so.on_sample);
      so.on_sample(point(1.5, 4 * MiB));
    }
    std::cerr.rdbuf(old);
    // Cut to fit when the test's own stderr is a narrow terminal.
    std::string written = visible(err.str());
    CHECK(written.rfind("<CR>probe api  1.5s / 5s", 0) == 0);
    const std::string end = "<ESC>[K<CR><ESC>[K";  // the line's end, then its erasure
    CHECK(written.size() > end.size());
    CHECK(written.substr(written.size() - end.size()) == end);
  }
}

TEST_SUITE("e2e-probe-progress") {
  TEST_CASE("probe: stderr not a terminal: no progress line and no escape code") {
    if (!skip_reason().empty()) {
      MESSAGE("SKIPPED: " << skip_reason());
      return;
    }
    std::string dir = make_repo("pipe", "0.6");
    // Only the terminal check may keep it off here.
    std::optional<std::string> term, ci;
    if (const char* v = std::getenv("TERM")) term = v;
    if (const char* v = std::getenv("CI")) ci = v;
    setenv("TERM", "xterm", 1);
    unsetenv("CI");
    auto r = og::test::run_oomguard({"probe", ".", "--format", "text"}, dir, "", 60);
    if (term) setenv("TERM", term->c_str(), 1);
    else unsetenv("TERM");
    if (ci) setenv("CI", ci->c_str(), 1);
    INFO("stderr: " << visible(r.err));
    CHECK(r.status == 0);
    CHECK(r.out.find("probe nap (cgroup") != std::string::npos);
    CHECK(r.err.find('\r') == std::string::npos);
    CHECK(r.err.find('\x1b') == std::string::npos);
    CHECK(r.err.find("probe nap  ") == std::string::npos);
  }

  TEST_CASE("probe: on a terminal the line is drawn, then erased before the report; --no-progress draws none") {
    if (!skip_reason().empty()) {
      MESSAGE("SKIPPED: " << skip_reason());
      return;
    }
    if (std::system("command -v script >/dev/null 2>&1") != 0) {
      MESSAGE("SKIPPED: `script` (util-linux) is not installed: no pty to run oomguard on");
      return;
    }
    std::string dir = make_repo("tty", "1.2");
    // `script` gives the command a pty as stdin, stdout and stderr, and copies
    // what it writes (with "\n" turned into "\r\n") to its own stdout.
    auto on_pty = [&](const std::string& extra, int* status) {
      return shell_output("cd '" + dir + "' && env -u CI TERM=xterm script -qec '" + og::test::binary() +
                              " probe . --format text --no-color" + extra + "' /dev/null </dev/null",
                          status);
    };
    int status = -1;
    std::string out = on_pty("", &status);
    INFO("pty: " << visible(out));
    CHECK(status == 0);
    size_t first = out.find("\rprobe nap  ");
    size_t report = out.find("probe nap (cgroup");
    REQUIRE(first != std::string::npos);
    REQUIRE(report != std::string::npos);
    REQUIRE(first < report);
    std::string lines = out.substr(first, report - first);
    CHECK(lines.find(" / ") == std::string::npos);  // runs to exit: no duration
    CHECK(lines.find("limit 64.0MiB (") != std::string::npos);
    CHECK(lines.find("\x1b[K") != std::string::npos);
    size_t draws = 0;
    for (size_t at = 0; (at = lines.find("\rprobe nap  ", at)) != std::string::npos; ++at) ++draws;
    MESSAGE(draws << " redraws in a 1.2 s probe");
    CHECK(draws >= 2);
    CHECK(draws <= 8);  // 1.2 s at most 5 a second (+1: the first sample is drawn at once)
    // Erased before the report, which starts at the beginning of a clean line.
    CHECK(out.rfind("\r\x1b[K", report) != std::string::npos);
    CHECK(out.rfind("\rprobe nap  ", report) < out.rfind("\r\x1b[K", report));
    CHECK(out.find("\rprobe nap  ", report) == std::string::npos);

    std::string quiet = on_pty(" --no-progress", &status);
    INFO("pty with --no-progress: " << visible(quiet));
    CHECK(status == 0);
    CHECK(quiet.find("probe nap (cgroup") != std::string::npos);
    CHECK(quiet.find('\x1b') == std::string::npos);
    CHECK(quiet.find("probe nap  ") == std::string::npos);
  }
}
