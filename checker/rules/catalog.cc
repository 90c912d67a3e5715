#include "rules/catalog.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <mutex>

#include "parse/yaml_source.h"
#include "quantity/quantity.h"
#include "rules/rule_meta_embed.h"

namespace og {

namespace {

std::string str(const YAML::Node& n, const char* key) { return scalar(child(n, key)).value_or(""); }

bool parse_param_default(const std::string& type, const std::string& text, double* out) {
  if (type == "bytes") {
    GoMemLimit g = parse_gomemlimit(text);
    if (g.kind != GoMemLimit::Kind::Bytes) return false;
    *out = static_cast<double>(g.bytes);
    return true;
  }
  char* end = nullptr;
  *out = std::strtod(text.c_str(), &end);
  return !text.empty() && end && *end == '\0';
}

RuleMeta parse_meta(const EmbeddedRuleFile& f, std::vector<std::string>* errors) {
  RuleMeta m;
  m.source_file = std::string("rules/") + f.name;
  auto err = [&](const std::string& e) { errors->push_back(m.source_file + ": " + e); };
  YAML::Node n;
  try {
    n = YAML::Load(f.content);
  } catch (const YAML::Exception& e) {
    err(e.what());
    m.id = std::string(f.name).substr(0, 5);
    return m;
  }
  m.id = str(n, "id");
  m.name = str(n, "name");
  m.title = str(n, "title");
  if (!parse_level(str(n, "level"), &m.level) || m.level == Level::Off) err("level must be note|warning|error");
  YAML::Node msg = child(n, "message");
  if (msg.IsScalar()) m.messages["default"] = msg.Scalar();
  else if (msg.IsMap())
    for (auto it = msg.begin(); it != msg.end(); ++it) m.messages[it->first.Scalar()] = it->second.Scalar();
  if (!m.messages.count("default")) err("message (or message.default) is required");
  if (YAML::Node h = child(n, "help"); h.IsMap()) {
    for (auto it = h.begin(); it != h.end(); ++it)
      if (it->first.Scalar() == "default") m.help = it->second.Scalar();
      else m.helps[it->first.Scalar()] = it->second.Scalar();
  } else {
    m.help = str(n, "help");
  }
  m.why = str(n, "why");
  m.fix = str(n, "fix");
  m.example_bad = str(n, "example_bad");
  m.example_good = str(n, "example_good");
  m.precision = str(n, "precision");
  if (YAML::Node t = child(n, "tags"); t.IsSequence())
    for (const auto& x : t) m.tags.push_back(x.Scalar());
  if (YAML::Node ps = child(n, "params"); ps.IsSequence())
    for (const auto& p : ps) {
      RuleParam rp;
      rp.name = str(p, "name");
      rp.type = str(p, "type");
      rp.default_text = str(p, "default");
      rp.description = str(p, "description");
      if (!parse_param_default(rp.type, rp.default_text, &rp.default_value))
        err("param " + rp.name + ": bad default '" + rp.default_text + "' for type " + rp.type);
      m.params.push_back(rp);
    }
  if (m.help.empty()) err("missing help (or help.default)");
  for (const char* k : {"id", "name", "title", "why", "fix", "example_bad", "example_good", "precision"})
    if (str(n, k).empty()) err(std::string("missing ") + k);
  if (std::string(f.name) != m.id + ".yaml") err("file name must be " + m.id + ".yaml");
  return m;
}

}  // namespace

const std::vector<RuleMeta>& rule_catalog(std::vector<std::string>* errors) {
  static std::vector<std::string> errs;
  static std::vector<RuleMeta> cat;
  static std::once_flag once;
  std::call_once(once, [] {
    for (const auto& f : embedded_rule_files()) cat.push_back(parse_meta(f, &errs));
    std::sort(cat.begin(), cat.end(), [](const RuleMeta& a, const RuleMeta& b) { return a.id < b.id; });
  });
  if (errors) *errors = errs;
  return cat;
}

const RuleMeta* find_rule(const std::string& id) {
  for (const auto& m : rule_catalog())
    if (m.id == id) return &m;
  return nullptr;
}

std::string render_template(const std::string& tpl, const std::map<std::string, std::string>& args) {
  std::string out;
  for (size_t i = 0; i < tpl.size(); ++i) {
    if (tpl[i] == '{') {
      size_t close = tpl.find('}', i);
      if (close != std::string::npos) {
        auto it = args.find(tpl.substr(i + 1, close - i - 1));
        if (it != args.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += tpl[i];
  }
  return out;
}

}  // namespace og
