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
      j["overrides"] = std::move(chain);
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
    j["env"] = std::move(env);
    return j;
  }

  json probe(const ProbeResult& p) const {
    auto opt = [](const auto& v) { return v ? json(*v) : json(nullptr); };
    json applied = json::array();
    for (const auto& a : p.applied) {
      json x = {{"name", a.name}, {"value", a.value}, {"overridden", a.overridden}};
      if (a.loc.valid()) x["location"] = loc(a.loc);
      applied.push_back(x);
    }
    json series = json::array();
    for (const auto& s : p.series)
      series.push_back({s.t, s.usage, s.working_set, s.anon, s.file, s.swap});
    return {{"name", p.name}, {"workload", p.workload_id}, {"workload_label", p.workload_label}, {"engine", p.engine},
            {"started", p.started}, {"error", p.error}, {"exit", p.exit}, {"exit_status", p.exit_status},
            {"duration_reached", p.duration_reached}, {"wall_seconds", p.wall_s}, {"limit", p.limit},
            {"gomemlimit", opt(p.gomemlimit)}, {"applied", applied}, {"peak", opt(p.peak)}, {"oom_kills", opt(p.oom_kills)},
            {"first_oom_seconds", opt(p.first_oom_s)}, {"steady_p50", opt(p.p50)}, {"steady_p95", opt(p.p95)},
            {"memory_high_events", opt(p.high_events)}, {"failcnt", opt(p.failcnt)},
            {"baseline", {{"peak", opt(p.baseline_peak)}, {"steady_p95", opt(p.baseline_p95)}, {"tolerance_percent", p.tolerance_pct}}},
            {"sampler_cpu_percent_of_a_core", p.sampler_cpu_percent}, {"stderr_tail", p.stderr_tail},
            {"series_columns", {"t", "usage", "working_set", "anon", "file", "swap"}}, {"series", series}};
  }

  json finding(const Finding& f) const {
    json rel = json::array();
    for (const auto& r : f.related) rel.push_back({{"location", loc(r.loc)}, {"message", r.message}});
    json j = {{"rule_id", f.rule_id}, {"rule_name", f.rule_name}, {"level", level_name(f.level)},
              {"message", f.message}, {"help", f.help}, {"location", loc(f.loc)}, {"related", rel},
              {"setting", f.setting}, {"fingerprint", f.fingerprint}};
    j["workload"] = f.workload.empty() ? json(nullptr) : json(f.workload);
    if (!f.workload_label.empty()) j["workload_label"] = f.workload_label;
    if (f.suppression)
      j["suppression"] = {{"kind", f.suppression->kind}, {"justification", f.suppression->justification},
                          {"location", loc(f.suppression->loc)}};
    return j;
  }
};

}  // namespace

// Streamed: each finding and workload is built and written on its own, so a
// repository with 40,000 workloads does not hold one giant JSON tree.
void write_json(std::ostream& os, const ScanOutput& out, const WriteOptions&) {
  auto dump = [](const json& j, int indent) {
    // replace invalid UTF-8 from hostile inputs instead of throwing
    return j.dump(indent, ' ', false, json::error_handler_t::replace);
  };
  auto indent_block = [](const std::string& s) {
    std::string r = "    ";
    for (char c : s) {
      r += c;
      if (c == '\n') r += "    ";
    }
    return r;
  };
  auto array = [&](const char* key, auto each) {
    os << ",\n  \"" << key << "\": [";
    bool first = true;
    for (const auto& u : out.units) {
      J j{out, u};
      each(j, u, [&](const json& item) {
        os << (first ? "\n" : ",\n") << indent_block(dump(item, 2));
        first = false;
      });
    }
    os << (first ? "]" : "\n  ]");
  };
  int files = 0;
  size_t workloads = 0;
  for (const auto& u : out.units) {
    files += u.files_read;
    workloads += u.project.workloads.size();
  }
  Counts c = count_levels(out);
  json head = {{"name", "oomguard"}, {"version", OOMGUARD_VERSION}};
  int baselined = 0, fixed = 0;
  for (const auto& u : out.units) {
    baselined += u.baselined;
    fixed += static_cast<int>(u.fixed.size());
  }
  json summary = {{"error", c.error}, {"warning", c.warning}, {"note", c.note}, {"suppressed", c.suppressed},
                  {"baselined", baselined}, {"fixed", fixed}, {"files", files}, {"workloads", workloads}};
  os << "{\n  \"schema\": \"oomguard/findings/v1\",\n  \"tool\": " << dump(head, -1)
     << ",\n  \"summary\": " << dump(summary, -1);
  array("findings", [](const J& j, const ScanUnit& u, auto emit) {
    for (const auto& f : u.findings) emit(j.finding(f));
  });
  array("fixed", [](const J& j, const ScanUnit& u, auto emit) {
    for (const auto& f : u.fixed) emit(j.finding(f));
  });
  array("probes", [](const J& j, const ScanUnit& u, auto emit) {
    for (const auto& p : u.probes) emit(j.probe(p));
  });
  array("workloads", [](const J& j, const ScanUnit& u, auto emit) {
    for (const auto& w : u.project.workloads) emit(j.workload(w));
  });
  array("skipped", [&](const J& j, const ScanUnit& u, auto emit) {
    for (const auto& s : u.project.inputs.skipped)
      emit(json{{"file", out.display_path(u, s.path)}, {"reason", s.reason}});
  });
  os << "\n}\n";
}

}  // namespace og
