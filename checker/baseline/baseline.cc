#include "baseline/baseline.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace og {

using nlohmann::json;

namespace {
constexpr const char* kSchema = "oomguard/baseline/v1";
}

bool load_baseline(const std::string& path, Baseline* out, std::string* err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *err = "cannot read baseline " + path;
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  json j = json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("schema", "") != kSchema || !j["findings"].is_array()) {
    *err = path + " is not an oomguard baseline (expected JSON with \"schema\": \"" + kSchema + "\")";
    return false;
  }
  for (const auto& f : j["findings"]) {
    if (!f.is_object() || !f.contains("fingerprint") || !f["fingerprint"].is_string()) {
      *err = path + ": every finding needs a \"fingerprint\" string";
      return false;
    }
    auto str = [&](const char* k) { return f.contains(k) && f[k].is_string() ? f[k].get<std::string>() : ""; };
    out->entries.push_back({str("fingerprint"), str("rule_id"), str("workload"), str("file"), str("message")});
  }
  return true;
}

Baseline baseline_of(const ScanOutput& out) {
  std::map<std::string, BaselineEntry> by_fp;
  for (const auto& u : out.units)
    for (const auto& f : u.findings)
      if (!f.suppression) by_fp.emplace(f.fingerprint, BaselineEntry{f.fingerprint, f.rule_id, f.workload, f.loc.file, f.message});
  Baseline b;
  for (auto& [fp, e] : by_fp) b.entries.push_back(std::move(e));
  return b;
}

// One finding per line: a baseline is reviewed in diffs, and pruning shows
// up as removed lines.
std::string baseline_json(const Baseline& b) {
  std::string s = "{\n  \"schema\": \"" + std::string(kSchema) + "\",\n  \"findings\": [";
  bool first = true;
  for (const auto& e : b.entries) {
    json j = {{"fingerprint", e.fingerprint}, {"rule_id", e.rule_id}, {"workload", e.workload}, {"file", e.file},
              {"message", e.message}};
    s += (first ? "\n    " : ",\n    ") + j.dump(-1, ' ', false, json::error_handler_t::replace);
    first = false;
  }
  return s + (first ? "]\n}\n" : "\n  ]\n}\n");
}

std::vector<Finding> findings_of(const Baseline& b) {
  std::vector<Finding> out;
  for (const auto& e : b.entries) {
    Finding f;
    f.fingerprint = e.fingerprint;
    f.rule_id = e.rule_id;
    f.workload = e.workload;
    f.loc.file = e.file;
    f.message = e.message;
    out.push_back(std::move(f));
  }
  return out;
}

void subtract_known(ScanUnit* u, const std::vector<Finding>& known, bool list_fixed) {
  std::set<std::string> known_fp, current_fp;
  for (const auto& k : known) known_fp.insert(k.fingerprint);
  std::vector<Finding> kept;
  for (auto& f : u->findings) {
    if (!f.suppression) current_fp.insert(f.fingerprint);
    if (!f.suppression && known_fp.count(f.fingerprint)) {
      u->baselined++;
      continue;
    }
    kept.push_back(std::move(f));
  }
  u->findings = std::move(kept);
  if (!list_fixed) return;
  std::set<std::string> listed;
  for (const auto& k : known)
    if (!current_fp.count(k.fingerprint) && listed.insert(k.fingerprint).second) u->fixed.push_back(k);
}

}  // namespace og
