#include "parse/mem_value.h"

#include "quantity/quantity.h"

namespace og {

MemValue make_mem_value(const std::string& raw, const Location& loc, QuantityFormat format, const std::string& field) {
  MemValue v;
  v.raw = raw;
  v.loc = loc;
  v.format = format;
  v.field = field;
  if (format == QuantityFormat::Kubernetes) {
    K8sQuantity q = parse_k8s_quantity(raw);
    v.ok = q.ok && !q.no_digits;
    v.error = q.ok && q.no_digits ? "no digits (the API server reads it as 0)" : q.error;
    v.bytes = q.bytes;
    v.negative = q.negative;
    v.sub_unit = q.ok && q.sub_unit_suffix;
  } else {
    DockerBytes b = parse_docker_bytes(raw);
    v.ok = b.ok;
    v.error = b.error;
    v.bytes = b.bytes;
  }
  return v;
}

}  // namespace og
