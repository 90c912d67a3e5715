#include "config/config.h"

#include <set>

#include <re2/re2.h>

#include <cmath>
#include <memory>

#include "config/config_internal.h"
#include "parse/yaml_source.h"
#include "quantity/quantity.h"

namespace og {

namespace {

bool parse_param(const std::string& type, const std::string& text, double* out) {
  if (type == "bytes") {
    int64_t b = 0;
    if (!parse_config_bytes(text, &b)) return false;
    *out = static_cast<double>(b);
    return true;
  }
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || !end || *end) return false;
  if (type == "int" && v != static_cast<double>(static_cast<long long>(v))) return false;
  if (type == "ratio" && !(v > 0 && v <= 1)) return false;  // NaN fails too
  if (!std::isfinite(v)) return false;
  *out = v;
  return true;
}

void read_rule(ConfigCtx& x, const std::string& id, const YAML::Node& key, const YAML::Node& v) {
  const RuleMeta* meta = find_rule(id);
  if (!meta) return x.error(key, "unknown rule ID '" + id + "' (see `oomguard rules`)");
  RuleSettings& s = x.c->selection.rules[id];
  auto set_level = [&](const YAML::Node& n) {
    Level l;
    auto str = scalar(n);
    if (!str || !parse_level(*str, &l)) return x.error(n, "level must be off, note, warning or error");
    s.level = l;
  };
  if (v.IsScalar()) return set_level(v);
  if (!v.IsMap()) return x.error(v, "rule settings must be a level or a mapping");
  for (auto it = v.begin(); it != v.end(); ++it) {
    std::string k = scalar(it->first).value_or("");
    if (k == "level") { set_level(it->second); continue; }
    const RuleParam* p = nullptr;
    for (const auto& mp : meta->params)
      if (mp.name == k) p = &mp;
    if (!p) {
      std::string known;
      for (const auto& mp : meta->params) known += (known.empty() ? "" : ", ") + mp.name;
      x.error(it->first, "unknown setting '" + k + "' for " + id + (known.empty() ? " (it has only `level`)" : " (known: level, " + known + ")"));
      continue;
    }
    double val;
    auto str = scalar(it->second);
    if (!str || !parse_param(p->type, *str, &val)) {
      x.error(it->second, "bad value for " + id + "." + k + ": expected " + p->type);
      continue;
    }
    s.params[k] = val;
  }
}

}  // namespace

std::vector<std::string> string_list(ConfigCtx& x, const YAML::Node& n, const char* what) {
  std::vector<std::string> out;
  if (!n.IsSequence()) { x.error(n, std::string(what) + " must be a list of strings"); return out; }
  for (const auto& i : n) {
    auto s = scalar(i);
    if (!s) x.error(i, std::string(what) + " entries must be strings");
    else out.push_back(*s);
  }
  return out;
}

// Vendored code is someone else's configuration: skipped unless the config
// says `default_excludes: false`. "**/" matches at any directory depth.
static const std::vector<std::string>& builtin_excludes() {
  static const std::vector<std::string> v{"**/vendor/", "**/third_party/"};
  return v;
}

Config default_config() {
  Config c;
  c.selection = default_selection();
  c.excludes = builtin_excludes();
  return c;
}

