// The incremental scan of the pre-commit hook must report exactly what a
// full scan reports for the same change. For the demo repository and every
// rule fixture case, each input file in turn is the "changed" file: the
// selected scan's findings (with their related locations, suppressions and
// fingerprints) must equal the full scan's findings that involve that file.
// Each is also deleted in turn: the selected scan of the rest must equal the
// full scan's findings about the workloads that read it before.
#include <doctest/doctest.h>

#include <filesystem>

#include "discover/discover.h"
#include "fake_filesystem.h"
#include "scan/git_scan.h"
#include "scan/incremental.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace og;

namespace {

std::vector<std::string> describe(const ScanUnit& u) {
  std::vector<std::string> out;
  for (const auto& f : u.findings) {
    std::string s = f.fingerprint + " " + f.rule_id + " " + f.loc.file + ":" + std::to_string(f.loc.line) + " " +
                    f.message + (f.suppression ? " [suppressed]" : "");
    for (const auto& r : f.related) s += " | " + r.loc.file + ":" + std::to_string(r.loc.line) + " " + r.message;
    out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  return out;
}

test::FakeFileSystem load(const fs::path& dir) {
  test::FakeFileSystem ffs;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it)
    if (it->is_regular_file()) {
      std::string rel = fs::relative(it->path(), dir).generic_string();
      if (rel != "expected.txt") ffs.files[rel] = test::read_file(it->path().string());
    }
  return ffs;
}

Config config_of(test::FakeFileSystem& ffs) {
  auto it = ffs.files.find(".oomguard.yaml");
  return it == ffs.files.end() ? default_config() : parse_config(".oomguard.yaml", it->second);
}

// Returns the number of (case, changed file) pairs checked (each changed,
// then deleted).
int check_repository(const fs::path& dir) {
  test::FakeFileSystem ffs = load(dir);
  Config cfg = config_of(ffs);
  REQUIRE(cfg.errors.empty());
  ScanUnit full = scan_filesystem(ffs, "/repo", cfg, 1);
  int checked = 0;
  for (const auto& [path, content] : ffs.files) {
    if (!classify_path(path)) continue;
    std::set<std::string> changed = {path};
    ScanUnit want = full;
    keep_findings_involving(&want, changed);
    size_t selected = 0;
    ScanUnit got = scan_changed(ffs, "/repo", cfg, 1, changed, nullptr, nullptr, &selected);
    CHECK_MESSAGE(describe(got) == describe(want), dir.string() << " changed " << path << "\nselected scan:\n"
                                                                << test::lines(describe(got)) << "\nfull scan:\n"
                                                                << test::lines(describe(want)));
    test::FakeFileSystem rest = ffs;
    rest.files.erase(path);
    want = scan_filesystem(rest, "/repo", cfg, 1);
    keep_findings_involving(&want, {}, workloads_reading(full.project, changed));
    got = scan_changed(rest, "/repo", cfg, 1, {}, nullptr, nullptr, &selected, Deletions{changed, &ffs, nullptr});
    CHECK_MESSAGE(describe(got) == describe(want), dir.string() << " deleted " << path << "\nselected scan:\n"
                                                                << test::lines(describe(got)) << "\nfull scan:\n"
                                                                << test::lines(describe(want)));
    checked++;
  }
  return checked;
}

}  // namespace

