// The effective configuration: precedence, defaults and linking, on an
// in-memory repository.
#include <doctest/doctest.h>

#include "fake_filesystem.h"

using og::test::scan_fake;

namespace {
const og::Workload* find(const og::ScanUnit& u, const std::string& label_part) {
  for (const auto& w : u.project.workloads)
    if (w.label().find(label_part) != std::string::npos) return &w;
  return nullptr;
}
}  // namespace

TEST_CASE("image ENV < envFrom < env, with the override chain and locations") {
  auto u = scan_fake({
      {"api/Dockerfile", "FROM golang:1.23 AS b\nRUN go build -o /a .\nFROM scratch\nENV GOGC=200 GOMEMLIMIT=100MiB\n"},
      {"k8s/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: tune}\ndata:\n  GOGC: \"150\"\n"},
      {"k8s/d.yaml",
       "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n"
       "        - name: api\n          image: reg/x/api:1\n          envFrom: [{configMapRef: {name: tune}}]\n"
       "          env:\n            - {name: GOGC, value: \"50\"}\n"},
  });
  const og::Workload* w = find(u, "Deployment default/api");
  REQUIRE(w);
  CHECK(w->dockerfile == "api/Dockerfile");
  CHECK(w->link.find("directory") != std::string::npos);
  CHECK(w->go.is_go);
  const og::EnvValue* gogc = w->get_env("GOGC");
  REQUIRE(gogc);
  CHECK(gogc->value == "50");
  CHECK(gogc->source == "env");
  CHECK(gogc->loc.file == "k8s/d.yaml");
  CHECK(gogc->loc.line == 12);
  REQUIRE(gogc->overridden.size() == 2);
  CHECK(gogc->overridden[0].value == "200");  // oldest first: image ENV
  CHECK(gogc->overridden[0].loc.file == "api/Dockerfile");
  CHECK(gogc->overridden[1].value == "150");  // then envFrom
  CHECK(gogc->overridden[1].source == "envFrom ConfigMap/tune");
  REQUIRE(w->get_env("GOMEMLIMIT"));
  CHECK(w->get_env("GOMEMLIMIT")->value == "100MiB");
}

TEST_CASE("$(VAR) expansion uses earlier env entries only; $$ escapes") {
  auto u = scan_fake({{"p.yaml",
                       "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x\n"
                       "      env:\n        - {name: A, value: 460MiB}\n        - {name: GOMEMLIMIT, value: $(A)}\n"
                       "        - {name: B, value: $(LATER)}\n        - {name: LATER, value: x}\n"
                       "        - {name: C, value: $$(A)}\n"}});
  const og::Workload* w = find(u, "Pod default/p");
  REQUIRE(w);
  CHECK(w->get_env("GOMEMLIMIT")->value == "460MiB");
  CHECK(w->get_env("B")->value == "$(LATER)");
  CHECK(w->get_env("B")->unresolved == std::vector<std::string>{"$(LATER)"});
  CHECK(w->get_env("C")->value == "$(A)");
}

TEST_CASE("requests default to limits; LimitRange fills the rest; namespaces are separate") {
  auto u = scan_fake({
      {"lr.yaml", "apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr, namespace: a}\nspec:\n  limits:\n"
                  "    - type: Container\n      max: {memory: 1Gi}\n      min: {memory: 64Mi}\n"},
      {"p.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec:\n  containers:\n"
                 "    - {name: only-limit, image: x, resources: {limits: {memory: 512Mi}}}\n"
                 "    - {name: nothing, image: x}\n"},
      {"q.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: q, namespace: b}\nspec:\n  containers:\n"
                 "    - {name: nothing, image: x}\n"},
  });
  const og::Workload* a = find(u, "a/p container only-limit");
  REQUIRE(a);
  REQUIRE(a->request);
  CHECK(a->request->bytes == 512LL << 20);
  CHECK(a->request->origin == "defaulted from the limit");
  const og::Workload* n = find(u, "a/p container nothing");
  REQUIRE(n);
  REQUIRE(n->limit);
  CHECK(n->limit->bytes == 1LL << 30);  // default <- max
  CHECK(n->limit->origin == "LimitRange a/lr max");
  REQUIRE(n->request);
  CHECK(n->request->bytes == 1LL << 30);  // defaultRequest <- default <- max
  const og::Workload* q = find(u, "b/q container nothing");
  REQUIRE(q);
  CHECK_FALSE(q->limit);
}

TEST_CASE("resourceFieldRef is computed with its divisor, not taken literally") {
  auto u = scan_fake({{"p.yaml",
                       "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x\n"
                       "      resources: {limits: {memory: 512Mi}}\n      env:\n        - name: GOMEMLIMIT\n"
                       "          valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}\n"}});
  const og::Workload* w = find(u, "Pod default/p");
  REQUIRE(w);
  const og::EnvValue* e = w->get_env("GOMEMLIMIT");
  REQUIRE(e);
  CHECK(e->from == og::EnvValue::From::ResourceFieldRef);
  CHECK(e->value == "512");
  REQUIRE(e->divisor);
  CHECK(e->divisor->bytes == 1LL << 20);
}

