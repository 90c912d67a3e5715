// Tests for checker/parse/compose: which documents are compose files, the
// memory keys (Docker byte-size grammar), environment (map and list forms),
// env_file, build, labels, and the file's own ${...} interpolation from the
// .env beside it. Semantics: docs memory-semantics §3.
#include <doctest/doctest.h>

#include "test_support.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "parse/compose.h"

using og::ComposeEnvItem;
using og::ComposeFile;
using og::ComposeService;
using og::EnvLookup;
using og::Location;

namespace {

using og::test::lines;
using og::test::span;
using og::test::slice;


EnvLookup vars(std::map<std::string, std::string> m) {
  return [m = std::move(m)](std::string_view name) -> std::optional<std::string> {
    auto it = m.find(std::string(name));
    if (it == m.end()) return std::nullopt;
    return it->second;
  };
}

ComposeFile extract(const std::string& text, const EnvLookup& dotenv = vars({}),
                    const std::string& path = "compose.yaml") {
  auto src = std::make_shared<const og::SourceText>(text);
  og::YamlFile y = og::load_yaml(path, src);
  REQUIRE(y.errors.empty());
  ComposeFile out;
  og::extract_compose(y, dotenv, &out);
  return out;
}

bool is_compose(const std::string& text) { return og::is_compose_document(YAML::Load(text)); }

const ComposeEnvItem* env(const ComposeService& s, const std::string& key) {
  for (const auto& e : s.environment)
    if (e.key == key) return &e;
  return nullptr;
}

// The bytes of a single-line location.
}  // namespace

