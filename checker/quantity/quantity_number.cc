// quantity_as_number: a Kubernetes quantity read as a plain number, for
// dimensionless fields. The grammar check is parse_k8s_quantity's.
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>

#include "quantity/quantity.h"

namespace og {

std::optional<double> quantity_as_number(std::string_view text) {
  K8sQuantity q = parse_k8s_quantity(text);
  if (!q.ok || q.no_digits) return std::nullopt;
  std::string s(text);
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
  double number = std::strtod(s.substr(0, i).c_str(), nullptr);
  std::string suffix = s.substr(i);
  static const std::map<std::string, double> scale = {
      {"", 1},       {"n", 1e-9},   {"u", 1e-6},   {"m", 1e-3},          {"k", 1e3},          {"M", 1e6},
      {"G", 1e9},    {"T", 1e12},   {"P", 1e15},   {"E", 1e18},          {"Ki", 1024.0},      {"Mi", 1048576.0},
      {"Gi", 1073741824.0}, {"Ti", 1099511627776.0}, {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0}};
  auto it = scale.find(suffix);
  if (it != scale.end()) return number * it->second;
  if (suffix.size() > 1 && (suffix[0] == 'e' || suffix[0] == 'E'))
    return number * std::pow(10.0, std::strtod(suffix.c_str() + 1, nullptr));
  return std::nullopt;
}

bool parse_config_bytes(std::string_view text, int64_t* out) {
  GoMemLimit g = parse_gomemlimit(text);
  if (g.kind == GoMemLimit::Kind::Bytes) {
    *out = g.bytes;
    return true;
  }
  K8sQuantity q = parse_k8s_quantity(text);
  if (q.ok && !q.no_digits && !q.negative && !q.sub_unit_suffix) {
    *out = q.bytes;
    return true;
  }
  return false;
}

}  // namespace og
