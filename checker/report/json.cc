// JSON output, schema "oomguard/findings/v1" (documented in the README).
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace og {

namespace {

using nlohmann::json;

struct J {
  const ScanOutput& out;
  const ScanUnit& u;

  json loc(const Location& l) const {
    json j = {{"file", out.display_path(u, l.file)}};
    if (l.line > 0) {
      j["line"] = l.line;
      j["column"] = l.col;
      j["end_line"] = l.end_line ? l.end_line : l.line;
      j["end_column"] = l.end_col ? l.end_col : l.col;
    }
    return j;
  }

  json mem(const std::optional<MemValue>& v) const {
    if (!v) return nullptr;
    json j = {{"raw", v->raw}, {"field", v->field}, {"location", loc(v->loc)},
              {"format", v->format == QuantityFormat::Kubernetes ? "kubernetes" : "docker"}};
    if (v->ok) j["bytes"] = v->bytes;
    else j["error"] = v->error;
    if (!v->origin.empty()) j["origin"] = v->origin;
    return j;
  }

  json env_value(const EnvValue& e, bool with_chain) const {
    static const char* from[] = {"literal", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fieldRef", "unknown"};
    json j = {{"value", e.value}, {"raw", e.raw}, {"source", e.source}, {"from", from[static_cast<int>(e.from)]},
              {"location", loc(e.loc)}};
    if (!e.unresolved.empty()) j["unresolved"] = e.unresolved;
    if (e.ref_missing) j["missing"] = true;
    if (with_chain && !e.overridden.empty()) {
      json chain = json::array();
      for (const auto& o : e.overridden) chain.push_back(env_value(o, false));
      j["overrides"] = chain;
    }
    return j;
  }

  json workload(const Workload& w) const {
    json env = json::object();
    for (const auto& [k, v] : w.env) env[k] = env_value(v, true);
    json j = {{"id", w.id()}, {"label", w.label()}, {"kind", kind_name(w.kind)}, {"object_kind", w.object_kind},
              {"file", out.display_path(u, w.file)}, {"location", loc(w.loc)}, {"name", w.name}};
    if (!w.ns.empty()) j["namespace"] = w.ns;
    if (!w.container.empty()) j["container"] = w.container;
    if (!w.image.empty()) j["image"] = w.image;
    if (!w.dockerfile.empty())
      j["dockerfile"] = {{"path", out.display_path(u, w.dockerfile)}, {"target", w.dockerfile_target}, {"link", w.link}};
    j["go"] = {{"is_go", w.go.is_go}, {"reason", w.go.reason}};
    if (w.go.loc.valid()) j["go"]["location"] = loc(w.go.loc);
    j["automemlimit_module"] = w.automemlimit_module;
    j["memory"] = {{"limit", mem(w.limit)}, {"request", mem(w.request)}, {"swap", mem(w.swap)},
                   {"swap_unlimited", w.swap_unlimited}};
    j["env"] = env;
    return j;
  }

  json finding(const Finding& f) const {
    json rel = json::array();
    for (const auto& r : f.related) rel.push_back({{"location", loc(r.loc)}, {"message", r.message}});
    json j = {{"rule_id", f.rule_id}, {"rule_name", f.rule_name}, {"level", level_name(f.level)},
              {"message", f.message}, {"help", f.help}, {"location", loc(f.loc)}, {"related", rel},
              {"setting", f.setting}, {"fingerprint", f.fingerprint}};
    j["workload"] = f.workload.empty() ? json(nullptr) : json(f.workload);
    if (!f.workload_label.empty()) j["workload_label"] = f.workload_label;
    return j;
  }
};

}  // namespace

void write_json(std::ostream& os, const ScanOutput& out) {
  json findings = json::array(), workloads = json::array(), skipped = json::array();
  int files = 0;
  for (const auto& u : out.units) {
    J j{out, u};
    files += u.files_read;
    for (const auto& f : u.findings) findings.push_back(j.finding(f));
    for (const auto& w : u.project.workloads) workloads.push_back(j.workload(w));
    for (const auto& s : u.project.inputs.skipped)
      skipped.push_back({{"file", out.display_path(u, s.path)}, {"reason", s.reason}});
  }
  Counts c = count_levels(out);
  json doc = {{"schema", "oomguard/findings/v1"},
              {"tool", {{"name", "oomguard"}, {"version", OOMGUARD_VERSION}}},
              {"summary", {{"error", c.error}, {"warning", c.warning}, {"note", c.note},
                           {"files", files}, {"workloads", workloads.size()}}},
              {"findings", findings},
              {"workloads", workloads},
              {"skipped", skipped}};
  // replace invalid UTF-8 from hostile inputs instead of throwing
  os << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace og