Config parse_config(const std::string& path, const std::string& text) {
  Config c = default_config();
  c.path = path;
  auto src = std::make_shared<SourceText>(text);
  YamlFile y = load_yaml(path, src);
  if (!y.errors.empty()) {
    c.errors = y.errors;
    return c;
  }
  ConfigCtx x{&c, YamlLocator(path, src)};
  if (y.docs.empty()) return c;
  if (y.docs.size() > 1) x.error(y.docs[1], "the config must be a single YAML document");
  const YAML::Node& root = y.docs.front();
  if (!root.IsMap()) { x.error(root, "the config must be a mapping"); return c; }
  bool defaults = true;
  std::vector<std::string> user_excludes;
  std::set<std::string> seen;
  for (auto it = root.begin(); it != root.end(); ++it) {
    std::string k = scalar(it->first).value_or("");
    YAML::Node v = it->second;  // a copy: `it->` returns a temporary
    // yaml-cpp keeps duplicate keys; reading both would merge two sections
    // (two `probes:` lists made --update-baselines edit the wrong one; fuzzing)
    if (!seen.insert(k).second) { x.error(it->first, "duplicate key '" + k + "'"); continue; }
    if (k == "rules") {
      if (!v.IsMap()) { x.error(v, "rules must be a mapping of rule IDs"); continue; }
      for (auto r = v.begin(); r != v.end(); ++r) read_rule(x, scalar(r->first).value_or(""), r->first, r->second);
    } else if (k == "exclude") {
      user_excludes = string_list(x, v, "exclude");
    } else if (k == "default_excludes") {
      auto b = scalar(v);
      if (b && (*b == "true" || *b == "false")) defaults = *b == "true";
      else x.error(v, "default_excludes must be true or false");
    } else if (k == "go_images") {
      if (!v.IsSequence()) { x.error(v, "go_images must be a list of RE2 patterns"); continue; }
      for (const auto& item : v) {
        auto p = scalar(item);
        if (!p) { x.error(item, "go_images entries must be strings"); continue; }
        RE2 re(*p, RE2::Quiet);
        if (!re.ok()) x.error(item, "go_images: invalid RE2 pattern '" + *p + "': " + re.error());
        else c.resolve.go_image_patterns.push_back(*p);
      }
    } else if (k == "images") {
      if (!v.IsMap()) { x.error(v, "images must map image names to Dockerfile paths or directories"); continue; }
      c.resolve.images_loc = x.at.loc(v);
      for (auto i = v.begin(); i != v.end(); ++i) {
        auto ik = scalar(i->first), iv = scalar(i->second);
        if (!ik || !iv) x.error(i->first, "images entries must be `image: path`");
        else c.resolve.images[*ik] = *iv;
      }
    } else if (k == "ignore") {
      read_ignore_entries(x, v);
    } else if (k == "suppressions") {
      read_suppression_settings(x, v);
    } else if (k == "probes") {
      c.probes_loc = x.at.loc(it->first);
      read_probes(x, v);
    } else {
      x.error(it->first, "unknown key '" + k + "' (known: rules, exclude, default_excludes, images, go_images, ignore, suppressions, probes)");
    }
  }
  c.excludes = defaults ? builtin_excludes() : std::vector<std::string>{};
  c.excludes.insert(c.excludes.end(), user_excludes.begin(), user_excludes.end());
  return c;
}

namespace {

std::vector<std::string> split_ids(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t e = s.find(',', pos);
    if (e == std::string::npos) e = s.size();
    std::string id = s.substr(pos, e - pos);
    while (!id.empty() && id.front() == ' ') id.erase(id.begin());
    while (!id.empty() && id.back() == ' ') id.pop_back();
    if (!id.empty()) out.push_back(id);
    pos = e + 1;
  }
  return out;
}

bool matches(const std::string& id, const std::string& pat) { return id.rfind(pat, 0) == 0; }

}  // namespace

bool apply_select_ignore(Config* c, const std::string& select, const std::string& ignore, std::string* err) {
  auto check = [&](const std::vector<std::string>& ids) {
    for (const auto& p : ids) {
      bool any = false;
      for (const auto& m : rule_catalog()) any = any || matches(m.id, p) || m.name == p;
      if (!any) { *err = "unknown rule ID or prefix '" + p + "'"; return false; }
    }
    return true;
  };
  std::vector<std::string> sel = split_ids(select), ign = split_ids(ignore);
  if (!check(sel) || !check(ign)) return false;
  for (auto& entry : c->selection.rules) {
    const std::string& id = entry.first;
    auto& s = entry.second;
    const RuleMeta* m = find_rule(id);
    auto hit = [&](const std::vector<std::string>& ids) {
      for (const auto& p : ids) if (matches(id, p) || (m && m->name == p)) return true;
      return false;
    };
    if (!sel.empty() && !hit(sel)) s.level = Level::Off;
    if (hit(ign)) s.level = Level::Off;
  }
  return true;
}

}  // namespace og
