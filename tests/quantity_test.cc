// Unit tests for checker/quantity: every example from
// shared/reference/memory-semantics.md sections 1-3 plus upstream edge cases
// (apimachinery quantity_test.go, go-units size.go, Go runtime string.go).
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "quantity/quantity.h"

namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t Ki = 1024;
constexpr int64_t Mi = Ki * 1024;
constexpr int64_t Gi = Mi * 1024;
constexpr int64_t Ti = Gi * 1024;
constexpr int64_t Pi = Ti * 1024;
constexpr int64_t Ei = Pi * 1024;

struct BytesCase {
  const char* in;
  int64_t bytes;
};

using og::AutoMemLimit;
using og::GoGC;
using og::GoMemLimit;

}  // namespace

TEST_SUITE("quantity") {

// ===================== Kubernetes resource.Quantity =====================

TEST_CASE("k8s: binary suffixes") {
  const std::vector<BytesCase> cases = {
      {"1Ki", Ki},      {"8Ki", 8 * Ki},  {"7Mi", 7 * Mi},   {"512Mi", 512 * Mi}, {"6Gi", 6 * Gi},
      {"5Ti", 5 * Ti},  {"4Pi", 4 * Pi},  {"3Ei", 3 * Ei},   {"100Ti", 100 * Ti}, {"0Ki", 0},
      {"0Mi", 0},       {"0Gi", 0},       {"0Ti", 0},        {"0Ei", 0},
  };
  for (const auto& c : cases) {
    INFO("input: ", std::string(c.in));
    const auto q = og::parse_k8s_quantity(c.in);
    CHECK(q.ok);
    CHECK(q.error.empty());
    CHECK(q.bytes == c.bytes);
    CHECK_FALSE(q.negative);
    CHECK_FALSE(q.saturated);
    CHECK_FALSE(q.sub_unit_suffix);
    CHECK_FALSE(q.no_digits);
  }
}

TEST_CASE("k8s: decimal suffixes") {
  const std::vector<BytesCase> cases = {
      {"1", 1},
      {"9", 9},
      {"1k", 1000},
      {"8k", 8000},
      {"50k", 50000},
      {"7M", 7000000},
      {"128M", 128000000},
      {"6G", 6000000000},
      {"5T", 5000000000000},
      {"40T", 40000000000000},
      {"2P", 2000000000000000},
      {"1E", 1000000000000000000},  // "E" alone is exa, not an exponent
      {"9E", 9000000000000000000},
  };
  for (const auto& c : cases) {
    INFO("input: ", std::string(c.in));
    const auto q = og::parse_k8s_quantity(c.in);
    CHECK(q.ok);
    CHECK(q.bytes == c.bytes);
    CHECK_FALSE(q.sub_unit_suffix);
    CHECK_FALSE(q.saturated);
  }
}

TEST_CASE("k8s: sub-unit suffixes n u m round up and are flagged") {
  const std::vector<BytesCase> cases = {
      {"500m", 1},    // half a byte (the reference's Mi typo) -> 1 byte
      {"512m", 1},    {"3m", 1},       {"1000m", 1},   {"1001m", 2},   {"2000m", 2},
      {"5n", 1},      {"3.001n", 1},   {"4u", 1},      {"1000000u", 1}, {"1000001u", 2},
      {"0m", 0},      {"0n", 0},       {"0u", 0},      {"1500m", 2},
  };
  for (const auto& c : cases) {
    INFO("input: ", std::string(c.in));
    const auto q = og::parse_k8s_quantity(c.in);
    CHECK(q.ok);
    CHECK(q.bytes == c.bytes);
    CHECK(q.sub_unit_suffix);
  }
  CHECK(og::parse_k8s_quantity("512m").suffix == "m");
  CHECK(og::parse_k8s_quantity("5n").suffix == "n");
  CHECK(og::parse_k8s_quantity("4u").suffix == "u");
}

TEST_CASE("k8s: decimal exponents") {
  const std::vector<BytesCase> cases = {
      {"1e3", 1000},        {"1E6", 1000000},         {"1e9", 1000000000},
      {"1E9", 1000000000},  {"1E12", 1000000000000},  {"1e15", 1000000000000000},
      {"1E18", 1000000000000000000},                  {"1.2e3", 1200},
      {"1.3E+6", 1300000},  {"1.40e9", 1400000000},   {"1.53E12", 1530000000000},
      {"0.5e0", 1},         {"12e0", 12},             {"1e+3", 1000},
  };
  for (const auto& c : cases) {
    INFO("input: ", std::string(c.in));
    const auto q = og::parse_k8s_quantity(c.in);
    CHECK(q.ok);
    CHECK(q.bytes == c.bytes);
    CHECK_FALSE(q.sub_unit_suffix);
  }
  CHECK(og::parse_k8s_quantity("1E9").suffix == "E9");
  CHECK(og::parse_k8s_quantity("1e3").suffix == "e3");
}

TEST_CASE("k8s: negative exponents are sub-unit") {
  const std::vector<BytesCase> cases = {
      {"1e-3", 1}, {"1E-3", 1}, {"5e-1", 1}, {"15e-1", 2}, {"20e-1", 2}, {"0.5e-2", 1},
      {"1.1E-9", 1}, {"0e-1", 0}, {"1000e-3", 1},
  };
  for (const auto& c : cases) {
    INFO("input: ", std::string(c.in));
    const auto q = og::parse_k8s_quantity(c.in);
    CHECK(q.ok);
    CHECK(q.bytes == c.bytes);
    CHECK(q.sub_unit_suffix);
  }
  // e-0 is not negative.
  CHECK_FALSE(og::parse_k8s_quantity("5e-0").sub_unit_suffix);
  CHECK(og::parse_k8s_quantity("5e-0").bytes == 5);
}

TEST_CASE("k8s: fractions round UP to whole bytes, exactly") {
  const std::vector<BytesCase> cases = {
      {"0.1Gi", 107374183},       // ceil(0.1 * 2^30) = ceil(107374182.4)
      {"1.5Gi", 1610612736},      {"0.5Gi", 536870912},   {"2.5Mi", 2621440},
      {"0.5Mi", 524288},          {"0.05Gi", 53687092},   // 53687091.2 -> up
      {"0.025Ti", 27487790695},   // 27487790694.4 -> up
      {"100.035Ki", 102436},      // 102435.84 -> up
      {"1.5G", 1500000000},       {"10.035M", 10035000},  {"100.035k", 100035},
      {"9.01", 10},               {"0.001", 1},           {"0.0000000001", 1},
      {"1.", 1},                  {"1.G", 1000000000},    {".001", 1},
      {".5Ki", 512},              {"0.000000000001Ki", 1}, {"1.0000000001", 2},
      {"0.00050k", 1},            {"1.0Gi", Gi},          {"0.3333333333333333333333Ki", 342},
  };
  for (const auto& c : cases) {
    INFO("input: ", std::string(c.in));
    const auto q = og::parse_k8s_quantity(c.in);
    CHECK(q.ok);
    CHECK(q.bytes == c.bytes);
  }
}

TEST_CASE("k8s: zero") {
  for (const char* in : {"0", "00", "0.0", "0Mi", "0.0Gi", "-0", "+0", "0e5", "0E", "000000000000000000000000Ki"}) {
    INFO("input: ", std::string(in));
    const auto q = og::parse_k8s_quantity(in);
    CHECK(q.ok);
    CHECK(q.bytes == 0);
    CHECK_FALSE(q.negative);
    CHECK_FALSE(q.no_digits);
  }
}

TEST_CASE("k8s: signs") {
  auto q = og::parse_k8s_quantity("-512Mi");
  CHECK(q.ok);
  CHECK(q.negative);
  CHECK(q.bytes == -512 * Mi);

  q = og::parse_k8s_quantity("-1.5");  // Value() rounds away from zero
  CHECK(q.ok);
  CHECK(q.negative);
  CHECK(q.bytes == -2);

  q = og::parse_k8s_quantity("-500m");
  CHECK(q.negative);
  CHECK(q.bytes == -1);
  CHECK(q.sub_unit_suffix);

  q = og::parse_k8s_quantity("+512Mi");
  CHECK(q.ok);
  CHECK_FALSE(q.negative);
  CHECK(q.bytes == 512 * Mi);

  q = og::parse_k8s_quantity("-0.0000000001");  // rounds to -1n: still negative
  CHECK(q.negative);
  CHECK(q.bytes == -1);
}

TEST_CASE("k8s: saturation at INT64_MAX") {
  const std::vector<const char*> huge = {
      "8Ei",  "9Ei", "9223372036854775807Ki", "10E", "12E", "1e19", "1e100",
      "9223372036854775808", "99999999999999999999999999999", "8192Pi",
  };
  for (const char* in : huge) {
    INFO("input: ", std::string(in));
    const auto q = og::parse_k8s_quantity(in);
    CHECK(q.ok);
    CHECK(q.saturated);
    CHECK(q.bytes == kMax);
  }
  auto q = og::parse_k8s_quantity("9223372036854775807");
  CHECK(q.ok);
  CHECK_FALSE(q.saturated);
  CHECK(q.bytes == kMax);

  q = og::parse_k8s_quantity("7Ei");  // 8070450532247928832: fits
  CHECK_FALSE(q.saturated);
  CHECK(q.bytes == 7 * Ei);

  q = og::parse_k8s_quantity("9223372036854775806.5");  // ceil is exactly INT64_MAX
  CHECK_FALSE(q.saturated);
  CHECK(q.bytes == kMax);

  q = og::parse_k8s_quantity("9223372036854775807.5");  // ceil overflows
  CHECK(q.saturated);
  CHECK(q.bytes == kMax);

  q = og::parse_k8s_quantity("-8Ei");
  CHECK(q.negative);
  CHECK(q.saturated);
  CHECK(q.bytes == -kMax);
}

TEST_CASE("k8s: suffix field") {
  CHECK(og::parse_k8s_quantity("512Mi").suffix == "Mi");
  CHECK(og::parse_k8s_quantity("512").suffix.empty());
  CHECK(og::parse_k8s_quantity("1e6").suffix == "e6");
  CHECK(og::parse_k8s_quantity("1E-3").suffix == "E-3");
  CHECK(og::parse_k8s_quantity("2G").suffix == "G");
}

TEST_CASE("k8s: invalid forms") {
  const std::vector<const char*> invalid = {
      "",        // empty
      "K",  "1K", "512K",            // K is not a suffix (k is)
      "KiB", "1KiB", "512MiB",       // no B
      "MB", "512MB", "1GB",          // no B
      "mi", "512mi", "0.1mi",        // case matters
      "1e",                          // e needs an exponent
      "1e-", "-3.01e-", "1e+",       // sign without digits
      "1.5.2", "1.1.M", "1..5",     // one dot
      " 1", "1 ", " 512Mi", "512 Mi", "512Mi ",  // whitespace
      "aoeu", "abc", "1+1.0M", ".5i", "1i", "-3.01i", "0.1am", "1Mb", "1gi", "1MiB",
      "1m1", "1Ki1", "1e3e3", "1Ee3", "--1", "+-1", "1-", "1%", "0x10", "1_000",
      "1e9223372036854775808",       // exponent overflows ParseInt
      "1\xE2\x84\xAA",                // non-ASCII
  };
  for (const char* in : invalid) {
    INFO("input: ", std::string(in));
    const auto q = og::parse_k8s_quantity(in);
    CHECK_FALSE(q.ok);
    CHECK_FALSE(q.error.empty());
    CHECK(q.bytes == 0);
  }
}

TEST_CASE("k8s: error messages match apimachinery") {
  CHECK(og::parse_k8s_quantity("").error.find("quantities must match the regular expression") == 0);
  CHECK(og::parse_k8s_quantity("1.5.2").error.find("quantities must match") == 0);
  CHECK(og::parse_k8s_quantity("1KiB").error.find("quantities must match") == 0);
  CHECK(og::parse_k8s_quantity("1K").error == "unable to parse quantity's suffix");
  CHECK(og::parse_k8s_quantity("1mi").error == "unable to parse quantity's suffix");
  CHECK(og::parse_k8s_quantity("Ei").error == "unable to parse numeric part of quantity");
}

TEST_CASE("k8s: digit-less quantities follow apimachinery (issue #165)") {
  // Accepted as 0 via the int64 fast path.
  for (const char* in : {"Mi", "Ki", "Gi", "Ti", "k", "M", "m", "n", "E", "-", "+", ".", "-.", "+.Ki", "e5", "e-9", "-Mi"}) {
    INFO("input: ", std::string(in));
    const auto q = og::parse_k8s_quantity(in);
    CHECK(q.ok);
    CHECK(q.no_digits);
    CHECK(q.bytes == 0);
    CHECK_FALSE(q.negative);
  }
  // The slow path (inf.Dec.SetString) needs a digit: rejected.
  for (const char* in : {"Pi", "Ei", ".Pi", "-Ei", "e-10", ".e-10"}) {
    INFO("input: ", std::string(in));
    const auto q = og::parse_k8s_quantity(in);
    CHECK_FALSE(q.ok);
    CHECK(q.no_digits);
    CHECK(q.error == "unable to parse numeric part of quantity");
  }
  // But with a digit those suffixes are fine.
  CHECK(og::parse_k8s_quantity("0Pi").ok);
  CHECK(og::parse_k8s_quantity("0e-10").ok);
  CHECK_FALSE(og::parse_k8s_quantity("0Pi").no_digits);
}

TEST_CASE("k8s: exponent is ParseInt'd as int64, then truncated to int32 like Go") {
  CHECK_FALSE(og::parse_k8s_quantity("1e-9223372036854775809").ok);  // ParseInt range error
  CHECK_FALSE(og::parse_k8s_quantity("1e9223372036854775808").ok);
  auto q = og::parse_k8s_quantity("1e-9223372036854775808");  // int32(-2^63) == 0
  CHECK(q.ok);
  CHECK(q.bytes == 1);
  CHECK_FALSE(q.sub_unit_suffix);
  q = og::parse_k8s_quantity("1e4294967296");  // int32(2^32) == 0
  CHECK(q.ok);
  CHECK(q.bytes == 1);
  q = og::parse_k8s_quantity("3e4294967297");  // int32(2^32+1) == 1
  CHECK(q.bytes == 30);
}

TEST_CASE("k8s: leading zeros do not change the value") {
  CHECK(og::parse_k8s_quantity("000512Mi").bytes == 512 * Mi);
  CHECK(og::parse_k8s_quantity("0000000000000000000001Ei").bytes == Ei);
  CHECK(og::parse_k8s_quantity("-00.5").bytes == -1);
}

// ===================== Docker / compose (go-units RAMInBytes) =====================

TEST_CASE("docker: units are 1024-based and case-insensitive") {
  const std::vector<BytesCase> cases = {
      {"512MB", 512 * Mi},  // 512MB is 512 MiB
      {"512mb", 512 * Mi}, {"512m", 512 * Mi}, {"512M", 512 * Mi}, {"512Mi", 512 * Mi},
      {"512MiB", 512 * Mi}, {"512mib", 512 * Mi}, {"512MIB", 512 * Mi},
      {"1k", Ki}, {"1K", Ki}, {"1kb", Ki}, {"1KiB", Ki}, {"1kI", Ki},
      {"1g", Gi}, {"1G", Gi}, {"1gb", Gi}, {"1GiB", Gi},
      {"2t", 2 * Ti}, {"2TB", 2 * Ti}, {"3p", 3 * Pi}, {"3PiB", 3 * Pi},
      {"6m", 6 * Mi},  // docker's minimum --memory
  };
  for (const auto& c : cases) {
    INFO("input: ", std::string(c.in));
    const auto d = og::parse_docker_bytes(c.in);
    CHECK(d.ok);
    CHECK(d.error.empty());
    CHECK(d.bytes == c.bytes);
  }
}

TEST_CASE("docker: bare numbers and b/ib are bytes") {
  const std::vector<BytesCase> cases = {
      {"0", 0}, {"1", 1}, {"1073741824", Gi}, {"32b", 32}, {"32B", 32}, {"32ib", 32}, {"32i", 32},
      {"007", 7},
  };
  for (const auto& c : cases) {
    INFO("input: ", std::string(c.in));
    const auto d = og::parse_docker_bytes(c.in);
    CHECK(d.ok);
    CHECK(d.bytes == c.bytes);
  }
}

TEST_CASE("docker: fractions are float64 and truncated") {
  const std::vector<BytesCase> cases = {
      {"1.5g", 1610612736}, {"1.5G", 1610612736}, {"0.5m", 524288}, {"2.5k", 2560},
      {"0.1g", 107374182},  // 107374182.4 truncated (not rounded up)
      {"1.9", 1},           {"0.9k", 921},        // 921.6 -> 921
      {"1.0", 1},
  };
  for (const auto& c : cases) {
    INFO("input: ", std::string(c.in));
    const auto d = og::parse_docker_bytes(c.in);
    CHECK(d.ok);
    CHECK(d.bytes == c.bytes);
  }
}

TEST_CASE("docker: one optional space between number and unit") {
  CHECK(og::parse_docker_bytes("512 MB").bytes == 512 * Mi);
  CHECK(og::parse_docker_bytes("512 m").ok);
  CHECK(og::parse_docker_bytes("512 ").ok);  // regex: ' ?' then all-optional unit
  CHECK(og::parse_docker_bytes("512 ").bytes == 512);
  CHECK_FALSE(og::parse_docker_bytes("512  MB").ok);
  CHECK_FALSE(og::parse_docker_bytes(" 512MB").ok);
  CHECK_FALSE(og::parse_docker_bytes("512MB ").ok);
  CHECK_FALSE(og::parse_docker_bytes("512\tMB").ok);
}

TEST_CASE("docker: Kelvin sign folds to k as in Go regexp (?i)") {
  const auto d = og::parse_docker_bytes("1\xE2\x84\xAA");
  CHECK(d.ok);
  CHECK(d.bytes == Ki);
}

TEST_CASE("docker: invalid forms") {
  const std::vector<const char*> invalid = {
      "",     "b",     "mb",   "k",    "-1",   "-512m", "+1", "1.",   ".5",   "1.5.2", "1..5",
      "1e3",  "1x",    "1kk",  "1bi",  "1kbb", "1 k b", "abc", "0x10", "1,5g", "1e",   "1.5.2g",
      "1\n",  "1E",    "1ki b",
  };
  for (const char* in : invalid) {
    INFO("input: ", std::string(in));
    const auto d = og::parse_docker_bytes(in);
    CHECK_FALSE(d.ok);
    CHECK_FALSE(d.error.empty());
  }
  CHECK(og::parse_docker_bytes("1x").error == "invalid size: '1x'");
}

TEST_CASE("docker: int64 overflow is rejected") {
  CHECK_FALSE(og::parse_docker_bytes("8388608t").ok);  // exactly 2^63
  CHECK_FALSE(og::parse_docker_bytes("99999999999999999999").ok);
  CHECK(og::parse_docker_bytes("8388607t").ok);
  CHECK(og::parse_docker_bytes("8388607t").bytes == 8388607 * Ti);
  CHECK(og::parse_docker_bytes("9223372036854774784").bytes == 9223372036854774784);
}

// ===================== GOMEMLIMIT =====================

TEST_CASE("GOMEMLIMIT: valid values") {
  const std::vector<BytesCase> cases = {
      {"512MiB", 512 * Mi}, {"1GiB", Gi}, {"100000000", 100000000}, {"0", 0},
      {"1B", 1},            {"0B", 0},    {"4KiB", 4 * Ki},         {"2TiB", 2 * Ti},
      {"0512MiB", 512 * Mi}, {"9223372036854775807", kMax}, {"9223372036854775807B", kMax},
      {"8589934591GiB", 8589934591 * Gi},
  };
  for (const auto& c : cases) {
    INFO("input: ", std::string(c.in));
    const auto g = og::parse_gomemlimit(c.in);
    CHECK(g.kind == GoMemLimit::Kind::Bytes);
    CHECK(g.bytes == c.bytes);
    CHECK(g.suggestion.empty());
  }
}

TEST_CASE("GOMEMLIMIT: empty and off mean no limit") {
  CHECK(og::parse_gomemlimit("").kind == GoMemLimit::Kind::Off);
  CHECK(og::parse_gomemlimit("off").kind == GoMemLimit::Kind::Off);
  CHECK(og::parse_gomemlimit("OFF").kind == GoMemLimit::Kind::Malformed);
  CHECK(og::parse_gomemlimit("Off").kind == GoMemLimit::Kind::Malformed);
  CHECK(og::parse_gomemlimit(" off").kind == GoMemLimit::Kind::Malformed);
}

TEST_CASE("GOMEMLIMIT: malformed values are fatal (with suggestions)") {
  struct Case {
    const char* in;
    const char* suggestion;
  };
  const std::vector<Case> cases = {
      {"512Mi", "512MiB"},   {"512MB", "512MiB"},  {"512M", "512MiB"},   {"512m", "512MiB"},
      {"512mb", "512MiB"},   {"512mib", "512MiB"}, {"512MIB", "512MiB"}, {"1G", "1GiB"},
      {"1Gi", "1GiB"},       {"1GB", "1GiB"},      {"1g", "1GiB"},       {" 512MiB", "512MiB"},
      {"512MiB ", "512MiB"}, {"512 MiB", "512MiB"}, {"\"512MiB\"", "512MiB"},
      {"1.5GiB", "1536MiB"}, {"1.5Gi", "1536MiB"}, {"1.5G", "1536MiB"},  {"0.5GiB", "512MiB"},
      {"2.5MiB", "2560KiB"}, {"1.0GiB", "1GiB"},   {"1024Mi", "1024MiB"}, {"0.1Gi", "107374182"},
      {"512k", "512KiB"},    {"512Ki", "512KiB"},  {"512KB", "512KiB"},  {"512K", "512KiB"},
      {"2T", "2TiB"},        {"1P", "1024TiB"},    {"512 b", "512B"},    {"+512MiB", "512MiB"},
      {"OFF", "off"},        {"Off", "off"},       {"abc", ""},          {"-512MiB", ""},
      {"1.5", ""},           {".5", ""},           {"512X", ""},         {"MiB", ""},
      {"9223372036854775808", ""}, {"8589934592GiB", ""}, {"10E", ""},
  };
  for (const auto& c : cases) {
    INFO("input: ", std::string(c.in));
    const auto g = og::parse_gomemlimit(c.in);
    CHECK(g.kind == GoMemLimit::Kind::Malformed);
    CHECK(g.suggestion == std::string(c.suggestion));
  }
}

TEST_CASE("GOMEMLIMIT: every suggestion is itself valid") {
  for (const char* in : {"512Mi", "512M", "1.5G", "0.1Gi", "512k", "1P", " 512MiB", "512 b", "OFF"}) {
    INFO("input: ", std::string(in));
    const auto g = og::parse_gomemlimit(in);
    REQUIRE(g.kind == GoMemLimit::Kind::Malformed);
    CHECK(og::parse_gomemlimit(g.suggestion).kind != GoMemLimit::Kind::Malformed);
  }
  CHECK(og::parse_gomemlimit(og::parse_gomemlimit("1.5GiB").suggestion).bytes == 1536 * Mi);
}

TEST_CASE("GOMEMLIMIT: exact grammar of parseByteCount") {
  for (const char* in : {"B", "KiB", "iB", "1iB", "12iB", "1Ki", "1KB", "1kiB", "1PiB", "1EiB", "1.0MiB",
                         "1e9", "0x10", "1_000", "+1", "+1MiB", "1 MiB", "1MiB\n", "-1", "-1MiB", "-", "-B",
                         "MiB1", "1MiBB", "1BB"}) {
    INFO("input: ", std::string(in));
    CHECK(og::parse_gomemlimit(in).kind == GoMemLimit::Kind::Malformed);
  }
}

TEST_CASE("GOMEMLIMIT: overflow fails like Go (not saturated)") {
  CHECK(og::parse_gomemlimit("9223372036854775808").kind == GoMemLimit::Kind::Malformed);
  CHECK(og::parse_gomemlimit("9223372036854775808B").kind == GoMemLimit::Kind::Malformed);
  CHECK(og::parse_gomemlimit("8589934592GiB").kind == GoMemLimit::Kind::Malformed);  // 2^63
  CHECK(og::parse_gomemlimit("8388608TiB").kind == GoMemLimit::Kind::Malformed);
  CHECK(og::parse_gomemlimit("8388607TiB").kind == GoMemLimit::Kind::Bytes);
  CHECK(og::parse_gomemlimit("99999999999999999999999").kind == GoMemLimit::Kind::Malformed);
}

TEST_CASE("GOMEMLIMIT: runtime atoi64 accepts a '-' before zero") {
  // parseByteCount only rejects n < 0, and atoi64 parses "-0" and even "-" as 0.
  for (const char* in : {"-0", "-0B", "-0MiB", "-KiB", "-00"}) {
    INFO("input: ", std::string(in));
    const auto g = og::parse_gomemlimit(in);
    CHECK(g.kind == GoMemLimit::Kind::Bytes);
    CHECK(g.bytes == 0);
  }
}

// ===================== GOGC =====================

TEST_CASE("GOGC: off and integers") {
  auto g = og::parse_gogc("off");
  CHECK(g.kind == GoGC::Kind::Off);
  CHECK(g.percent == -1);

  struct Case {
    const char* in;
    int32_t percent;
  };
  const std::vector<Case> cases = {
      {"100", 100}, {"0", 0}, {"50", 50}, {"200", 200}, {"050", 50}, {"-1", -1}, {"-50", -50},
      {"2147483647", 2147483647}, {"-2147483648", std::numeric_limits<int32_t>::min()},
      {"-0", 0}, {"-", 0},  // runtime atoi64 quirk: "-" alone is 0
  };
  for (const auto& c : cases) {
    INFO("input: ", std::string(c.in));
    g = og::parse_gogc(c.in);
    CHECK(g.kind == GoGC::Kind::Percent);
    CHECK(g.percent == c.percent);
    CHECK_FALSE(g.non_portable_plus);
  }
}

TEST_CASE("GOGC: empty is the default 100, not an error") {
  const auto g = og::parse_gogc("");
  CHECK(g.kind == GoGC::Kind::Percent);
  CHECK(g.percent == 100);
}

TEST_CASE("GOGC: parse failures silently mean 100") {
  for (const char* in : {"OFF", "Off", "50%", "1e2", " 50", "50 ", "5 0", "abc", "2147483648", "-2147483649",
                         "99999999999999999999", "0x10", "1_000", "1.5", "+", "+-5", "--5", "on", "100\n"}) {
    INFO("input: ", std::string(in));
    const auto g = og::parse_gogc(in);
    CHECK(g.kind == GoGC::Kind::Malformed);
    CHECK(g.percent == 100);
    CHECK_FALSE(g.non_portable_plus);
  }
}

TEST_CASE("GOGC: leading + is non-portable") {
  for (const char* in : {"+50", "+0", "+100", "+2147483647"}) {
    INFO("input: ", std::string(in));
    const auto g = og::parse_gogc(in);
    CHECK(g.kind == GoGC::Kind::Malformed);
    CHECK(g.percent == 100);  // what older toolchains use
    CHECK(g.non_portable_plus);
  }
  CHECK_FALSE(og::parse_gogc("+2147483648").non_portable_plus);  // fails everywhere
  CHECK_FALSE(og::parse_gogc("+5x").non_portable_plus);
}

// ===================== AUTOMEMLIMIT =====================

TEST_CASE("AUTOMEMLIMIT: off and default") {
  CHECK(og::parse_automemlimit("off").kind == AutoMemLimit::Kind::Off);
  const auto a = og::parse_automemlimit("");
  CHECK(a.kind == AutoMemLimit::Kind::Ratio);
  CHECK(a.ratio == 0.9);
  CHECK(og::parse_automemlimit("OFF").kind == AutoMemLimit::Kind::Malformed);
}

TEST_CASE("AUTOMEMLIMIT: ratios in (0,1] parsed like strconv.ParseFloat") {
  struct Case {
    const char* in;
    double ratio;
  };
  const std::vector<Case> cases = {
      {"0.9", 0.9},  {"0.5", 0.5},  {"1", 1.0},     {"1.0", 1.0},  {".5", 0.5},   {"1.", 1.0},
      {"5e-1", 0.5}, {"9E-1", 0.9}, {"+0.5", 0.5},  {"0x1p-1", 0.5}, {"0X1P-2", 0.25}, {"0x.8p0", 0.5},
      {"0.7_5", 0.75}, {"1_0e-1", 1.0}, {"0.1e1", 1.0}, {"1.0000000000000000001", 1.0}, {"0.0001", 0.0001},
  };
  for (const auto& c : cases) {
    INFO("input: ", std::string(c.in));
    const auto a = og::parse_automemlimit(c.in);
    CHECK(a.kind == AutoMemLimit::Kind::Ratio);
    CHECK(a.ratio == c.ratio);
  }
}

TEST_CASE("AUTOMEMLIMIT: unparsable or out of range is an error") {
  for (const char* in : {"0", "0.0", "-0.5", "-0", "1.1", "2", "90%", "abc", "0.5 ", " 0.5", "nan", "NaN", "inf",
                         "+Inf", "-infinity", "1e400", "1e-400", "0x1", "0x", "1e", "_0.5", "0.5_", "0__5", "0.5.1",
                         ".", "0,5", "90"}) {
    INFO("input: ", std::string(in));
    CHECK(og::parse_automemlimit(in).kind == AutoMemLimit::Kind::Malformed);
  }
}

// ===================== formatting =====================

TEST_CASE("format_bytes") {
  struct Case {
    int64_t in;
    const char* out;
  };
  const std::vector<Case> cases = {
      {536870912, "512MiB"}, {1610612736, "1.5GiB"}, {100, "100B"},      {1536, "1.5KiB"},
      {0, "0B"},             {1, "1B"},              {1023, "1023B"},    {1024, "1KiB"},
      {1152, "1.13KiB"},     // 1.125 rounds half up
      {1280, "1.25KiB"},     {1843, "1.8KiB"},       {Mi - 1, "1MiB"},   // 1023.999KiB rounds up a unit
      {Gi, "1GiB"},          {1000 * Gi, "1000GiB"}, {Ti, "1TiB"},       {Pi, "1PiB"},
      {Ei, "1EiB"},          {kMax, "8EiB"},         {-1536, "-1.5KiB"}, {483183820, "460.8MiB"},
      {std::numeric_limits<int64_t>::min(), "-8EiB"},
  };
  for (const auto& c : cases) {
    INFO("input: ", c.in);
    CHECK(og::format_bytes(c.in) == std::string(c.out));
  }
}

TEST_CASE("gomemlimit_spelling_mib floors to whole MiB") {
  CHECK(og::gomemlimit_spelling_mib(483183820) == "460MiB");
  CHECK(og::gomemlimit_spelling_mib(512 * Mi) == "512MiB");
  CHECK(og::gomemlimit_spelling_mib(512 * Mi - 1) == "511MiB");
  CHECK(og::gomemlimit_spelling_mib(Mi - 1) == "0MiB");
  CHECK(og::gomemlimit_spelling_mib(0) == "0MiB");
  CHECK(og::gomemlimit_spelling_mib(-5) == "0MiB");
  // Whatever it spells must be valid and equal to the floored value.
  const auto g = og::parse_gomemlimit(og::gomemlimit_spelling_mib(483183820));
  CHECK(g.kind == GoMemLimit::Kind::Bytes);
  CHECK(g.bytes == 460 * Mi);
}

}  // TEST_SUITE