TEST_CASE("compose: image ENV < env_file in order < environment; .env interpolation; build link") {
  auto u = scan_fake({
      {"svc/Dockerfile", "FROM scratch\nENV GOGC=10\n"},
      {"compose.yaml", "services:\n  app:\n    build: ./svc\n    mem_limit: ${MEM:-1g}\n"
                       "    env_file: [a.env, b.env]\n    environment:\n      - GOMEMLIMIT=${GML}\n      - FROM_DOTENV\n"},
      {".env", "MEM=768m\nGML=700MiB\nFROM_DOTENV=yes\n"},
      {"a.env", "GOGC=20\nX=1\n"},
      {"b.env", "GOGC=30\n"},
  });
  const og::Workload* w = find(u, "compose service app");
  REQUIRE(w);
  CHECK(w->dockerfile == "svc/Dockerfile");
  REQUIRE(w->limit);
  CHECK(w->limit->bytes == 768LL << 20);
  CHECK(w->get_env("GOGC")->value == "30");
  CHECK(w->get_env("GOGC")->overridden.size() == 2);
  CHECK(w->get_env("GOMEMLIMIT")->value == "700MiB");
  CHECK(w->get_env("FROM_DOTENV")->value == "yes");
  CHECK_FALSE(w->swap);
}

TEST_CASE("a Dockerfile that no workload uses is checked as an image") {
  auto u = scan_fake({{"tools/Dockerfile", "FROM golang:1.23\nENV GOGC=off\n"}});
  REQUIRE(u.project.workloads.size() == 1);
  CHECK(u.project.workloads[0].kind == og::Workload::Kind::Image);
  CHECK(u.project.workloads[0].go.is_go);
  bool og107 = false;
  for (const auto& f : u.findings) og107 = og107 || f.rule_id == "OG107";
  CHECK(og107);
}

TEST_CASE("docker run lines become workloads") {
  auto u = scan_fake({{"run.sh", "#!/bin/sh\ndocker run --rm -m 512m \\\n  -e GOMEMLIMIT=460MiB example/app:1 serve\n"}});
  REQUIRE(u.project.workloads.size() == 1);
  const auto& w = u.project.workloads[0];
  CHECK(w.kind == og::Workload::Kind::DockerRun);
  CHECK(w.image == "example/app:1");
  REQUIRE(w.limit);
  CHECK(w.limit->bytes == 512LL << 20);
  CHECK(w.limit->loc.line == 2);
  CHECK(w.limit->loc.col == 20);
  REQUIRE(w.get_env("GOMEMLIMIT"));
  CHECK(w.get_env("GOMEMLIMIT")->loc.line == 3);
  CHECK(w.get_env("GOMEMLIMIT")->loc.col == 17);
}

TEST_CASE("excluded paths are not read") {
  og::Config cfg = og::default_config();
  cfg.excludes = {"vendor/*"};
  auto u = scan_fake({{"vendor/x/Dockerfile", "FROM scratch\nENV GOMEMLIMIT=1G\n"}}, cfg);
  CHECK(u.project.workloads.empty());
  CHECK(u.findings.empty());
}

TEST_CASE("image links: the config's images map, skaffold artifacts, and go_images patterns") {
  const char* pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                    "    - {name: a, image: reg.example.com/team/alpha:1}\n"
                    "    - {name: b, image: reg.example.com/team/beta@sha256:abc}\n"
                    "    - {name: c, image: reg.example.com/team/gamma:2}\n";
  og::Config cfg = og::default_config();
  cfg.resolve.images["reg.example.com/team/alpha"] = "src/one";
  cfg.resolve.go_image_patterns = {"reg\\.example\\.com/team/gamma:.*"};
  auto u = scan_fake({{"k8s/pod.yaml", pod},
                      {"src/one/Dockerfile", "FROM scratch\nENV A=1\n"},
                      {"build/skaffold.yaml", "apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n"
                                              "    - image: reg.example.com/team/beta\n      context: ../src/two\n"
                                              "      docker: {dockerfile: Containerfile.prod, target: run}\n"},
                      {"src/two/Containerfile.prod", "FROM scratch AS run\nENV B=2\n"}},
                     cfg);
  const og::Workload* a = find(u, "container a");
  const og::Workload* b = find(u, "container b");
  const og::Workload* c = find(u, "container c");
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  CHECK(a->dockerfile == "src/one/Dockerfile");
  CHECK(a->link == "the images: map in the config");
  CHECK(a->get_env("A"));
  CHECK(b->dockerfile == "src/two/Containerfile.prod");
  CHECK(b->dockerfile_target == "run");
  CHECK(b->link.find("skaffold artifact") == 0);
  CHECK(b->get_env("B"));
  CHECK(c->dockerfile.empty());
  CHECK(c->go.is_go);
  CHECK(c->go.reason.find("Go image pattern") != std::string::npos);
  CHECK_FALSE(a->go.is_go);  // no Go evidence at all for alpha
}

TEST_CASE("an annotation overrides Go detection both ways") {
  auto u = scan_fake({{"p.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {oomguard.io/runtime: go}\n"
                                 "spec:\n  containers: [{name: a, image: x}]\n---\n"
                                 "apiVersion: v1\nkind: Pod\nmetadata:\n  name: q\n  annotations: {oomguard.io/runtime: jvm}\n"
                                 "spec:\n  containers: [{name: a, image: x, env: [{name: GOGC, value: \"50\"}]}]\n"}});
  const og::Workload* p = find(u, "default/p");
  const og::Workload* q = find(u, "default/q");
  REQUIRE(p);
  REQUIRE(q);
  CHECK(p->go.is_go);
  CHECK_FALSE(q->go.is_go);
}
