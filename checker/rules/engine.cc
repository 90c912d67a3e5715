#include "rules/engine.h"

#include <algorithm>
#include <set>

namespace og {

RuleSelection default_selection() {
  RuleSelection s;
  for (const auto& m : rule_catalog()) {
    RuleSettings rs;
    rs.level = m.level;
    for (const auto& p : m.params) rs.params[p.name] = p.default_value;
    s.rules[m.id] = rs;
  }
  return s;
}

double RuleContext::param(const std::string& name) const {
  auto it = settings_.params.find(name);
  if (it != settings_.params.end()) return it->second;
  for (const auto& p : meta_.params)
    if (p.name == name) return p.default_value;
  return 0;
}

void RuleContext::report(const Emit& e) {
  Finding f;
  f.rule_id = meta_.id;
  f.rule_name = meta_.name;
  // A variant's own level applies only while the user has not set the rule's level.
  f.level = (e.level && settings_.level == meta_.level) ? *e.level : settings_.level;
  auto tpl = meta_.messages.find(e.variant);
  if (tpl == meta_.messages.end()) tpl = meta_.messages.find("default");
  f.message = tpl == meta_.messages.end() ? meta_.title : render_template(tpl->second, e.args);
  auto help = meta_.helps.find(e.help_variant);
  f.help = render_template(help == meta_.helps.end() ? meta_.help : help->second, e.args);
  f.loc = e.loc;
  f.related = e.related;
  if (e.workload) {
    f.workload = e.workload->id();
    f.workload_label = e.workload->label();
  }
  f.setting = e.setting;
  f.fingerprint = make_fingerprint(f.rule_id, f.workload, f.setting, f.loc.file);
  out_->push_back(std::move(f));
}

namespace {

void run_phase(Phase phase, const Project& p, const RuleSelection& sel, std::vector<Finding>* all,
               const RuleContext::Inputs& in = {}) {
  for (const auto& impl : rule_registry()) {
    if (impl.phase != phase) continue;
    auto s = sel.rules.find(impl.id);
    if (s == sel.rules.end() || s->second.level == Level::Off) continue;
    const RuleMeta* meta = find_rule(impl.id);
    if (!meta) continue;
    RuleContext ctx(p, *meta, s->second, all, in);
    impl.check(ctx);
  }
}

}  // namespace

void sort_findings(std::vector<Finding>* v) {
  std::stable_sort(v->begin(), v->end(), [](const Finding& a, const Finding& b) {
    if (a.loc.file != b.loc.file) return a.loc.file < b.loc.file;
    if (a.loc.line != b.loc.line) return a.loc.line < b.loc.line;
    if (a.loc.col != b.loc.col) return a.loc.col < b.loc.col;
    if (a.rule_id != b.rule_id) return a.rule_id < b.rule_id;
    return a.workload < b.workload;
  });
}

namespace {

// The same fact is reported once per workload.
void dedup(std::vector<Finding>* all) {
  std::set<std::string> seen;
  std::vector<Finding> out;
  for (auto& f : *all)
    if (seen.insert(f.fingerprint).second) out.push_back(std::move(f));
  *all = std::move(out);
}

}  // namespace

std::vector<Finding> run_rules(const Project& p, const RuleSelection& sel, Suppressions* sup) {
  std::vector<Finding> out;
  run_phase(Phase::Workloads, p, sel, &out);
  dedup(&out);
  Suppressions none;
  if (!sup) sup = &none;
  apply_suppressions(&out, sup);
  RuleContext::Inputs in;
  in.suppressions = sup;
  run_phase(Phase::Findings, p, sel, &out, in);
  dedup(&out);
  sort_findings(&out);
  return out;
}

std::vector<Finding> run_probe_rules(const Project& p, const RuleSelection& sel, const std::vector<ProbeResult>& r) {
  std::vector<Finding> out;
  RuleContext::Inputs in;
  in.probes = &r;
  run_phase(Phase::Probe, p, sel, &out, in);
  dedup(&out);
  sort_findings(&out);
  return out;
}

std::vector<Finding> run_change_rules(const Project& p, const RuleSelection& sel,
                                      const std::vector<ProbeSpecChange>& changes) {
  std::vector<Finding> out;
  RuleContext::Inputs in;
  in.probe_changes = &changes;
  run_phase(Phase::Change, p, sel, &out, in);
  dedup(&out);
  sort_findings(&out);
  return out;
}

bool runs_in_scan(const std::string& id) {
  Phase ph = rule_phase(id);
  return ph == Phase::Workloads || ph == Phase::Findings;
}

Phase rule_phase(const std::string& id) {
  for (const auto& r : rule_registry())
    if (id == r.id) return r.phase;
  return Phase::Workloads;
}

}  // namespace og
