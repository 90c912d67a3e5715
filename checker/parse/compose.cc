#include "parse/compose.h"

#include "parse/k8s.h"
#include "parse/mem_value.h"

namespace og {

namespace {

struct Ctx {
  const YamlLocator& at;
  const EnvLookup& dotenv;
  ComposeFile* out;

  void error(const YAML::Node& n, std::string msg) { out->errors.push_back({at.loc(n), std::move(msg)}); }

  // Interpolates a scalar as compose does; records ${X:?err} failures.
  std::optional<std::string> text(const YAML::Node& n, std::vector<std::string>* unresolved = nullptr) {
    auto s = scalar(n);
    if (!s) return std::nullopt;
    InterpolationResult r = interpolate_compose(*s, dotenv);
    if (r.error) error(n, "interpolation: " + *r.error);
    if (unresolved) *unresolved = r.unresolved;
    return r.value;
  }
};

std::optional<MemValue> mem(Ctx& c, const YAML::Node& n, const std::string& field) {
  if (!n.IsDefined() || n.IsNull()) return std::nullopt;
  if (!n.IsScalar()) {
    c.error(n, field + " must be a byte size");
    return std::nullopt;
  }
  return make_mem_value(*c.text(n), c.at.loc(n), QuantityFormat::Docker, field);
}

void read_env_files(Ctx& c, const YAML::Node& n, ComposeService* s) {
  if (!n.IsDefined() || n.IsNull()) return;
  auto add = [&](const YAML::Node& p, bool required) {
    if (auto v = c.text(p)) s->env_files.push_back({*v, required, c.at.loc(p)});
  };
  if (n.IsScalar()) return add(n, true);
  if (!n.IsSequence()) return c.error(n, "env_file must be a string or a list");
  for (const auto& e : n) {
    if (e.IsScalar()) add(e, true);
    else if (e.IsMap()) {
      auto req = scalar(child(e, "required"));
      add(child(e, "path"), !req || (*req != "false" && *req != "False" && *req != "FALSE"));
    } else c.error(e, "env_file entry must be a path");
  }
}

void read_environment(Ctx& c, const YAML::Node& n, ComposeService* s) {
  if (!n.IsDefined() || n.IsNull()) return;
  if (n.IsMap()) {
    for (auto it = n.begin(); it != n.end(); ++it) {
      ComposeEnvItem e;
      e.key = scalar(it->first).value_or("");
      e.key_loc = c.at.loc(it->first);
      if (it->second.IsNull() || !it->second.IsDefined()) {
        e.bare = true;
        e.value_loc = e.key_loc;
      } else {
        e.raw = scalar(it->second).value_or("");
        e.value = c.text(it->second, &e.unresolved).value_or("");
        e.value_loc = c.at.loc(it->second);
      }
      s->environment.push_back(std::move(e));
    }
    return;
  }
  if (!n.IsSequence()) return c.error(n, "environment must be a mapping or a list");
  for (const auto& item : n) {
    auto raw = scalar(item);
    if (!raw) { c.error(item, "environment entry must be a string"); continue; }
    ComposeEnvItem e;
    Location l = c.at.loc(item);
    size_t eq = raw->find('=');
    std::string_view src_line = c.at.text().line(l.line);
    bool quoted = l.line && static_cast<size_t>(l.col - 1) < src_line.size() &&
                  (src_line[static_cast<size_t>(l.col - 1)] == '"' || src_line[static_cast<size_t>(l.col - 1)] == '\'');
    int base = l.col + (quoted ? 1 : 0);
    // Offsets inside the item are exact only when the scalar is written as it
    // reads (no escapes, not folded over lines); otherwise key and value point
    // at the whole item (a folded plain scalar once gave columns past the line).
    // (An escape in the value keeps the key and the value's start exact; its
    // end is then the end of the item.)
    const size_t b0 = static_cast<size_t>(base - 1);
    auto written = [&](size_t n) { return l.line > 0 && b0 <= src_line.size() && src_line.substr(b0, n) == raw->substr(0, n); };
    const bool key_verbatim = written(eq == std::string::npos ? raw->size() : eq + 1);
    const bool verbatim = key_verbatim && written(raw->size());
    e.key = raw->substr(0, eq);
    e.key_loc = key_verbatim ? Location::at(l.file, l.line, base, base + static_cast<int>(e.key.size())) : l;
    if (eq == std::string::npos) {
      e.bare = true;
      e.value_loc = e.key_loc;
    } else {
      e.raw = raw->substr(eq + 1);
      InterpolationResult r = interpolate_compose(e.raw, c.dotenv);
      if (r.error) c.error(item, "interpolation: " + *r.error);
      e.value = r.value;
      e.unresolved = r.unresolved;
      int vcol = base + static_cast<int>(eq) + 1;
      if (verbatim) e.value_loc = Location::at(l.file, l.line, vcol, vcol + static_cast<int>(e.raw.size()));
      else if (key_verbatim) e.value_loc = Location::at(l.file, l.line, vcol, std::max(vcol, l.end_col - (quoted ? 1 : 0)));
      else e.value_loc = l;
    }
    s->environment.push_back(std::move(e));
  }
}

void read_labels(Ctx& c, const YAML::Node& n, ComposeService* s) {
  if (is_map(n)) {
    for (auto it = n.begin(); it != n.end(); ++it)
      if (auto k = scalar(it->first)) {
        s->labels[*k] = scalar(it->second).value_or("");
        if (k->rfind("oomguard.io/", 0) == 0) s->oomguard_label_locs[*k] = c.at.loc(it->second);
      }
  } else if (is_seq(n)) {
    for (const auto& i : n)
      if (auto v = scalar(i)) {
        size_t eq = v->find('=');
        std::string k = v->substr(0, eq);
        s->labels[k] = eq == std::string::npos ? "" : v->substr(eq + 1);
        if (k.rfind("oomguard.io/", 0) == 0) s->oomguard_label_locs[k] = c.at.loc(i);
      }
  }
}

void read_service(Ctx& c, const YAML::Node& key, const YAML::Node& svc) {
  ComposeService s;
  s.name = scalar(key).value_or("");
  s.loc = c.at.loc(key);
  if (!svc.IsMap()) {
    if (!svc.IsNull()) c.error(svc, "service '" + s.name + "' must be a mapping");
    c.out->services.push_back(std::move(s));
    return;
  }
  YAML::Node img = child(svc, "image");
  s.image = c.text(img).value_or("");
  s.image_loc = c.at.loc(img);
  YAML::Node build = child(svc, "build");
  if (build.IsDefined() && !build.IsNull()) {
    s.has_build = true;
    s.build_loc = c.at.loc(build);
    if (build.IsScalar()) s.build_context = *c.text(build);
    else {
      s.build_context = c.text(child(build, "context")).value_or(".");
      s.build_dockerfile = c.text(child(build, "dockerfile")).value_or("");
      s.build_target = c.text(child(build, "target")).value_or("");
    }
  }
  s.mem_limit = mem(c, child(svc, "mem_limit"), "mem_limit");
  s.memswap_limit = mem(c, child(svc, "memswap_limit"), "memswap_limit");
  s.mem_reservation = mem(c, child(svc, "mem_reservation"), "mem_reservation");
  YAML::Node res = child(child(svc, "deploy"), "resources");
  s.deploy_limit = mem(c, child(child(res, "limits"), "memory"), "deploy.resources.limits.memory");
  s.deploy_reservation = mem(c, child(child(res, "reservations"), "memory"), "deploy.resources.reservations.memory");
  read_env_files(c, child(svc, "env_file"), &s);
  read_environment(c, child(svc, "environment"), &s);
  read_labels(c, child(svc, "labels"), &s);
  c.out->services.push_back(std::move(s));
}

}  // namespace

bool is_compose_document(const YAML::Node& doc) {
  if (!is_map(doc) || is_k8s_object(doc)) return false;
  YAML::Node services = child(doc, "services");
  if (!is_map(services)) return false;
  for (auto it = services.begin(); it != services.end(); ++it)
    if (!it->second.IsMap() && !it->second.IsNull()) return false;
  return true;
}

void extract_compose(const YamlFile& file, const EnvLookup& dotenv, ComposeFile* out) {
  YamlLocator at(file.path, file.text);
  Ctx c{at, dotenv, out};
  for (const auto& d : file.docs) {
    if (!is_compose_document(d)) continue;
    YAML::Node services = child(d, "services");
    for (auto it = services.begin(); it != services.end(); ++it) read_service(c, it->first, it->second);
  }
}

}  // namespace og
