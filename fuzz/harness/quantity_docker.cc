// Docker / compose byte sizes (go-units RAMInBytes): never throws; a parsed
// value prints back (as plain bytes, and with a 'b' suffix) to the same bytes.
#include <string>

#include "fuzz_support.h"
#include "harnesses.h"
#include "quantity/quantity.h"

namespace og::fuzz {

void fuzz_quantity_docker(const uint8_t* data, size_t size) {
  std::string_view text = as_text(data, size);
  DockerBytes d = parse_docker_bytes(text);
  if (!d.ok) {
    OG_FUZZ_CHECK(!d.error.empty(), "a rejected size without a reason");
    return;
  }
  (void)format_bytes(d.bytes);
  for (const std::string& s : {std::to_string(d.bytes), std::to_string(d.bytes) + "b"}) {
    DockerBytes back = parse_docker_bytes(s);
    OG_FUZZ_CHECK(back.ok && back.bytes == d.bytes,
                  "'" + std::string(text) + "' = " + std::to_string(d.bytes) + " bytes does not print back as " + s);
  }
}

}  // namespace og::fuzz