TEST_SUITE("incremental") {
  TEST_CASE("the demo: every file changed alone gives the full scan's findings for it") {
    CHECK(check_repository(fs::path(test::source_dir()) / "fixtures" / "demo") >= 10);
  }

  TEST_CASE("every rule fixture case: every file changed alone gives the full scan's findings for it") {
    int checked = 0;
    for (const auto& rule : fs::directory_iterator(fs::path(test::source_dir()) / "fixtures" / "rules"))
      for (const auto& c : fs::directory_iterator(rule.path())) checked += check_repository(c.path());
    CHECK(checked > 300);
  }

  TEST_CASE("a changed pod manifest selects itself and the Dockerfile its image links to, not the rest") {
    test::FakeFileSystem ffs;
    const char* pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: %s}\nspec:\n  containers:\n  - name: app\n"
                      "    image: registry.example/%s:1.0\n    resources: {limits: {memory: 1Gi}}\n";
    char buf[512];
    for (const char* name : {"api", "worker", "billing"}) {
      std::snprintf(buf, sizeof buf, pod, name, name);
      ffs.files[std::string("k8s/") + name + ".yaml"] = buf;
      ffs.files[std::string(name) + "/Dockerfile"] = "FROM scratch\nENV GOMEMLIMIT=900MiB\n";
    }
    ffs.files["ops/limits.yaml"] =
        "apiVersion: v1\nkind: LimitRange\nmetadata: {name: l}\nspec:\n  limits:\n  - type: Container\n"
        "    default: {memory: 512Mi}\n";
    size_t selected = 0;
    scan_changed(ffs, "/repo", default_config(), 1, {"k8s/api.yaml"}, nullptr, nullptr, &selected);
    CHECK(selected == 3);  // the pod, api/Dockerfile, and the LimitRange (support files are always read)
    scan_changed(ffs, "/repo", default_config(), 1, {"worker/Dockerfile"}, nullptr, nullptr, &selected);
    CHECK(selected == 3);  // the Dockerfile, the pod that runs it, the LimitRange
    ScanUnit full = scan_changed(ffs, "/repo", default_config(), 1, {"ops/limits.yaml"}, nullptr, nullptr, &selected);
    CHECK(selected == 7);  // a support file changed: everything
  }

  TEST_CASE("skaffold facts do not depend on where the file is: one cached record serves two copies") {
    // Facts are cached by content: two identical skaffold.yaml in different
    // directories share a record, so its aliases must be relative to the file.
    const std::string skaffold =
        "apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n"
        "    - image: registry.example.com/shop/backend\n      context: services/api\n"
        "      docker: {dockerfile: Dockerfile}\n";
    const std::string pod =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n"
        "    image: registry.example.com/shop/backend:1\n    resources: {limits: {memory: 1Gi}}\n";
    test::FakeFileSystem ffs;
    for (const char* d : {"a", "b"}) {
      ffs.files[std::string(d) + "/skaffold.yaml"] = skaffold;
      ffs.files[std::string(d) + "/k8s/pod.yaml"] = pod;
      ffs.files[std::string(d) + "/services/api/Dockerfile"] = "FROM scratch\nENV GOMEMLIMIT=512Mi\n";
    }
    ffs.files["b/services/api/Dockerfile"] = "FROM scratch\nENV GOMEMLIMIT=2Gi\n";
    std::string dir = test::temp_dir("facts-skaffold");
    // The content is the key, as with git blob ids.
    auto key_of = [&](const std::string& p) { return stable_hash(ffs.files.at(p)); };
    Config cfg = default_config();
    ScanUnit full = scan_filesystem(ffs, "/repo", cfg, 1);
    for (int warm = 0; warm < 2; ++warm) {
      CAPTURE(warm);
      for (const char* changed : {"a/services/api/Dockerfile", "b/services/api/Dockerfile"}) {
        CAPTURE(changed);
        FactsCache cache(dir + "/facts");
        cache.load();
        ScanUnit want = full;
        keep_findings_involving(&want, {changed});
        REQUIRE_FALSE(want.findings.empty());
        size_t selected = 0;
        ScanUnit got = scan_changed(ffs, "/repo", cfg, 1, {changed}, &cache, key_of, &selected);
        CHECK(test::lines(describe(got)) == test::lines(describe(want)));
        if (warm) CHECK(cache.hits > 0);
        cache.save();
      }
    }
  }

  TEST_CASE("a deleted file selects the workloads that read it before; other deletions select nothing more") {
    test::FakeFileSystem before;
    const char* pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: %s}\nspec:\n  containers:\n  - name: app\n"
                      "    image: registry.example/%s:1.0\n    resources: {limits: {memory: 1Gi}}\n";
    char buf[512];
    for (const char* name : {"api", "worker"}) {
      std::snprintf(buf, sizeof buf, pod, name, name);
      before.files[std::string("k8s/") + name + ".yaml"] = buf;
      before.files[std::string(name) + "/Dockerfile"] = "FROM scratch\nENV GOMEMLIMIT=900MiB\n";
    }
    before.files["ops/limits.yaml"] =
        "apiVersion: v1\nkind: LimitRange\nmetadata: {name: l}\nspec:\n  limits:\n  - type: Container\n"
        "    default: {memory: 512Mi}\n";
    // an env_file whose name does not make it an input
    before.files["compose.yaml"] = "services:\n  web:\n    image: example/web\n    mem_limit: 512m\n"
                                   "    memswap_limit: 512m\n    environment: {GOGC: \"100\"}\n    env_file: web.conf\n";
    before.files["web.conf"] = "GOMEMLIMIT=400MiB\n";
    before.files["README.md"] = "docs\n";
    ScanUnit full_before = scan_filesystem(before, "/repo", default_config(), 1);
    // The selected scan equals the full scan of what is left, filtered to the
    // workloads that read the deleted file; returns the findings.
    auto check_deleted = [&](const std::string& path, size_t want_selected) {
      CAPTURE(path);
      test::FakeFileSystem after = before;
      after.files.erase(path);
      ScanUnit want = scan_filesystem(after, "/repo", default_config(), 1);
      keep_findings_involving(&want, {}, workloads_reading(full_before.project, {path}));
      size_t selected = 0;
      ScanUnit got = scan_changed(after, "/repo", default_config(), 1, {}, nullptr, nullptr, &selected,
                                  Deletions{{path}, &before, nullptr});
      CHECK(describe(got) == describe(want));
      CHECK(selected == want_selected);
      return describe(got);
    };
    // before: the pod, the Dockerfile, the LimitRange; after: the pod, the LimitRange
    check_deleted("api/Dockerfile", 5);
    // not an input: before, the compose file that names it and the LimitRange; the same after
    auto web = check_deleted("web.conf", 4);
    REQUIRE(web.size() == 1);
    CHECK(web[0].find("OG106 compose.yaml:") != std::string::npos);  // GOMEMLIMIT gone with the env file
    // read by nothing: HEAD is not scanned at all (only the LimitRange after)
    check_deleted("README.md", 1);
    // changing the oddly named env file selects the compose file too
    size_t selected = 0;
    scan_changed(before, "/repo", default_config(), 1, {"web.conf"}, nullptr, nullptr, &selected);
    CHECK(selected == 2);
  }

  TEST_CASE("facts round-trip through the cache file, and a foreign cache file is ignored") {
    std::string dir = test::temp_dir("facts-cache");
    FileFacts f;
    f.workload = f.opaque = true;
    f.images = {"a/b:1", "c"};
    f.builds = {{"./ctx", ""}, {"..", "build/Dockerfile.prod"}};
    f.aliases = {{"img", "dir/Dockerfile"}};
    f.env_refs = {"app.env"};
    {
      FactsCache c(dir + "/cache");
      c.load();
      c.put("k1", f);
      FileFacts bad;
      bad.images = {"tab\there"};
      c.put("k2", bad);  // not storable: silently not cached
      REQUIRE(c.save());
    }
    FactsCache c(dir + "/cache");
    c.load();
    FileFacts back;
    REQUIRE(c.get("k1", &back));
    CHECK(back.workload);
    CHECK(back.opaque);
    CHECK_FALSE(back.support);
    CHECK(back.images == f.images);
    CHECK(back.builds == f.builds);
    CHECK(back.aliases == f.aliases);
    CHECK(back.env_refs == f.env_refs);
    CHECK_FALSE(c.get("k2", &back));
    test::write_file(dir + "/cache", "something else\nk1\t-w---\t\t\t\t\n");
    FactsCache foreign(dir + "/cache");
    foreign.load();
    CHECK_FALSE(foreign.get("k1", &back));
  }
}
