// Tests for checker/parse/k8s: extracting the memory-relevant parts of
// Kubernetes objects (pod-bearing workloads, LimitRange, KubeletConfiguration,
// skaffold) with exact locations, and located shape errors that do not stop
// the rest of the file. Semantics: docs memory-semantics §2.
#include <doctest/doctest.h>

#include "test_support.h"

#include <memory>
#include <string>
#include <vector>

#include "parse/k8s.h"

using og::K8sContainer;
using og::K8sEnvEntry;
using og::K8sFile;
using og::K8sPodObject;
using og::Location;

namespace {

using og::test::lines;
using og::test::span;


K8sFile extract(const std::string& text, const std::string& path = "k.yaml") {
  auto src = std::make_shared<const og::SourceText>(text);
  og::YamlFile y = og::load_yaml(path, src);
  REQUIRE(y.errors.empty());
  K8sFile out;
  og::extract_k8s(y, &out);
  return out;
}

std::vector<std::string> container_names(const K8sPodObject& p) {
  std::vector<std::string> v;
  for (const auto& c : p.containers) v.push_back((c.init ? "init:" : "") + c.name);
  return v;
}

const K8sEnvEntry* env(const K8sContainer& c, const std::string& name) {
  for (const auto& e : c.env)
    if (e.name == name) return &e;
  return nullptr;
}

// A workload of `kind` whose pod template holds one container "c" (image
// img:<kind>) and annotation tmpl=<kind>.
std::string workload(const std::string& kind) {
  const std::string pod_spec = "containers: [{name: c, image: \"img:" + kind + "\"}]";
  const std::string tmpl = "{metadata: {annotations: {tmpl: " + kind + "}}, spec: {" + pod_spec + "}}";
  std::string head = "apiVersion: v1\nkind: " + kind + "\nmetadata: {name: w, annotations: {obj: o}}\n";
  if (kind == "Pod") return head + "spec: {" + pod_spec + "}\n";
  if (kind == "CronJob") return head + "spec:\n  schedule: '* * * * *'\n  jobTemplate: {spec: {template: " + tmpl + "}}\n";
  if (kind == "PodTemplate") return head + "template: " + tmpl + "\n";
  return head + "spec:\n  replicas: 2\n  template: " + tmpl + "\n";
}

}  // namespace

