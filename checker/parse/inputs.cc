#include "parse/inputs.h"
#include "util/paths.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <thread>

namespace og {

namespace {

// What parsing one file produced; merged into Inputs in path order.
struct FileResult {
  std::optional<Dockerfile> dockerfile;
  std::optional<EnvFile> env_file;
  std::optional<GoMod> gomod;
  std::optional<YamlFile> compose_yaml;  // compose needs the .env beside it: phase 2
  K8sFile k8s;
  bool is_k8s = false;
  std::vector<DockerRunCmd> runs;
  std::vector<ParseError> unparsable;
  std::optional<SkippedFile> skipped;
};

bool contains(std::string_view s, std::string_view needle) { return s.find(needle) != std::string_view::npos; }

bool looks_like_manifest(std::string_view text) {
  return (contains(text, "apiVersion") && contains(text, "kind")) || contains(text, "\nservices:") ||
         text.rfind("services:", 0) == 0;
}

// yaml-cpp rejects some valid JSON (e.g. \u escapes of surrogate pairs). For a
// .json file that nlohmann accepts, build the nodes from it (positions are then
// whole-file: a value's line cannot be recovered).
YAML::Node json_to_yaml(const nlohmann::json& j, int depth) {
  if (depth > 256) return YAML::Node();
  if (j.is_object()) {
    YAML::Node n(YAML::NodeType::Map);
    for (auto it = j.begin(); it != j.end(); ++it) n[it.key()] = json_to_yaml(it.value(), depth + 1);
    return n;
  }
  if (j.is_array()) {
    YAML::Node n(YAML::NodeType::Sequence);
    for (const auto& v : j) n.push_back(json_to_yaml(v, depth + 1));
    return n;
  }
  if (j.is_string()) return YAML::Node(j.get<std::string>());
  if (j.is_null()) return YAML::Node();
  return YAML::Node(j.dump());
}

bool json_fallback(const SourceFile& f, YamlFile* y) {
  nlohmann::json j = nlohmann::json::parse(f.text->content(), nullptr, false);
  if (j.is_discarded()) return false;
  y->errors.clear();
  y->docs = {json_to_yaml(j, 0)};
  return true;
}

// Cheap pre-check: YAML that mentions none of these keys is neither a
// Kubernetes object nor a compose file, so it is not parsed at all.
bool may_be_manifest(std::string_view text) {
  return text.find("kind") != std::string_view::npos || text.find("services") != std::string_view::npos;
}

void parse_yaml_like(const SourceFile& f, FileResult* r) {
  std::string_view text = f.text->content();
  if (!may_be_manifest(text)) return;
  YamlFile y = load_yaml(f.path, f.text);
  if (!y.errors.empty() && (f.kinds & kJson)) json_fallback(f, &y);
  if (!y.errors.empty()) {
    if (contains(text, "{{") && contains(text, "}}"))
      r->skipped = SkippedFile{f.path, "template file ({{ ... }}); render it first, e.g. `helm template CHART | "
                                       "oomguard scan - --stdin-name rendered.yaml`"};
    else if (looks_like_manifest(text))
      r->unparsable.push_back(y.errors.front());
    return;
  }
  bool compose = false;
  for (const auto& d : y.docs)
    if (is_compose_document(d)) compose = true;
  extract_k8s(y, &r->k8s);
  r->is_k8s = r->k8s.objects > 0;
  for (auto& e : r->k8s.errors) r->unparsable.push_back(e);
  r->k8s.errors.clear();
  if (compose) r->compose_yaml = std::move(y);
}

FileResult parse_one(const SourceFile& f) {
  FileResult r;
  std::string_view text = f.text->content();
  if (f.kinds & kDockerfile) {
    Dockerfile d = parse_dockerfile(f.path, text);
    for (auto& e : d.errors) r.unparsable.push_back(e);
    r.dockerfile = std::move(d);
  }
  if (f.kinds & (kYaml | kJson)) parse_yaml_like(f, &r);
  if (f.kinds & kEnvFile) {
    EnvFile e = parse_env_file(f.path, text);
    r.env_file = std::move(e);
  }
  if ((f.kinds & kScript) && (contains(text, "docker") || contains(text, "podman")))
    r.runs = find_docker_runs(f.path, text);
  if (f.kinds & kGoMod) r.gomod = parse_gomod(f.path, text);
  return r;
}

std::string join(const std::string& dir, const std::string& rel) {
  if (!rel.empty() && rel[0] == '/') return rel;
  std::string out = dir.empty() ? rel : dir + "/" + rel;
  // normalise ./ and ../ segments
  std::vector<std::string> parts;
  size_t pos = 0;
  while (pos <= out.size()) {
    size_t e = out.find('/', pos);
    if (e == std::string::npos) e = out.size();
    std::string seg = out.substr(pos, e - pos);
    if (seg == "..") { if (!parts.empty() && parts.back() != "..") parts.pop_back(); else parts.push_back(seg); }
    else if (!seg.empty() && seg != ".") parts.push_back(seg);
    pos = e + 1;
  }
  std::string r;
  for (auto& p : parts) r += (r.empty() ? "" : "/") + p;
  return r;
}

template <class F>
void parallel_for(size_t n, int jobs, F fn) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next++) < n;) fn(i);
  };
  std::vector<std::thread> pool;
  for (int j = 1; j < jobs && static_cast<size_t>(j) < n; ++j) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

}  // namespace

