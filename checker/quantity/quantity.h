// The three quantity grammars oomguard reads. Each is its own exact parser;
// there is deliberately no "lenient" parser that accepts all of them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace og {

// ---- Kubernetes resource.Quantity (k8s.io/apimachinery/pkg/api/resource) ----
struct K8sQuantity {
  bool ok = false;
  std::string error;          // why it does not parse (when !ok)
  bool negative = false;       // '-' sign and a non-zero value ("-0" is not negative)
  // Value in bytes, rounded UP to a whole unit as Kubernetes does (Value()).
  // Negative quantities round away from zero, as Value() does ("-1.5" -> -2).
  // Saturates at INT64_MAX (-INT64_MAX when negative) for huge values
  // (saturated = true). Binary-suffix values above INT64_MAX are capped there
  // by apimachinery itself ("8Ei"); that also sets saturated.
  int64_t bytes = 0;
  bool saturated = false;
  // True when the scale is below one byte per unit: suffix n/u/m, or a
  // negative exponent ("5e-1"). "512m" is 0.512 bytes (OG205).
  bool sub_unit_suffix = false;
  // True when the number part has no digit at all ("Mi", "k", "-", "."):
  // apimachinery accepts these as 0 (kubernetes/apimachinery#165), except
  // the forms its slow path rejects ("Pi", "Ei", "e-10").
  bool no_digits = false;
  std::string suffix;         // "Mi", "m", "e6", "" ...
};
K8sQuantity parse_k8s_quantity(std::string_view text);

// A Kubernetes quantity as a plain number (not rounded to whole units), for
// dimensionless values such as maxLimitRequestRatio ("1500m" -> 1.5).
std::optional<double> quantity_as_number(std::string_view text);

// ---- Docker / compose byte sizes (docker/go-units RAMInBytes) ----
struct DockerBytes {
  bool ok = false;
  std::string error;
  int64_t bytes = 0;          // float64 result truncated to int64 like go-units;
                              // >= 2^63 is reported as !ok (Go's conversion is undefined)
};
DockerBytes parse_docker_bytes(std::string_view text);

// ---- Go runtime: GOMEMLIMIT ----
struct GoMemLimit {
  enum class Kind { Bytes, Off, Malformed };
  Kind kind = Kind::Malformed;
  // When kind == Bytes (Off: INT64_MAX, as readGOMEMLIMIT). Go's
  // parseByteCount FAILS on int64 overflow, so an overflowing value is
  // Malformed (fatal at start-up), not saturated.
  int64_t bytes = 0;
  // For Malformed: the valid Go spelling the author most likely meant
  // ("512Mi" -> "512MiB", "1G" -> "1GiB"), or empty when none is obvious.
  std::string suggestion;
};
GoMemLimit parse_gomemlimit(std::string_view text);

// ---- Go runtime: GOGC ----
struct GoGC {
  enum class Kind { Percent, Off, Malformed };
  Kind kind = Kind::Malformed;
  // Effective value; Malformed -> 100 (Go's fallback), Off -> -1 (as readgogc).
  int32_t percent = 100;
  bool non_portable_plus = false;  // "+50": accepted only by newer toolchains
};
GoGC parse_gogc(std::string_view text);

// ---- automemlimit: AUTOMEMLIMIT ratio ----
struct AutoMemLimit {
  enum class Kind { Ratio, Off, Malformed };
  Kind kind = Kind::Malformed;
  double ratio = 0.9;         // meaningful only for Kind::Ratio
};
AutoMemLimit parse_automemlimit(std::string_view text);

// Human formatting: "512MiB", "1.5GiB", "123B" (binary units, trailing zeros cut).
// A byte size written by a person in oomguard's own config: Go syntax (64MiB)
// or a whole-byte Kubernetes quantity (64Mi). False for anything else.
bool parse_config_bytes(std::string_view text, int64_t* out);

std::string format_bytes(int64_t bytes);
// Bytes rounded down to a whole MiB, spelled for GOMEMLIMIT ("460MiB").
std::string gomemlimit_spelling_mib(int64_t bytes);

}  // namespace og