TEST_SUITE("compose") {
  TEST_CASE("is_compose_document: services as a mapping of mappings (or nulls)") {
    CHECK(is_compose("services:\n  app: {image: x}\n  db:\n"));
    CHECK(is_compose("version: '3.8'\nservices:\n  app:\n    build: .\n"));
    CHECK(is_compose("services: {}\n"));
  }

  TEST_CASE("is_compose_document: Kubernetes objects and non-compose shapes are not compose") {
    CHECK_FALSE(is_compose("apiVersion: v1\nkind: ConfigMap\nservices:\n  app: {image: x}\n"));
    CHECK_FALSE(is_compose("services:\n  app: nginx\n  db: postgres\n"));  // services of scalars
    CHECK_FALSE(is_compose("services:\n  app: {image: x}\n  db: postgres\n"));
    CHECK_FALSE(is_compose("services:\n  - app\n"));
    CHECK_FALSE(is_compose("services: web\n"));
    CHECK_FALSE(is_compose("name: x\n"));
    CHECK_FALSE(is_compose("- services\n"));
  }

  TEST_CASE("extract_compose: only compose documents, every service in order") {
    ComposeFile f = extract("apiVersion: v1\nkind: Pod\nservices: {x: {image: k8s}}\n---\n"
                            "services:\n  web:\n    image: nginx:1.27\n  empty:\n  api:\n    image: reg/api\n");
    CHECK(f.errors.empty());
    REQUIRE(f.services.size() == 3);
    CHECK(f.services[0].name == "web");
    CHECK(f.services[0].loc.line == 6);
    CHECK(f.services[0].loc.col == 3);
    CHECK(f.services[0].image == "nginx:1.27");
    CHECK(span(f.services[0].image_loc) == "7:12-7:22");
    CHECK(f.services[1].name == "empty");
    CHECK(f.services[1].image == "");
    CHECK_FALSE(f.services[1].has_build);
    CHECK(f.services[2].name == "api");
  }

  TEST_CASE("memory keys: mem_limit, memswap_limit, mem_reservation, deploy limits and reservations") {
    std::string t =
        "services:\n  app:\n    mem_limit: 512MB\n    memswap_limit: 1.5g\n    mem_reservation: 268435456\n"
        "    deploy:\n      resources:\n        limits: {cpus: '0.5', memory: 1G}\n"
        "        reservations:\n          memory: \"256m\"\n";
    ComposeFile f = extract(t);
    CHECK(f.errors.empty());
    const ComposeService& s = f.services.at(0);
    REQUIRE(s.mem_limit);
    CHECK(s.mem_limit->ok);
    CHECK(s.mem_limit->bytes == 512LL << 20);  // MB is 1024-based in go-units
    CHECK(s.mem_limit->format == og::QuantityFormat::Docker);
    CHECK(s.mem_limit->field == "mem_limit");
    CHECK(s.mem_limit->raw == "512MB");
    CHECK(span(s.mem_limit->loc) == "3:16-3:21");
    REQUIRE(s.memswap_limit);
    CHECK(s.memswap_limit->ok);
    CHECK(s.memswap_limit->bytes == 1610612736LL);  // 1.5 GiB
    CHECK(s.memswap_limit->field == "memswap_limit");
    REQUIRE(s.mem_reservation);
    CHECK(s.mem_reservation->bytes == 256LL << 20);
    CHECK(s.mem_reservation->field == "mem_reservation");
    REQUIRE(s.deploy_limit);
    CHECK(s.deploy_limit->bytes == 1LL << 30);
    CHECK(s.deploy_limit->field == "deploy.resources.limits.memory");
    CHECK(span(s.deploy_limit->loc) == "8:39-8:41");
    REQUIRE(s.deploy_reservation);
    CHECK(s.deploy_reservation->bytes == 256LL << 20);
    CHECK(s.deploy_reservation->field == "deploy.resources.reservations.memory");
    CHECK(span(s.deploy_reservation->loc) == "10:19-10:25");
    CHECK(slice(t, s.deploy_reservation->loc) == "\"256m\"");
  }

  TEST_CASE("memory keys: go-units grammar (512Mi ok, exponents not); absent keys stay unset") {
    ComposeFile f = extract("services:\n  app:\n    mem_limit: 1e9\n    memswap_limit: -1\n    mem_reservation:\n"
                            "    deploy: {resources: {limits: {memory: 512Mi}}}\n");
    const ComposeService& s = f.services.at(0);
    REQUIRE(s.mem_limit);
    CHECK_FALSE(s.mem_limit->ok);
    CHECK_FALSE(s.mem_limit->error.empty());
    REQUIRE(s.deploy_limit);
    CHECK(s.deploy_limit->ok);  // [kmgtp] then optional i, optional b
    CHECK(s.deploy_limit->bytes == 512LL << 20);
    REQUIRE(s.memswap_limit);
    CHECK(s.memswap_limit->raw == "-1");  // resolve/ gives -1 its "unlimited" meaning
    CHECK_FALSE(s.mem_reservation);
    CHECK_FALSE(s.deploy_reservation);
    CHECK(f.errors.empty());
  }

  TEST_CASE("memory keys: a non-scalar value is a located error") {
    ComposeFile f = extract("services:\n  app:\n    mem_limit: [1g]\n    image: x\n");
    REQUIRE(f.services.size() == 1);
    CHECK_FALSE(f.services[0].mem_limit);
    CHECK(f.services[0].image == "x");
    REQUIRE(f.errors.size() == 1);
    CHECK(f.errors[0].message == "mem_limit must be a byte size");
    CHECK(span(f.errors[0].loc) == "3:16-3:17");
  }

  TEST_CASE("environment as a map: values, null means bare, locations") {
    std::string t = "services:\n  app:\n    environment:\n      GOGC: 50\n      GOMEMLIMIT: \"460MiB\"\n"
                    "      FROM_SHELL:\n      EMPTY: \"\"\n      TILDE: ~\n";
    ComposeFile f = extract(t);
    const ComposeService& s = f.services.at(0);
    REQUIRE(s.environment.size() == 5);
    CHECK(s.environment[0].key == "GOGC");  // file order
    const ComposeEnvItem* g = env(s, "GOGC");
    REQUIRE(g);
    CHECK_FALSE(g->bare);
    CHECK(g->value == "50");
    CHECK(g->raw == "50");
    CHECK(g->key_loc.line == 4);
    CHECK(g->key_loc.col == 7);
    CHECK(span(g->value_loc) == "4:13-4:15");
    const ComposeEnvItem* m = env(s, "GOMEMLIMIT");
    REQUIRE(m);
    CHECK(m->value == "460MiB");
    CHECK(span(m->value_loc) == "5:19-5:27");
    const ComposeEnvItem* b = env(s, "FROM_SHELL");
    REQUIRE(b);
    CHECK(b->bare);
    CHECK(b->value == "");
    CHECK(b->value_loc.line == 6);
    CHECK(b->value_loc.col == 7);
    const ComposeEnvItem* e = env(s, "EMPTY");
    REQUIRE(e);
    CHECK_FALSE(e->bare);
    CHECK(e->value == "");
    const ComposeEnvItem* tl = env(s, "TILDE");
    REQUIRE(tl);
    CHECK(tl->bare);
  }

  TEST_CASE("environment as a list: K=V, bare K, exact key and value columns") {
    std::string t = "services:\n  app:\n    environment:\n      - GOMEMLIMIT=460MiB\n      - FROM_SHELL\n"
                    "      - EMPTY=\n      - EQ=a=b\n      - C=1 # comment\n";
    ComposeFile f = extract(t);
    CHECK(f.errors.empty());
    const ComposeService& s = f.services.at(0);
    REQUIRE(s.environment.size() == 5);
    const ComposeEnvItem* m = env(s, "GOMEMLIMIT");
    REQUIRE(m);
    CHECK_FALSE(m->bare);
    CHECK(m->value == "460MiB");
    CHECK(m->raw == "460MiB");
    CHECK(span(m->key_loc) == "4:9-4:19");
    CHECK(span(m->value_loc) == "4:20-4:26");
    CHECK(slice(t, m->value_loc) == "460MiB");
    const ComposeEnvItem* b = env(s, "FROM_SHELL");
    REQUIRE(b);
    CHECK(b->bare);
    CHECK(span(b->key_loc) == "5:9-5:19");
    CHECK(span(b->value_loc) == "5:9-5:19");
    const ComposeEnvItem* e = env(s, "EMPTY");
    REQUIRE(e);
    CHECK_FALSE(e->bare);
    CHECK(e->value == "");
    CHECK(span(e->value_loc) == "6:15-6:15");
    const ComposeEnvItem* eq = env(s, "EQ");
    REQUIRE(eq);
    CHECK(eq->value == "a=b");
    CHECK(span(eq->value_loc) == "7:12-7:15");
    const ComposeEnvItem* c = env(s, "C");
    REQUIRE(c);
    CHECK(c->value == "1");
    CHECK(span(c->value_loc) == "8:11-8:12");
  }

  TEST_CASE("environment as a list: quoted items point inside the quotes") {
    std::string t = "services:\n  app:\n    environment:\n      - \"GOMEMLIMIT=460MiB\"\n      - 'GOGC=50'\n"
                    "      - \"BARE\"\n";
    ComposeFile f = extract(t);
    const ComposeService& s = f.services.at(0);
    REQUIRE(s.environment.size() == 3);
    const ComposeEnvItem* m = env(s, "GOMEMLIMIT");
    REQUIRE(m);
    CHECK(span(m->key_loc) == "4:10-4:20");
    CHECK(span(m->value_loc) == "4:21-4:27");
    CHECK(slice(t, m->value_loc) == "460MiB");
    const ComposeEnvItem* g = env(s, "GOGC");
    REQUIRE(g);
    CHECK(span(g->value_loc) == "5:15-5:17");
    CHECK(slice(t, g->value_loc) == "50");
    const ComposeEnvItem* b = env(s, "BARE");
    REQUIRE(b);
    CHECK(b->bare);
    CHECK(span(b->key_loc) == "6:10-6:14");
  }

  TEST_CASE("environment as a list: a quoted item with an escape still points inside the quotes") {
    // Regression (fixed): read_environment() detects a quoted item by comparing the decoded
    // length + 2 with the source span; an escape ('' or \") breaks the test,
    // so key and value columns are one byte early (they start at the quote).
    std::string t = "services:\n  app:\n    environment:\n      - 'MSG=it''s'\n      - \"Q=\\\"x\\\"\"\n";
    ComposeFile f = extract(t);
    const ComposeService& s = f.services.at(0);
    const ComposeEnvItem* m = env(s, "MSG");
    REQUIRE(m);
    CHECK(m->value == "it's");
    CHECK(span(m->key_loc) == "4:10-4:13");
    CHECK(m->value_loc.col == 14);
    const ComposeEnvItem* q = env(s, "Q");
    REQUIRE(q);
    CHECK(q->value == "\"x\"");
    CHECK(span(q->key_loc) == "5:10-5:11");
  }

  TEST_CASE("environment: a value of the wrong shape is a located error") {
    ComposeFile f = extract("services:\n  app:\n    environment: GOGC=50\n  b:\n    environment:\n      - [x]\n"
                            "      - OK=1\n");
    REQUIRE(f.services.size() == 2);
    CHECK(f.services[0].environment.empty());
    REQUIRE(f.services[1].environment.size() == 1);
    CHECK(f.services[1].environment[0].key == "OK");
    REQUIRE(f.errors.size() == 2);
    CHECK(f.errors[0].message == "environment must be a mapping or a list");
    CHECK(span(f.errors[0].loc) == "3:18-3:25");
    CHECK(f.errors[1].message == "environment entry must be a string");
    CHECK(f.errors[1].loc.line == 6);
    CHECK(f.errors[1].loc.col == 9);
  }

  TEST_CASE("env_file: a string, a list, and a list of {path, required}") {
    ComposeFile f = extract("services:\n  a:\n    env_file: .env\n  b:\n    env_file: [common.env, b.env]\n"
                            "  c:\n    env_file:\n      - path: ./c.env\n        required: false\n"
                            "      - path: must.env\n      - path: explicit.env\n        required: true\n      - plain.env\n");
    CHECK(f.errors.empty());
    REQUIRE(f.services.size() == 3);
    const auto& a = f.services[0].env_files;
    REQUIRE(a.size() == 1);
    CHECK(a[0].path == ".env");
    CHECK(a[0].required);
    CHECK(span(a[0].loc) == "3:15-3:19");
    const auto& b = f.services[1].env_files;
    REQUIRE(b.size() == 2);
    CHECK(b[0].path == "common.env");
    CHECK(b[1].path == "b.env");
    CHECK(span(b[1].loc) == "5:28-5:33");
    const auto& c = f.services[2].env_files;
    REQUIRE(c.size() == 4);
    CHECK(c[0].path == "./c.env");
    CHECK_FALSE(c[0].required);
    CHECK(span(c[0].loc) == "8:15-8:22");
    CHECK(c[1].path == "must.env");
    CHECK(c[1].required);
    CHECK(c[2].path == "explicit.env");
    CHECK(c[2].required);
    CHECK(c[3].path == "plain.env");
    CHECK(c[3].required);
  }

  TEST_CASE("env_file: paths are interpolated; bad shapes are located errors") {
    ComposeFile f = extract("services:\n  a:\n    env_file: ${STAGE:-dev}.env\n  b:\n    env_file: {path: x}\n"
                            "  c:\n    env_file: [[x]]\n",
                            vars({{"STAGE", "prod"}}));
    REQUIRE(f.services.size() == 3);
    REQUIRE(f.services[0].env_files.size() == 1);
    CHECK(f.services[0].env_files[0].path == "prod.env");
    CHECK(f.services[1].env_files.empty());
    CHECK(f.services[2].env_files.empty());
    REQUIRE(f.errors.size() == 2);
    CHECK(f.errors[0].message == "env_file must be a string or a list");
    CHECK(f.errors[0].loc.line == 5);
    CHECK(f.errors[1].message == "env_file entry must be a path");
    CHECK(span(f.errors[1].loc) == "7:16-7:17");
  }

  TEST_CASE("env_file: required: False is the boolean false") {
    // Regression (fixed): read_env_files() treats only the exact text "false" as false; YAML
    // (compose-go reads it with yaml.v3) resolves False / FALSE to false too.
    ComposeFile f = extract("services:\n  a:\n    env_file:\n      - path: opt.env\n        required: False\n");
    REQUIRE(f.services.at(0).env_files.size() == 1);
    CHECK_FALSE(f.services[0].env_files[0].required);
  }

  TEST_CASE("build: a string is the context; a map has context, dockerfile and target") {
    ComposeFile f = extract("services:\n  a:\n    build: ./svc\n  b:\n    build:\n      context: api\n"
                            "      dockerfile: build/Dockerfile.prod\n      target: runtime\n"
                            "  c:\n    build: {dockerfile: Containerfile}\n  d:\n    image: x\n");
    REQUIRE(f.services.size() == 4);
    const auto& a = f.services[0];
    CHECK(a.has_build);
    CHECK(a.build_context == "./svc");
    CHECK(a.build_dockerfile == "");
    CHECK(a.build_target == "");
    CHECK(span(a.build_loc) == "3:12-3:17");
    const auto& b = f.services[1];
    CHECK(b.has_build);
    CHECK(b.build_context == "api");
    CHECK(b.build_dockerfile == "build/Dockerfile.prod");
    CHECK(b.build_target == "runtime");
    CHECK(b.build_loc.line == 6);
    const auto& c = f.services[2];
    CHECK(c.has_build);
    CHECK(c.build_context == ".");
    CHECK(c.build_dockerfile == "Containerfile");
    CHECK_FALSE(f.services[3].has_build);
    CHECK(f.services[3].build_context == "");
  }

  TEST_CASE("build: values are interpolated") {
    ComposeFile f = extract("services:\n  a:\n    build:\n      context: ${CTX}\n      target: ${T:-prod}\n",
                            vars({{"CTX", "srv/a"}}));
    CHECK(f.services.at(0).build_context == "srv/a");
    CHECK(f.services.at(0).build_target == "prod");
  }

  TEST_CASE("labels: map and list forms") {
    ComposeFile f = extract("services:\n  a:\n    labels:\n      oomguard.io/ignore: OG106\n      n: 1\n"
                            "  b:\n    labels:\n      - \"x=1\"\n      - y=a=b\n      - bare\n");
    REQUIRE(f.services.size() == 2);
    CHECK(f.services[0].labels == std::map<std::string, std::string>{{"oomguard.io/ignore", "OG106"}, {"n", "1"}});
    CHECK(f.services[1].labels == std::map<std::string, std::string>{{"x", "1"}, {"y", "a=b"}, {"bare", ""}});
  }

  TEST_CASE("interpolation from the dotenv lookup: ${X}, $X, ${X:-d}, $$") {
    std::string t = "services:\n  app:\n    image: reg/app:${TAG}\n    mem_limit: ${MEM:-1g}\n"
                    "    memswap_limit: ${SWAP:-2g}\n    environment:\n      A: $$HOME\n      B: ${UNSET}x\n"
                    "      C: $TAG\n      D: ${EMPTY:-dflt}\n      E: ${EMPTY-kept}\n";
    ComposeFile f = extract(t, vars({{"TAG", "1.2"}, {"SWAP", "3g"}, {"EMPTY", ""}}));
    CHECK(f.errors.empty());
    const ComposeService& s = f.services.at(0);
    CHECK(s.image == "reg/app:1.2");
    REQUIRE(s.mem_limit);
    CHECK(s.mem_limit->raw == "1g");  // the interpolated text
    CHECK(s.mem_limit->bytes == 1LL << 30);
    CHECK(s.mem_limit->loc.line == 4);  // still the source position
    CHECK(s.mem_limit->loc.col == 16);
    REQUIRE(s.memswap_limit);
    CHECK(s.memswap_limit->bytes == 3LL << 30);
    const ComposeEnvItem* a = env(s, "A");
    REQUIRE(a);
    CHECK(a->value == "$HOME");
    CHECK(a->raw == "$$HOME");
    CHECK(a->unresolved.empty());
    const ComposeEnvItem* b = env(s, "B");
    REQUIRE(b);
    CHECK(b->value == "x");
    CHECK(lines(b->unresolved) == lines({"UNSET"}));
    CHECK(env(s, "C")->value == "1.2");
    CHECK(env(s, "D")->value == "dflt");
    CHECK(env(s, "E")->value == "");
  }

  TEST_CASE("interpolation in list-form environment values") {
    ComposeFile f = extract("services:\n  app:\n    environment:\n      - GOMEMLIMIT=${GML:-400MiB}\n"
                            "      - LIT=$$X\n      - U=${NOPE}\n",
                            vars({{"GML", "700MiB"}}));
    const ComposeService& s = f.services.at(0);
    const ComposeEnvItem* m = env(s, "GOMEMLIMIT");
    REQUIRE(m);
    CHECK(m->value == "700MiB");
    CHECK(m->raw == "${GML:-400MiB}");
    CHECK(span(m->value_loc) == "4:20-4:34");
    CHECK(env(s, "LIT")->value == "$X");
    CHECK(env(s, "U")->value == "");
    CHECK(lines(env(s, "U")->unresolved) == lines({"NOPE"}));
  }

  TEST_CASE("${X:?err} with X unset is a located error") {
    ComposeFile f = extract("services:\n  app:\n    mem_limit: ${MEM:?set MEM}\n    environment:\n"
                            "      - GOMEMLIMIT=${GML:?need it}\n  b:\n    environment: {G: \"${G:?}\"}\n");
    REQUIRE(f.errors.size() == 3);
    CHECK(f.errors[0].message == "interpolation: required variable MEM is missing a value: set MEM");
    CHECK(f.errors[0].loc.line == 3);
    CHECK(f.errors[0].loc.col == 16);
    CHECK(f.errors[1].message == "interpolation: required variable GML is missing a value: need it");
    CHECK(f.errors[1].loc.line == 5);
    CHECK(f.errors[1].loc.col == 9);
    CHECK(f.errors[2].message == "interpolation: required variable G is missing a value");
    CHECK(f.errors[2].loc.line == 7);
    CHECK(f.errors[2].loc.col == 22);
    for (const auto& e : f.errors) CHECK(e.loc.file == "compose.yaml");
    // the service is still extracted; the failed value is kept as written and does not parse
    REQUIRE(f.services.size() == 2);
    REQUIRE(f.services[0].mem_limit);
    CHECK_FALSE(f.services[0].mem_limit->ok);
    REQUIRE(f.services[0].environment.size() == 1);
    CHECK(f.services[0].environment[0].key == "GOMEMLIMIT");
  }

  TEST_CASE("a ${...} value's span includes its closing brace") {
    // Regression (was a bug in yaml_source scalar_extent): a block-context plain scalar ends at
    // '}', so `mem_limit: ${MEM:-1g}` spans "${MEM:-1g" and the located
    // ${X:?err} error misses its last byte.
    std::string t = "services:\n  app:\n    mem_limit: ${MEM:-1g}\n    image: ${IMG:?set IMG}\n";
    ComposeFile f = extract(t);
    REQUIRE(f.services.at(0).mem_limit);
    CHECK(span(f.services[0].mem_limit->loc) == "3:16-3:26");
    CHECK(slice(t, f.services[0].mem_limit->loc) == "${MEM:-1g}");
    REQUIRE(f.errors.size() == 1);
    CHECK(span(f.errors[0].loc) == "4:12-4:27");
  }

  TEST_CASE("${X:?err} with X set is not an error") {
    ComposeFile f = extract("services:\n  app:\n    mem_limit: ${MEM:?set MEM}\n", vars({{"MEM", "256m"}}));
    CHECK(f.errors.empty());
    REQUIRE(f.services.at(0).mem_limit);
    CHECK(f.services[0].mem_limit->bytes == 256LL << 20);
  }
}  // TEST_SUITE