std::string normalize_join(const std::string& dir, const std::string& rel) { return join(dir, rel); }

Inputs parse_inputs(std::vector<SourceFile> files, std::vector<SkippedFile> skipped, int jobs, const ReadMore& read_more) {
  Inputs in;
  in.skipped = std::move(skipped);
  std::vector<FileResult> results(files.size());
  parallel_for(files.size(), jobs, [&](size_t i) { results[i] = parse_one(files[i]); });

  std::vector<std::pair<std::string, YamlFile>> compose_todo;
  for (size_t i = 0; i < files.size(); ++i) {
    FileResult& r = results[i];
    const std::string& p = files[i].path;
    in.texts[p] = files[i].text;
    if (r.dockerfile) in.dockerfiles.emplace(p, std::move(*r.dockerfile));
    if (r.env_file) in.env_files.emplace(p, std::move(*r.env_file));
    if (r.gomod) in.gomods.emplace(p, std::move(*r.gomod));
    if (r.compose_yaml) compose_todo.emplace_back(p, std::move(*r.compose_yaml));
    if (r.is_k8s) {
      in.k8s_files++;
      auto mv = [](auto& dst, auto& src) { for (auto& x : src) dst.push_back(std::move(x)); };
      mv(in.k8s.pods, r.k8s.pods);
      mv(in.k8s.config_maps, r.k8s.config_maps);
      mv(in.k8s.limit_ranges, r.k8s.limit_ranges);
      mv(in.k8s.kubelet_configs, r.k8s.kubelet_configs);
      mv(in.k8s.skaffold, r.k8s.skaffold);
      in.k8s.objects += r.k8s.objects;
    }
    for (auto& d : r.runs) in.docker_runs.push_back(std::move(d));
    for (auto& e : r.unparsable) in.unparsable.push_back(std::move(e));
    if (r.skipped) in.skipped.push_back(std::move(*r.skipped));
  }

  // Phase 2: compose files, interpolated from the .env beside each of them.
  std::vector<ComposeFile> composed(compose_todo.size());
  parallel_for(compose_todo.size(), jobs, [&](size_t i) {
    const std::string dotenv_path = join(dir_of(compose_todo[i].first), ".env");
    auto it = in.env_files.find(dotenv_path);
    const EnvFile* dotenv = it == in.env_files.end() ? nullptr : &it->second;
    EnvLookup lookup = [dotenv](std::string_view name) -> std::optional<std::string> {
      return dotenv ? env_file_value(*dotenv, name) : std::nullopt;
    };
    extract_compose(compose_todo[i].second, lookup, &composed[i]);
  });
  for (size_t i = 0; i < compose_todo.size(); ++i) {
    for (auto& e : composed[i].errors) in.unparsable.push_back(e);
    in.compose_files.emplace(compose_todo[i].first, std::move(composed[i]));
  }

  // Phase 3: env files that compose names but discovery did not pick up.
  for (auto& [path, cf] : in.compose_files)
    for (auto& svc : cf.services)
      for (auto& ef : svc.env_files) {
        std::string p = join(dir_of(path), ef.path);
        if (in.env_files.count(p) || !read_more) continue;
        SourceFile sf;
        std::string reason;
        if (read_more(p, &sf, &reason)) {
          in.texts[p] = sf.text;
          in.env_files.emplace(p, parse_env_file(p, sf.text->content()));
        }
      }
  return in;
}

}  // namespace og
