// Kubernetes resource.Quantity: never throws; a parsed, non-saturated value
// prints back (as plain bytes) to a quantity that parses to the same bytes.
#include <string>

#include "fuzz_support.h"
#include "harnesses.h"
#include "quantity/quantity.h"

namespace og::fuzz {

void fuzz_quantity_k8s(const uint8_t* data, size_t size) {
  std::string_view text = as_text(data, size);
  K8sQuantity q = parse_k8s_quantity(text);
  (void)quantity_as_number(text);
  if (!q.ok) {
    OG_FUZZ_CHECK(!q.error.empty(), "a rejected quantity without a reason");
    return;
  }
  (void)format_bytes(q.bytes);
  if (q.saturated) return;
  OG_FUZZ_CHECK(q.negative == (q.bytes < 0), "negative flag disagrees with the value " + std::to_string(q.bytes));
  K8sQuantity back = parse_k8s_quantity(std::to_string(q.bytes));
  OG_FUZZ_CHECK(back.ok && back.bytes == q.bytes,
                "'" + std::string(text) + "' = " + std::to_string(q.bytes) + " bytes does not print back");
}

}  // namespace og::fuzz
