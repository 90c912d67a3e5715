// The config's `probes:` list. Mistakes are exit-2 errors with file:line, as
// for the rest of the config.
#include <cmath>
#include <cstdlib>

#include "config/config_internal.h"
#include "quantity/quantity.h"

namespace og {

bool parse_duration(const std::string& s, double* seconds) {
  // "ms" is tried before "s" and "m" so "500ms" is not read as 500 minutes' "s".
  static const std::pair<const char*, double> units[] = {{"ms", 0.001}, {"s", 1}, {"m", 60}, {"h", 3600}};
  for (const auto& [suffix, factor] : units) {
    size_t n = std::string(suffix).size();
    if (s.size() <= n || s.compare(s.size() - n, n, suffix) != 0) continue;
    std::string num = s.substr(0, s.size() - n);
    // Digits with at most one '.': strtod alone would also take "1e3", "0x10" and "inf".
    size_t dot = num.find('.');
    bool plain = !num.empty() && std::isdigit(static_cast<unsigned char>(num[0])) &&
                 num.find_first_not_of("0123456789.") == std::string::npos &&
                 (dot == std::string::npos || num.find('.', dot + 1) == std::string::npos);
    if (!plain) return false;
    char* end = nullptr;
    double v = std::strtod(num.c_str(), &end);
    if (!end || *end || !std::isfinite(v)) return false;
    *seconds = v * factor;
    return true;
  }
  return false;
}

namespace {

std::optional<ProbeBytes> bytes_value(ConfigCtx& x, const YAML::Node& v, const char* what) {
  auto s = scalar(v);
  int64_t b = 0;
  if (!s || !parse_config_bytes(*s, &b) || b <= 0) {
    x.error(v, std::string(what) + " must be a byte size such as 64MiB or 64Mi");
    return std::nullopt;
  }
  return ProbeBytes{b, *s, x.at.loc(v)};
}

std::vector<std::string> argv_value(ConfigCtx& x, const YAML::Node& v, const char* what) {
  std::vector<std::string> out = string_list(x, v, what);
  if (v.IsSequence() && out.empty()) x.error(v, std::string(what) + " must not be empty");
  return out;
}

void read_baseline(ConfigCtx& x, const YAML::Node& n, ProbeSpec* p) {
  p->baseline_loc = x.at.loc(n);
  if (!n.IsMap()) return x.error(n, "baseline must be a mapping (peak, steady_p95, tolerance)");
  for (auto it = n.begin(); it != n.end(); ++it) {
    std::string k = scalar(it->first).value_or("");
    YAML::Node v = it->second;
    if (k == "peak") p->baseline_peak = bytes_value(x, v, "baseline.peak");
    else if (k == "steady_p95") p->baseline_p95 = bytes_value(x, v, "baseline.steady_p95");
    else if (k == "tolerance") {
      auto s = scalar(v);
      std::string t = s.value_or("");
      if (!t.empty() && t.back() == '%') t.pop_back();
      char* end = nullptr;
      double d = std::strtod(t.c_str(), &end);
      if (t.empty() || !end || *end || !(d >= 0 && d < 100)) x.error(v, "baseline.tolerance must be a percentage from 0 to 99");
      else {
        p->tolerance_pct = d;
        p->tolerance_loc = x.at.loc(v);
      }
    } else {
      x.error(it->first, "unknown key '" + k + "' in baseline (known: peak, steady_p95, tolerance)");
    }
  }
}

void read_probe(ConfigCtx& x, const YAML::Node& n, std::vector<std::string>* names) {
  if (!n.IsMap()) return x.error(n, "probes entries must be mappings (name, workload, command or image, ...)");
  ProbeSpec p;
  p.loc = p.entry_loc = x.at.loc(n);
  p.baseline_loc = p.loc;
  bool has_name = false, has_workload = false, has_image = false, has_command = false;
  for (auto it = n.begin(); it != n.end(); ++it) {
    std::string k = scalar(it->first).value_or("");
    YAML::Node v = it->second;
    auto str = [&](std::string* out) {
      auto s = scalar(v);
      if (!s) x.error(v, "probe " + k + " must be a string");
      else *out = *s;
      return s.has_value();
    };
    auto seconds = [&](double* out) {
      auto s = scalar(v);
      if (!s || !parse_duration(*s, out)) {
        x.error(v, "probe " + k + " must be a duration such as 30s, 500ms or 2m");
        return false;
      }
      return true;
    };
    if (k == "name") { has_name = str(&p.name); p.loc = x.at.loc(v); }
    else if (k == "workload") { has_workload = str(&p.workload); p.workload_loc = x.at.loc(v); }
    else if (k == "image") {
      has_image = true;
      if (str(&p.image) && p.image.empty()) x.error(v, "probe image must not be empty");
    }
    else if (k == "command") { has_command = true; p.command = argv_value(x, v, "probe command"); }
    else if (k == "args") p.args = string_list(x, v, "probe args");
    else if (k == "workdir") str(&p.workdir);
    else if (k == "duration") { double d = 0; if (seconds(&d)) p.duration_s = d; }
    else if (k == "warmup") seconds(&p.warmup_s);
    else if (k == "grace") seconds(&p.grace_s);
    else if (k == "load") p.load = argv_value(x, v, "probe load");
    else if (k == "network") {
      auto s = scalar(v);
      if (s && (*s == "true" || *s == "false")) p.network = *s == "true";
      else x.error(v, "probe network must be true or false");
    } else if (k == "limit") p.limit = bytes_value(x, v, "probe limit");
    else if (k == "env") {
      p.env_loc = x.at.loc(v);
      if (!v.IsMap()) { x.error(v, "probe env must map variable names to values"); continue; }
      for (auto e = v.begin(); e != v.end(); ++e) {
        auto ek = scalar(e->first), ev = scalar(e->second);
        if (!ek || !ev) x.error(e->first, "probe env entries must be NAME: value strings");
        else p.env[*ek] = *ev;
      }
    } else if (k == "baseline") read_baseline(x, v, &p);
    else
      x.error(it->first, "unknown key '" + k + "' in a probe (known: name, workload, image, command, args, workdir, "
                         "duration, warmup, grace, load, network, limit, env, baseline)");
  }
  if (!has_name) return x.error(n, "a probe needs a `name`");
  if (!has_workload) return x.error(n, "probe " + p.name + " needs a `workload` (an id or label printed by oomguard scan)");
  // (A key with a bad value was reported where it is written.)
  if (has_image == has_command)
    return x.error(n, "probe " + p.name + " needs exactly one of `image` or `command`");
  if (p.duration_s && p.warmup_s >= *p.duration_s)
    return x.error(n, "probe " + p.name + ": warmup must be shorter than duration");
  for (const auto& other : *names)
    if (other == p.name) return x.error(n, "probe name '" + p.name + "' is used twice");
  names->push_back(p.name);
  x.c->probes.push_back(std::move(p));
}

}  // namespace

void read_probes(ConfigCtx& x, const YAML::Node& v) {
  if (!v.IsSequence()) return x.error(v, "probes must be a list");
  std::vector<std::string> names;
  for (const auto& n : v) read_probe(x, n, &names);
}

}  // namespace og
