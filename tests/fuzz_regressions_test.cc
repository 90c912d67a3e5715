// The fuzz harnesses, run by the normal build: every committed regression input
// under fuzz/regressions/<harness>/ and every fixture seed goes through the same
// harness body that libFuzzer drives, with invariant failures recorded instead
// of aborting. A crash here is a crash the fuzzer found once and must not come back.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "seeds.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string>* g_failures = nullptr;

void record(const std::string& message) { g_failures->push_back(message); }

// Runs `input` through harness `name`; returns the invariant failures.
std::vector<std::string> replay(const og::fuzz::Harness& h, const std::string& input) {
  std::vector<std::string> failures;
  g_failures = &failures;
  auto old = og::fuzz::set_failure_handler(record);
  h.run(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  og::fuzz::set_failure_handler(old);
  g_failures = nullptr;
  return failures;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const fs::path kRegressions = fs::path(OOMGUARD_SOURCE_DIR) / "fuzz" / "regressions";

}  // namespace

TEST_CASE("fuzz: every folder under fuzz/regressions names a harness") {
  std::error_code ec;
  if (!fs::exists(kRegressions, ec)) return;
  for (const auto& e : fs::directory_iterator(kRegressions, ec))
    if (e.is_directory()) CHECK_MESSAGE(og::fuzz::find_harness(e.path().filename().string()) != nullptr, e.path());
}

TEST_CASE("fuzz: committed regression inputs replay cleanly through their harness") {
  int replayed = 0;
  for (const auto& h : og::fuzz::harnesses()) {
    fs::path dir = kRegressions / h.name;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<fs::path> inputs;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.is_regular_file() && e.path().filename() != "README.md") inputs.push_back(e.path());
    std::sort(inputs.begin(), inputs.end());
    for (const auto& p : inputs) {
      CAPTURE(p);
      auto failures = replay(h, slurp(p));
      for (const auto& f : failures) FAIL_CHECK(f);
      ++replayed;
    }
  }
  MESSAGE("replayed " << replayed << " regression inputs");
}

TEST_CASE("fuzz: every harness holds its invariants on the fixture seeds") {
  auto seeds = og::fuzz::fixture_seeds(std::string(OOMGUARD_SOURCE_DIR) + "/fixtures");
  std::set<std::string> fed;
  for (const auto& s : seeds) {
    const og::fuzz::Harness* h = og::fuzz::find_harness(s.harness);
    REQUIRE_MESSAGE(h != nullptr, s.harness);
    CAPTURE(s.harness);
    CAPTURE(s.name);
    for (const auto& f : replay(*h, s.content)) FAIL_CHECK(f);
    fed.insert(s.harness);
  }
  // Every harness gets seeds: a harness without any would be fuzzed from nothing.
  for (const auto& h : og::fuzz::harnesses()) CHECK_MESSAGE(fed.count(h.name) == 1, "no seeds for " << h.name);
}

TEST_CASE("fuzz: an invariant failure is recorded, not lost") {
  // The replay only means something if a failing invariant reaches it.
  const og::fuzz::Harness* h = og::fuzz::find_harness("quantity_go");
  REQUIRE(h != nullptr);
  std::vector<std::string> failures;
  g_failures = &failures;
  auto old = og::fuzz::set_failure_handler(record);
  OG_FUZZ_CHECK(1 + 1 == 3, "deliberate");
  og::fuzz::set_failure_handler(old);
  g_failures = nullptr;
  REQUIRE(failures.size() == 1);
  CHECK(failures[0].find("deliberate") != std::string::npos);
}