TEST_SUITE("k8s") {
  TEST_CASE("every pod-bearing kind: containers from its pod template") {
    for (const std::string kind : {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
                                   "ReplicationController", "Job", "CronJob", "PodTemplate"}) {
      CAPTURE(kind);
      K8sFile f = extract(workload(kind));
      CHECK(f.errors.empty());
      CHECK(f.objects == 1);
      REQUIRE(f.pods.size() == 1);
      const K8sPodObject& p = f.pods[0];
      CHECK(p.kind == kind);
      CHECK(p.name == "w");
      CHECK(p.ns == "default");
      CHECK(span(p.loc) == "3:18-3:19");
      REQUIRE(p.containers.size() == 1);
      CHECK(p.containers[0].name == "c");
      CHECK_FALSE(p.containers[0].init);
      CHECK(p.containers[0].image == "img:" + kind);
      CHECK(p.annotations.at("obj") == "o");
      if (kind == "Pod") CHECK(p.annotations.size() == 1);
      else CHECK(p.annotations.at("tmpl") == kind);
    }
  }

  TEST_CASE("a CronJob's containers come only from spec.jobTemplate.spec.template") {
    K8sFile f = extract("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n"
                        "  template: {spec: {containers: [{name: wrong, image: x}]}}\n");
    REQUIRE(f.pods.size() == 1);
    CHECK(f.pods[0].containers.empty());
    CHECK(f.errors.empty());
  }

  TEST_CASE("a Deployment's containers come only from spec.template.spec") {
    K8sFile f = extract("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n"
                        "  containers: [{name: wrong, image: x}]\n");
    REQUIRE(f.pods.size() == 1);
    CHECK(f.pods[0].containers.empty());
  }

  TEST_CASE("objects that are not pod-bearing are counted but yield no pods") {
    K8sFile f = extract("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n---\n"
                        "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n---\nfoo: bar\n---\nkind: Pod\n");
    CHECK(f.objects == 2);
    CHECK(f.pods.empty());
    CHECK(f.errors.empty());
  }

  TEST_CASE("is_k8s_object needs scalar apiVersion and kind") {
    auto doc = [](const std::string& t) { return YAML::Load(t); };
    CHECK(og::is_k8s_object(doc("apiVersion: v1\nkind: Pod\n")));
    CHECK_FALSE(og::is_k8s_object(doc("kind: Pod\n")));
    CHECK_FALSE(og::is_k8s_object(doc("apiVersion: v1\n")));
    CHECK_FALSE(og::is_k8s_object(doc("apiVersion: v1\nkind: [Pod]\n")));
    CHECK_FALSE(og::is_k8s_object(doc("- apiVersion: v1\n")));
    CHECK_FALSE(og::is_k8s_object(doc("services: {a: {image: x}}\n")));
  }

  TEST_CASE("initContainers are flagged and listed before containers") {
    K8sFile f = extract("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
                        "  containers:\n    - {name: app, image: a}\n    - {name: side, image: s}\n"
                        "  initContainers:\n    - {name: migrate, image: m}\n");
    REQUIRE(f.pods.size() == 1);
    CHECK(lines(container_names(f.pods[0])) == lines({"init:migrate", "app", "side"}));
    CHECK(f.pods[0].containers[0].image == "m");
    CHECK(span(f.pods[0].containers[0].loc) == "9:14-9:21");
    CHECK(span(f.pods[0].containers[1].loc) == "6:14-6:17");
    CHECK(span(f.pods[0].containers[1].image_loc) == "6:26-6:27");
  }

  TEST_CASE("a container without a name is <unnamed>, located at its mapping") {
    K8sFile f = extract("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - image: a\n");
    REQUIRE(f.pods.size() == 1);
    REQUIRE(f.pods[0].containers.size() == 1);
    CHECK(f.pods[0].containers[0].name == "<unnamed>");
    CHECK(f.pods[0].containers[0].loc.line == 6);
    CHECK(f.pods[0].containers[0].loc.col == 7);
  }

  TEST_CASE("kind: List and *List: every item is read; the list and its items are objects") {
    K8sFile f = extract("apiVersion: v1\nkind: List\nitems:\n"
                        "  - apiVersion: v1\n    kind: Pod\n    metadata: {name: a}\n    spec: {containers: [{name: c, image: x}]}\n"
                        "  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: cm}\n    data: {GOGC: '50'}\n"
                        "---\napiVersion: v1\nkind: PodList\nitems:\n"
                        "  - apiVersion: v1\n    kind: Pod\n    metadata: {name: b, namespace: ns2}\n    spec: {}\n");
    CHECK(f.objects == 5);
    REQUIRE(f.pods.size() == 2);
    CHECK(f.pods[0].name == "a");
    CHECK(f.pods[0].containers.size() == 1);
    CHECK(f.pods[1].name == "b");
    CHECK(f.pods[1].ns == "ns2");
    CHECK(f.pods[1].loc.line == 18);
    REQUIRE(f.config_maps.size() == 1);
    CHECK(f.config_maps[0].name == "cm");
    CHECK(f.config_maps[0].ns == "default");
    CHECK(f.config_maps[0].data.at("GOGC").value == "50");
    CHECK(span(f.config_maps[0].data.at("GOGC").loc) == "11:18-11:22");
  }

  TEST_CASE("namespace: default when unset, else as written") {
    K8sFile f = extract("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {}\n---\n"
                        "apiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: shop}\nspec: {}\n---\n"
                        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: c\n  namespace:\nspec: {}\n");
    REQUIRE(f.pods.size() == 3);
    CHECK(f.pods[0].ns == "default");
    CHECK(f.pods[1].ns == "shop");
    CHECK(f.pods[2].ns == "default");
  }

  TEST_CASE("an object without metadata.name is <unnamed>, located at its kind") {
    K8sFile f = extract("apiVersion: v1\nkind: Pod\nspec: {}\n");
    REQUIRE(f.pods.size() == 1);
    CHECK(f.pods[0].name == "<unnamed>");
    CHECK(span(f.pods[0].loc) == "2:7-2:10");
  }

  TEST_CASE("annotations: object and pod template merged, the template wins") {
    K8sFile f = extract("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations:\n"
                        "    a: obj-a\n    both: obj\nspec:\n  template:\n    metadata:\n      annotations:\n"
                        "        both: tmpl\n        c: \"3\"\n        nonscalar: [x]\n    spec: {containers: []}\n");
    REQUIRE(f.pods.size() == 1);
    const auto& a = f.pods[0].annotations;
    CHECK(a.size() == 3);
    CHECK(a.at("a") == "obj-a");
    CHECK(a.at("both") == "tmpl");
    CHECK(a.at("c") == "3");
    CHECK(a.count("nonscalar") == 0);
  }

  TEST_CASE("container memory limit and request with field names and locations") {
    K8sFile f = extract("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n"
                        "      image: x\n      resources:\n        limits: {cpu: 1, memory: 512Mi}\n"
                        "        requests:\n          memory: \"256Mi\"\n");
    REQUIRE(f.pods.size() == 1);
    const K8sContainer& c = f.pods[0].containers.at(0);
    REQUIRE(c.limit);
    CHECK(c.limit->raw == "512Mi");
    CHECK(c.limit->ok);
    CHECK(c.limit->bytes == 512LL << 20);
    CHECK(c.limit->format == og::QuantityFormat::Kubernetes);
    CHECK(c.limit->field == "resources.limits.memory");
    CHECK(c.limit->loc.file == "k.yaml");
    CHECK(span(c.limit->loc) == "9:34-9:39");
    REQUIRE(c.request);
    CHECK(c.request->raw == "256Mi");
    CHECK(c.request->bytes == 256LL << 20);
    CHECK(c.request->field == "resources.requests.memory");
    CHECK(span(c.request->loc) == "11:19-11:26");
    CHECK_FALSE(f.pods[0].pod_limit);
    CHECK_FALSE(f.pods[0].pod_request);
  }

  TEST_CASE("memory quantities written as unquoted YAML numbers") {
    K8sFile f = extract("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                        "    - {name: a, resources: {limits: {memory: 1073741824}, requests: {memory: 1e9}}}\n"
                        "    - {name: b, resources: {limits: {memory: 0.5}, requests: {memory: 500m}}}\n");
    REQUIRE(f.pods.size() == 1);
    const auto& cs = f.pods[0].containers;
    REQUIRE(cs.size() == 2);
    REQUIRE(cs[0].limit);
    CHECK(cs[0].limit->ok);
    CHECK(cs[0].limit->bytes == 1073741824LL);
    REQUIRE(cs[0].request);
    CHECK(cs[0].request->ok);
    CHECK(cs[0].request->bytes == 1000000000LL);
    REQUIRE(cs[1].limit);
    CHECK(cs[1].limit->ok);
    CHECK(cs[1].limit->bytes == 1);  // 0.5 byte rounds up
    REQUIRE(cs[1].request);
    CHECK(cs[1].request->ok);
    CHECK(cs[1].request->sub_unit);
    CHECK_FALSE(cs[1].request->usable());
  }

  TEST_CASE("invalid and empty quantities") {
    K8sFile f = extract("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                        "    - {name: a, resources: {limits: {memory: 512MB}, requests: {memory: }}}\n");
    const K8sContainer& c = f.pods.at(0).containers.at(0);
    REQUIRE(c.limit);
    CHECK_FALSE(c.limit->ok);
    CHECK(c.limit->raw == "512MB");
    CHECK_FALSE(c.limit->error.empty());
    CHECK_FALSE(c.request);
    CHECK(f.errors.empty());
  }

  TEST_CASE("pod-level spec.resources (Pod and pod template)") {
    K8sFile f = extract("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
                        "  resources: {limits: {memory: 1Gi}, requests: {memory: 768Mi}}\n  containers: [{name: c}]\n---\n"
                        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n"
                        "      resources:\n        limits:\n          memory: 2Gi\n      containers: [{name: c}]\n");
    REQUIRE(f.pods.size() == 2);
    REQUIRE(f.pods[0].pod_limit);
    CHECK(f.pods[0].pod_limit->bytes == 1LL << 30);
    CHECK(span(f.pods[0].pod_limit->loc) == "5:32-5:35");
    REQUIRE(f.pods[0].pod_request);
    CHECK(f.pods[0].pod_request->bytes == 768LL << 20);
    CHECK_FALSE(f.pods[0].containers.at(0).limit);  // pod-level is not copied into containers
    REQUIRE(f.pods[1].pod_limit);
    CHECK(f.pods[1].pod_limit->bytes == 2LL << 30);
    CHECK(f.pods[1].pod_limit->loc.line == 16);
    CHECK_FALSE(f.pods[1].pod_request);
  }

  TEST_CASE("env: value, configMapKeyRef, secretKeyRef, resourceFieldRef, fieldRef") {
    std::string t =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      env:\n"
        "        - name: GOGC\n          value: \"50\"\n"                                                    // 8-9
        "        - name: A\n          valueFrom:\n            configMapKeyRef: {name: cm, key: KA, optional: true}\n"  // 10-12
        "        - name: B\n          valueFrom:\n            configMapKeyRef: {name: cm2, key: KB}\n"      // 13-15
        "        - name: S\n          valueFrom:\n            secretKeyRef: {name: sec, key: KS, optional: false}\n"  // 16-18
        "        - name: GOMEMLIMIT\n          valueFrom:\n            resourceFieldRef:\n"               // 19-21
        "              containerName: c\n              resource: limits.memory\n              divisor: 1Mi\n"  // 22-24
        "        - name: R2\n          valueFrom: {resourceFieldRef: {resource: requests.memory}}\n"     // 25-26
        "        - name: NODE\n          valueFrom: {fieldRef: {fieldPath: spec.nodeName}}\n"            // 27-28
        "        - name: EMPTY\n";                                                                      // 29
    K8sFile f = extract(t);
    CHECK(f.errors.empty());
    const K8sContainer& c = f.pods.at(0).containers.at(0);
    REQUIRE(c.env.size() == 8);
    CHECK(c.env[0].name == "GOGC");  // in file order
    CHECK(c.env[7].name == "EMPTY");

    const K8sEnvEntry* g = env(c, "GOGC");
    REQUIRE(g);
    CHECK(g->has_value);
    CHECK(g->value == "50");
    CHECK(g->ref == K8sEnvEntry::Ref::None);
    CHECK(span(g->key_loc) == "8:17-8:21");
    CHECK(span(g->value_loc) == "9:18-9:22");

    const K8sEnvEntry* a = env(c, "A");
    REQUIRE(a);
    CHECK_FALSE(a->has_value);
    CHECK(a->ref == K8sEnvEntry::Ref::ConfigMapKey);
    CHECK(a->ref_name == "cm");
    CHECK(a->ref_key == "KA");
    CHECK(a->ref_optional);
    CHECK(span(a->ref_loc) == "12:46-12:48");  // the key

    const K8sEnvEntry* b = env(c, "B");
    REQUIRE(b);
    CHECK(b->ref == K8sEnvEntry::Ref::ConfigMapKey);
    CHECK(b->ref_name == "cm2");
    CHECK(b->ref_key == "KB");
    CHECK_FALSE(b->ref_optional);

    const K8sEnvEntry* s = env(c, "S");
    REQUIRE(s);
    CHECK(s->ref == K8sEnvEntry::Ref::SecretKey);
    CHECK(s->ref_name == "sec");
    CHECK(s->ref_key == "KS");
    CHECK_FALSE(s->ref_optional);
    CHECK(s->ref_loc.line == 18);

    const K8sEnvEntry* m = env(c, "GOMEMLIMIT");
    REQUIRE(m);
    CHECK(m->ref == K8sEnvEntry::Ref::ResourceField);
    CHECK(m->ref_name == "limits.memory");
    CHECK(m->ref_key == "c");
    CHECK(span(m->ref_loc) == "23:25-23:38");
    REQUIRE(m->divisor);
    CHECK(m->divisor->ok);
    CHECK(m->divisor->bytes == 1LL << 20);
    CHECK(m->divisor->raw == "1Mi");
    CHECK(m->divisor->field == "divisor");
    CHECK(span(m->divisor->loc) == "24:24-24:27");

    const K8sEnvEntry* r2 = env(c, "R2");
    REQUIRE(r2);
    CHECK(r2->ref == K8sEnvEntry::Ref::ResourceField);
    CHECK(r2->ref_name == "requests.memory");
    CHECK(r2->ref_key == "");
    CHECK_FALSE(r2->divisor);  // default 1 is applied later

    const K8sEnvEntry* n = env(c, "NODE");
    REQUIRE(n);
    CHECK(n->ref == K8sEnvEntry::Ref::Field);
    CHECK(n->ref_name == "spec.nodeName");

    const K8sEnvEntry* e = env(c, "EMPTY");
    REQUIRE(e);
    CHECK_FALSE(e->has_value);
    CHECK(e->ref == K8sEnvEntry::Ref::None);
  }

  TEST_CASE("env: a numeric or empty-string value is text") {
    K8sFile f = extract("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n"
                        "      env: [{name: GOGC, value: 50}, {name: E, value: \"\"}]\n");
    const K8sContainer& c = f.pods.at(0).containers.at(0);
    REQUIRE(c.env.size() == 2);
    CHECK(c.env[0].has_value);
    CHECK(c.env[0].value == "50");
    CHECK(c.env[1].has_value);
    CHECK(c.env[1].value == "");
    CHECK(span(c.env[1].value_loc) == "7:55-7:57");
  }

  TEST_CASE("envFrom: configMapRef and secretRef with prefix and optional, in order") {
    K8sFile f = extract("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n"
                        "      envFrom:\n        - configMapRef: {name: tune}\n"
                        "        - prefix: APP_\n          secretRef: {name: creds, optional: true}\n"
                        "        - {prefix: X_, configMapRef: {name: second, optional: false}}\n");
    CHECK(f.errors.empty());
    const K8sContainer& c = f.pods.at(0).containers.at(0);
    REQUIRE(c.env_from.size() == 3);
    CHECK(c.env_from[0].kind == "ConfigMap");
    CHECK(c.env_from[0].name == "tune");
    CHECK(c.env_from[0].prefix == "");
    CHECK_FALSE(c.env_from[0].optional);
    CHECK(span(c.env_from[0].loc) == "8:32-8:36");
    CHECK(c.env_from[1].kind == "Secret");
    CHECK(c.env_from[1].name == "creds");
    CHECK(c.env_from[1].prefix == "APP_");
    CHECK(c.env_from[1].optional);
    CHECK(c.env_from[2].kind == "ConfigMap");
    CHECK(c.env_from[2].name == "second");
    CHECK(c.env_from[2].prefix == "X_");
  }

  TEST_CASE("envFrom: an entry with neither source is a located error; the others are kept") {
    K8sFile f = extract("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n"
                        "      envFrom:\n        - prefix: P_\n        - configMapRef: {name: ok}\n");
    const K8sContainer& c = f.pods.at(0).containers.at(0);
    REQUIRE(c.env_from.size() == 1);
    CHECK(c.env_from[0].name == "ok");
    REQUIRE(f.errors.size() == 1);
    CHECK(f.errors[0].message == "envFrom entry needs configMapRef or secretRef");
    CHECK(f.errors[0].loc.line == 8);
    CHECK(f.errors[0].loc.col == 11);
  }

  TEST_CASE("shape errors are located and do not abort the rest of the file") {
    std::string t =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: bad}\nspec:\n  containers: {name: c}\n"           // 1-5
        "  initContainers:\n    - {name: i, image: x}\n"                                                // 6-7
        "---\napiVersion: v1\nkind: Pod\nmetadata: {name: env}\nspec:\n  containers:\n"                 // 8-13
        "    - name: c\n      env:\n        - value: orphan\n        - {name: OK, value: \"1\"}\n"       // 14-17
        "        - {name: V, value: [a]}\n        - just-a-string\n"                                   // 18-19
        "    - not-a-container\n    - name: d\n      resources: {limits: {memory: {x: 1}}}\n"         // 20-22
        "      env: {name: X}\n"                                                                      // 23
        "---\napiVersion: v1\nkind: Pod\nmetadata: {name: good}\nspec: {containers: [{name: g}]}\n"   // 24-28
        "---\napiVersion: v1\nkind: Pod\nmetadata: {name: badspec}\nspec: [x]\n";                     // 29-33
    K8sFile f = extract(t);
    REQUIRE(f.pods.size() == 4);
    CHECK(lines(container_names(f.pods[0])) == lines({"init:i"}));
    CHECK(lines(container_names(f.pods[1])) == lines({"c", "d"}));
    REQUIRE(f.pods[1].containers[0].env.size() == 1);
    CHECK(f.pods[1].containers[0].env[0].name == "OK");
    CHECK_FALSE(f.pods[1].containers[1].limit);
    CHECK(f.pods[1].containers[1].env.empty());
    CHECK(lines(container_names(f.pods[2])) == lines({"g"}));
    CHECK(f.pods[3].name == "badspec");
    CHECK(f.pods[3].containers.empty());

    std::vector<std::string> errs;
    for (const auto& e : f.errors)
      errs.push_back(std::to_string(e.loc.line) + ":" + std::to_string(e.loc.col) + " " + e.message);
    CHECK(lines(errs) == lines({
                      "5:15 containers must be a list",
                      "16:11 env entry without a name",
                      "18:28 env value must be a string",
                      "19:11 env entry must be a mapping",
                      "20:7 container must be a mapping",
                      "22:36 resources.limits.memory must be a quantity string",
                      "23:12 env must be a list",
                      "33:7 Pod pod spec must be a mapping",
                  }));
    for (const auto& e : f.errors) CHECK(e.loc.file == "k.yaml");
  }

  TEST_CASE("LimitRange: items with default, defaultRequest, min, max and maxLimitRequestRatio") {
    K8sFile f = extract("apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr, namespace: team}\nspec:\n  limits:\n"
                        "    - type: Container\n      default: {memory: 512Mi}\n      defaultRequest: {memory: 256Mi}\n"
                        "      min: {memory: 64Mi}\n      max: {memory: 1Gi}\n"
                        "      maxLimitRequestRatio: {memory: 2}\n"
                        "    - type: Pod\n      max: {cpu: 2, memory: 2Gi}\n      maxLimitRequestRatio: {memory: \"1.5\"}\n");
    CHECK(f.errors.empty());
    REQUIRE(f.limit_ranges.size() == 1);
    const auto& lr = f.limit_ranges[0];
    CHECK(lr.name == "lr");
    CHECK(lr.ns == "team");
    CHECK(span(lr.loc) == "3:18-3:20");
    REQUIRE(lr.items.size() == 2);
    const auto& c = lr.items[0];
    CHECK(c.type == "Container");
    REQUIRE(c.default_limit);
    CHECK(c.default_limit->bytes == 512LL << 20);
    CHECK(c.default_limit->field == "LimitRange default");
    CHECK(span(c.default_limit->loc) == "7:25-7:30");
    REQUIRE(c.default_request);
    CHECK(c.default_request->bytes == 256LL << 20);
    CHECK(c.default_request->field == "LimitRange defaultRequest");
    REQUIRE(c.min);
    CHECK(c.min->bytes == 64LL << 20);
    REQUIRE(c.max);
    CHECK(c.max->bytes == 1LL << 30);
    REQUIRE(c.max_ratio);
    CHECK(*c.max_ratio == doctest::Approx(2.0));
    CHECK(c.max_ratio_raw == "2");
    CHECK(span(c.max_ratio_loc) == "11:38-11:39");
    const auto& p = lr.items[1];
    CHECK(p.type == "Pod");
    CHECK_FALSE(p.default_limit);
    CHECK_FALSE(p.min);
    REQUIRE(p.max);
    CHECK(p.max->bytes == 2LL << 30);
    REQUIRE(p.max_ratio);
    CHECK(*p.max_ratio == doctest::Approx(1.5));
  }

  TEST_CASE("LimitRange: a malformed maxLimitRequestRatio is a located error; the item is kept") {
    K8sFile f = extract("apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr}\nspec:\n  limits:\n"
                        "    - type: Container\n      maxLimitRequestRatio: {memory: two}\n      max: {memory: 1Gi}\n");
    REQUIRE(f.limit_ranges.size() == 1);
    CHECK(f.limit_ranges[0].ns == "default");
    REQUIRE(f.limit_ranges[0].items.size() == 1);
    const auto& it = f.limit_ranges[0].items[0];
    CHECK_FALSE(it.max_ratio);
    CHECK(it.max_ratio_raw == "two");
    REQUIRE(it.max);
    REQUIRE(f.errors.size() == 1);
    CHECK(f.errors[0].message == "maxLimitRequestRatio.memory 'two' is not a quantity");
    CHECK(span(f.errors[0].loc) == "7:38-7:41");
  }

  TEST_CASE("KubeletConfiguration: failSwapOn and memorySwap.swapBehavior") {
    K8sFile f = extract("apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfailSwapOn: false\n"
                        "memorySwap:\n  swapBehavior: LimitedSwap\n---\n"
                        "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfailSwapOn: true\n---\n"
                        "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n");
    REQUIRE(f.kubelet_configs.size() == 3);
    const auto& a = f.kubelet_configs[0];
    CHECK(span(a.loc) == "2:7-2:27");
    REQUIRE(a.fail_swap_on);
    CHECK_FALSE(*a.fail_swap_on);
    CHECK(span(a.fail_swap_on_loc) == "3:13-3:18");
    CHECK(a.swap_behavior == "LimitedSwap");
    CHECK(span(a.swap_behavior_loc) == "5:17-5:28");
    REQUIRE(f.kubelet_configs[1].fail_swap_on);
    CHECK(*f.kubelet_configs[1].fail_swap_on);
    CHECK(f.kubelet_configs[1].swap_behavior == "");
    CHECK_FALSE(f.kubelet_configs[2].fail_swap_on);
    CHECK(f.kubelet_configs[2].swap_behavior == "");
  }

  TEST_CASE("KubeletConfiguration: failSwapOn: True is the boolean true") {
    // Regression (fixed): read_kubelet_config() compares the scalar with "true" only, while
    // YAML (1.1 and 1.2 core schema) and bool_of() in the same file also read
    // True / TRUE as true. `failSwapOn: True` is recorded as false.
    K8sFile f = extract("apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfailSwapOn: True\n");
    REQUIRE(f.kubelet_configs.size() == 1);
    REQUIRE(f.kubelet_configs[0].fail_swap_on);
    CHECK(*f.kubelet_configs[0].fail_swap_on);
  }

  TEST_CASE("skaffold: artifacts with context, dockerfile and target defaults") {
    K8sFile f = extract("apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n"
                        "    - image: reg/api\n      context: services/api\n"
                        "      docker: {dockerfile: build/Dockerfile.prod, target: runtime}\n"
                        "    - image: reg/worker\n    - context: noimage\n");
    CHECK(f.objects == 1);
    CHECK(f.pods.empty());
    REQUIRE(f.skaffold.size() == 2);
    CHECK(f.skaffold[0].image == "reg/api");
    CHECK(f.skaffold[0].context == "services/api");
    CHECK(f.skaffold[0].dockerfile == "build/Dockerfile.prod");
    CHECK(f.skaffold[0].target == "runtime");
    CHECK(span(f.skaffold[0].loc) == "5:14-5:21");
    CHECK(f.skaffold[1].image == "reg/worker");
    CHECK(f.skaffold[1].context == ".");
    CHECK(f.skaffold[1].dockerfile == "Dockerfile");
    CHECK(f.skaffold[1].target == "");
  }

  TEST_CASE("JSON manifests: objects, values and exact locations") {
    std::string t =
        "{\n  \"apiVersion\": \"apps/v1\",\n  \"kind\": \"Deployment\",\n  \"metadata\": {\"name\": \"api\"},\n"
        "  \"spec\": {\"template\": {\"spec\": {\"containers\": [\n"
        "    {\"name\": \"api\", \"image\": \"reg/api:1\",\n"
        "     \"resources\": {\"limits\": {\"memory\": \"512Mi\"}},\n"
        "     \"env\": [{\"name\": \"GOMEMLIMIT\", \"value\": \"460MiB\"}]}\n"
        "  ]}}}\n}\n";
    K8sFile f = extract(t, "d.json");
    CHECK(f.errors.empty());
    REQUIRE(f.pods.size() == 1);
    CHECK(f.pods[0].kind == "Deployment");
    CHECK(f.pods[0].name == "api");
    CHECK(span(f.pods[0].loc) == "4:24-4:29");
    const K8sContainer& c = f.pods[0].containers.at(0);
    CHECK(c.image == "reg/api:1");
    REQUIRE(c.limit);
    CHECK(c.limit->bytes == 512LL << 20);
    CHECK(c.limit->loc.file == "d.json");
    CHECK(span(c.limit->loc) == "7:41-7:48");
    REQUIRE(c.env.size() == 1);
    CHECK(c.env[0].value == "460MiB");
    CHECK(span(c.env[0].value_loc) == "8:46-8:54");
  }
}  // TEST_SUITE
