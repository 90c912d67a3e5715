// The explicit list of fuzz harnesses: ci/fuzz, the libFuzzer driver and the
// regression replay all read it (no static self-registration).
#include "fuzz_support.h"
#include "harnesses.h"

namespace og::fuzz {

const std::vector<Harness>& harnesses() {
  static const std::vector<Harness> all = {
      {"dockerfile", fuzz_dockerfile, "parse_dockerfile (lexer + parser)"},
      {"envfile", fuzz_envfile, "parse_env_file"},
      {"compose_interpolation", fuzz_compose_interpolation, "interpolate_compose"},
      {"compose_document", fuzz_compose_document, "load_yaml + extract_compose"},
      {"k8s_stream", fuzz_k8s_stream, "load_yaml + extract_k8s"},
      {"docker_run", fuzz_docker_run, "find_docker_runs"},
      {"quantity_k8s", fuzz_quantity_k8s, "parse_k8s_quantity, quantity_as_number"},
      {"quantity_docker", fuzz_quantity_docker, "parse_docker_bytes"},
      {"quantity_go", fuzz_quantity_go, "parse_gomemlimit, parse_gogc, parse_automemlimit, parse_config_bytes"},
      {"suppressions", fuzz_suppressions, "parse_inline_suppressions, resolve_rule_names"},
      {"config", fuzz_config, "parse_config (with probes:)"},
      {"update_baselines", fuzz_update_baselines, "update_baselines"},
      {"pipeline", fuzz_pipeline, "scan_filesystem on an in-memory repository + the JSON report"},
      {"reporters", fuzz_reporters, "the pipeline + every output format (text, SARIF, JUnit, ...)"},
  };
  return all;
}

}  // namespace og::fuzz
