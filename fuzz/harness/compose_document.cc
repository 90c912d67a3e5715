// A compose document: yaml_source, the compose detector and the service
// extractor with its ${...} interpolation. Never throws, every location lies
// in the input.
#include <memory>

#include "fuzz_support.h"
#include "harnesses.h"
#include "parse/compose.h"
#include "parse/yaml_source.h"

namespace og::fuzz {

void fuzz_compose_document(const uint8_t* data, size_t size) {
  const std::string file = "compose.yaml";
  std::string_view text = as_text(data, size);
  Lines lines(text);
  YamlFile y = load_yaml_checked(file, text, lines);
  for (const auto& d : y.docs) (void)is_compose_document(d);
  EnvLookup dotenv = [](std::string_view k) -> std::optional<std::string> {
    if (k == "MEM") return std::string("1g");
    if (k == "GOMEMLIMIT") return std::string("900MiB");
    return std::nullopt;
  };
  ComposeFile c;
  extract_compose(y, dotenv, &c);
  for (const auto& e : c.errors) check_location(e.loc, lines, file, "error '" + e.message + "'");
  for (const auto& s : c.services) {
    check_location(s.loc, lines, file, "service " + s.name);
    check_location(s.image_loc, lines, file, "image of " + s.name);
    check_location(s.build_loc, lines, file, "build of " + s.name);
    for (const auto* m : {&s.mem_limit, &s.memswap_limit, &s.mem_reservation, &s.deploy_limit, &s.deploy_reservation})
      if (*m) check_location((*m)->loc, lines, file, (*m)->field);
    for (const auto& r : s.env_files) check_location(r.loc, lines, file, "env_file " + r.path);
    for (const auto& e : s.environment) {
      check_location(e.key_loc, lines, file, "environment " + e.key);
      check_location(e.value_loc, lines, file, "value of " + e.key);
    }
    for (const auto& [key, l] : s.oomguard_label_locs) check_location(l, lines, file, key);
  }
}

}  // namespace og::fuzz
