// `docker run` lines in scripts: never throws, every location lies in the input.
#include "fuzz_support.h"
#include "harnesses.h"
#include "parse/docker_run.h"

namespace og::fuzz {

void fuzz_docker_run(const uint8_t* data, size_t size) {
  const std::string file = "run.sh";
  std::string_view text = as_text(data, size);
  Lines lines(text);
  for (const auto& c : find_docker_runs(file, text)) {
    check_location(c.loc, lines, file, "docker");
    check_location(c.image_loc, lines, file, "image");
    for (const auto* m : {&c.memory, &c.memory_swap})
      if (*m) check_location((*m)->loc, lines, file, (*m)->field);
    for (const auto& e : c.env) check_location(e.loc, lines, file, "-e " + e.key);
  }
}

}  // namespace og::fuzz
