// Tests for checker/parse/docker_run: `docker run` / `podman run` command
// lines in scripts, Makefiles and CI files: memory flags (Docker byte sizes),
// -e variables, the image, and exact positions. Semantics: docs
// memory-semantics §3.
#include <doctest/doctest.h>

#include "test_support.h"

#include <string>
#include <vector>

#include "parse/docker_run.h"

using og::DockerRunCmd;
using og::Location;

namespace {

using og::test::lines;
using og::test::span;
using og::test::slice;


std::vector<DockerRunCmd> runs(const std::string& text, const std::string& path = "run.sh") {
  return og::find_docker_runs(path, text);
}

// The bytes of a single-line location.
std::vector<std::string> images(const std::vector<DockerRunCmd>& v) {
  std::vector<std::string> out;
  for (const auto& c : v) out.push_back(c.image);
  return out;
}

}  // namespace

TEST_SUITE("docker_run") {
  TEST_CASE("docker run: the engine word, memory flag and image with exact positions") {
    std::string t = "#!/bin/sh\ndocker run --rm -m 512m example/app:1 serve --port 80\n";
    auto v = runs(t);
    REQUIRE(v.size() == 1);
    const DockerRunCmd& c = v[0];
    CHECK(c.loc.file == "run.sh");
    CHECK(span(c.loc) == "2:1-2:7");
    CHECK(c.image == "example/app:1");
    CHECK(span(c.image_loc) == "2:25-2:38");
    REQUIRE(c.memory);
    CHECK(c.memory->raw == "512m");
    CHECK(c.memory->ok);
    CHECK(c.memory->bytes == 512LL << 20);
    CHECK(c.memory->format == og::QuantityFormat::Docker);
    CHECK(c.memory->field == "--memory");
    CHECK(span(c.memory->loc) == "2:20-2:24");
    CHECK(slice(t, c.memory->loc) == "512m");
    CHECK_FALSE(c.memory_swap);
    CHECK(c.env.empty());
  }

  TEST_CASE("podman run, docker container run and podman container run") {
    auto v = runs("podman run -m 1g a\ndocker container run --memory 2g b\npodman container run c\n");
    REQUIRE(v.size() == 3);
    CHECK(lines(images(v)) == lines({"a", "b", "c"}));
    REQUIRE(v[0].memory);
    CHECK(v[0].memory->bytes == 1LL << 30);
    CHECK(span(v[0].loc) == "1:1-1:7");
    REQUIRE(v[1].memory);
    CHECK(v[1].memory->bytes == 2LL << 30);
    CHECK(span(v[1].memory->loc) == "2:31-2:33");
    CHECK_FALSE(v[2].memory);
  }

  TEST_CASE("memory flag spellings: -m V, -mV, --memory V, --memory=V") {
    std::string t = "docker run -m 100m a\ndocker run -m200m b\ndocker run --memory 300m c\ndocker run --memory=400m d\n";
    auto v = runs(t);
    REQUIRE(v.size() == 4);
    CHECK(lines(images(v)) == lines({"a", "b", "c", "d"}));
    for (size_t i = 0; i < 4; ++i) {
      CAPTURE(i);
      REQUIRE(v[i].memory);
      CHECK(v[i].memory->ok);
      CHECK(v[i].memory->bytes == static_cast<int64_t>(i + 1) * 100 * (1LL << 20));
      CHECK(slice(t, v[i].memory->loc) == std::to_string((i + 1) * 100) + "m");
    }
    CHECK(span(v[1].memory->loc) == "2:14-2:18");
    CHECK(span(v[3].memory->loc) == "4:21-4:25");
  }

  TEST_CASE("--memory-swap, as a separate word and with =") {
    auto v = runs("docker run -m 512m --memory-swap 1g a\ndocker run --memory-swap=-1 -m 1g b\n");
    REQUIRE(v.size() == 2);
    REQUIRE(v[0].memory_swap);
    CHECK(v[0].memory_swap->ok);
    CHECK(v[0].memory_swap->bytes == 1LL << 30);
    CHECK(v[0].memory_swap->field == "--memory-swap");
    CHECK(span(v[0].memory_swap->loc) == "1:34-1:36");
    REQUIRE(v[1].memory_swap);
    CHECK(v[1].memory_swap->raw == "-1");
    CHECK(span(v[1].memory_swap->loc) == "2:26-2:28");
    REQUIRE(v[1].memory);
    CHECK(v[1].memory->bytes == 1LL << 30);
    CHECK(v[1].image == "b");
  }

  TEST_CASE("invalid memory values are kept with their error") {
    auto v = runs("docker run -m 512Mx a\n");
    REQUIRE(v.size() == 1);
    REQUIRE(v[0].memory);
    CHECK(v[0].memory->raw == "512Mx");
    CHECK_FALSE(v[0].memory->ok);
    CHECK_FALSE(v[0].memory->error.empty());
  }

  TEST_CASE("env: -e K=V, --env K=V, --env=K=V, -eK=V, bare -e K") {
    std::string t = "docker run -e GOGC=50 --env A=1 --env=GOMEMLIMIT=460MiB -eB=x=y -e BARE img\n";
    auto v = runs(t);
    REQUIRE(v.size() == 1);
    const auto& e = v[0].env;
    REQUIRE(e.size() == 5);
    CHECK(e[0].key == "GOGC");
    CHECK(e[0].value == "50");
    CHECK_FALSE(e[0].bare);
    CHECK(span(e[0].loc) == "1:20-1:22");
    CHECK(e[1].key == "A");
    CHECK(e[1].value == "1");
    CHECK(slice(t, e[1].loc) == "1");
    CHECK(e[2].key == "GOMEMLIMIT");
    CHECK(e[2].value == "460MiB");
    CHECK(span(e[2].loc) == "1:50-1:56");
    CHECK(slice(t, e[2].loc) == "460MiB");
    CHECK(e[3].key == "B");
    CHECK(e[3].value == "x=y");
    CHECK(slice(t, e[3].loc) == "x=y");
    CHECK(e[4].key == "BARE");
    CHECK(e[4].bare);
    CHECK(e[4].value == "");
    CHECK(span(e[4].loc) == "1:68-1:72");  // the key
    CHECK(v[0].image == "img");
  }

  TEST_CASE("combined boolean short flags do not swallow the next word") {
    auto v = runs("docker run -it -m 1g a\ndocker run -dit --rm -e X=1 b\ndocker run -d -i -t -P c sh\n"
                  "docker run -ti d\n");
    REQUIRE(v.size() == 4);
    CHECK(lines(images(v)) == lines({"a", "b", "c", "d"}));
    REQUIRE(v[0].memory);
    CHECK(v[0].memory->bytes == 1LL << 30);
    REQUIRE(v[1].env.size() == 1);
    CHECK(v[1].env[0].key == "X");
  }

  TEST_CASE("flags with values before the image are skipped with their value") {
    auto v = runs("docker run --name web -p 80:80 -v /data:/data --network host -w /app --user 1000 -m 64m "
                  "--label a=b --restart unless-stopped reg/web:2 --flag-of-the-app x\n");
    REQUIRE(v.size() == 1);
    CHECK(v[0].image == "reg/web:2");
    REQUIRE(v[0].memory);
    CHECK(v[0].memory->bytes == 64LL << 20);
    CHECK(v[0].env.empty());
  }

  TEST_CASE("flags after the image belong to the container's command") {
    auto v = runs("docker run img -m 1g -e A=1\n");
    REQUIRE(v.size() == 1);
    CHECK(v[0].image == "img");
    CHECK_FALSE(v[0].memory);
    CHECK(v[0].env.empty());
  }

  TEST_CASE("backslash continuations: positions are on the continued lines") {
    std::string t = "#!/bin/sh\nset -e\ndocker run --rm -m 512m \\\n  -e GOMEMLIMIT=460MiB \\\n"
                    "    --memory-swap 1g \\\n  example/app:1 serve\necho done\n";
    auto v = runs(t);
    REQUIRE(v.size() == 1);
    const auto& c = v[0];
    CHECK(span(c.loc) == "3:1-3:7");
    REQUIRE(c.memory);
    CHECK(span(c.memory->loc) == "3:20-3:24");
    REQUIRE(c.env.size() == 1);
    CHECK(span(c.env[0].loc) == "4:17-4:23");
    CHECK(slice(t, c.env[0].loc) == "460MiB");
    REQUIRE(c.memory_swap);
    CHECK(span(c.memory_swap->loc) == "5:19-5:21");
    CHECK(c.image == "example/app:1");
    CHECK(span(c.image_loc) == "6:3-6:16");
  }

  TEST_CASE("backslash continuations with CRLF line endings") {
    std::string t = "docker run \\\r\n  -m 256m \\\r\n  app\r\ndocker run b\r\n";
    auto v = runs(t);
    REQUIRE(v.size() == 2);
    REQUIRE(v[0].memory);
    CHECK(v[0].memory->raw == "256m");
    CHECK(span(v[0].memory->loc) == "2:6-2:10");
    CHECK(v[0].image == "app");
    CHECK(span(v[0].image_loc) == "3:3-3:6");
    CHECK(v[1].image == "b");
    CHECK(span(v[1].loc) == "4:1-4:7");
  }

  TEST_CASE("quotes: unquoted text, quote-inclusive spans for whole quoted words") {
    std::string t = "docker run -m \"512m\" -e 'MSG=a b;c' \"reg/app:1\"\n";
    auto v = runs(t);
    REQUIRE(v.size() == 1);
    REQUIRE(v[0].memory);
    CHECK(v[0].memory->raw == "512m");
    CHECK(v[0].memory->ok);
    CHECK(span(v[0].memory->loc) == "1:15-1:21");
    CHECK(slice(t, v[0].memory->loc) == "\"512m\"");
    REQUIRE(v[0].env.size() == 1);
    CHECK(v[0].env[0].key == "MSG");
    CHECK(v[0].env[0].value == "a b;c");  // ; inside quotes does not end the command
    CHECK(v[0].image == "reg/app:1");
    CHECK(span(v[0].image_loc) == "1:37-1:48");
  }

  TEST_CASE("quotes: the value span of a quoted -e K=V is the value's bytes") {
    // Regression (fixed): parse_command() computes env.loc from the word's start column,
    // which is the opening quote: `-e "GOMEMLIMIT=460MiB"` gives 1:26-1:32
    // (the bytes "=460Mi", one byte early) and `--env="K=V"` gives 2:20-2:21.
    std::string t = "docker run -e \"GOMEMLIMIT=460MiB\" img\ndocker run --env=\"K=V\" x\n";
    auto v = runs(t);
    REQUIRE(v.size() == 2);
    REQUIRE(v[0].env.size() == 1);
    CHECK(v[0].env[0].value == "460MiB");
    CHECK(span(v[0].env[0].loc) == "1:27-1:33");
    CHECK(slice(t, v[0].env[0].loc) == "460MiB");
    REQUIRE(v[1].env.size() == 1);
    CHECK(span(v[1].env[0].loc) == "2:21-2:22");
  }

  TEST_CASE("words with shell expansions are not parsed as values") {
    auto v = runs("docker run -m $MEM -e GOMEMLIMIT=$GML -e GOGC=\"${G}\" --memory-swap=`getswap` -e OK=1 app\n"
                  "docker run -m \"$(cat /etc/mem)\" b\n");
    REQUIRE(v.size() == 2);
    CHECK_FALSE(v[0].memory);
    CHECK_FALSE(v[0].memory_swap);
    REQUIRE(v[0].env.size() == 1);
    CHECK(v[0].env[0].key == "OK");
    CHECK(v[0].image == "app");
    CHECK_FALSE(v[1].memory);
    CHECK(v[1].image == "b");
  }

  TEST_CASE("single quotes make $ literal") {
    auto v = runs("docker run -e 'PRICE=$5' app\n");
    REQUIRE(v.size() == 1);
    REQUIRE(v[0].env.size() == 1);
    CHECK(v[0].env[0].value == "$5");
  }

  TEST_CASE("$(...) with spaces inside is one word, not an argument and an image") {
    // Regression (fixed): split_words() splits `$(cat /etc/mem)` (and `...` backticks) at
    // the space, so -m takes "$(cat" and "/etc/mem)" becomes the image.
    auto v = runs("docker run -m $(cat /etc/mem) example/app\ndocker run --memory-swap=`cat s` -e A=1 b\n");
    REQUIRE(v.size() == 2);
    CHECK_FALSE(v[0].memory);
    CHECK(v[0].image == "example/app");
    CHECK_FALSE(v[1].memory_swap);
    CHECK(v[1].env.size() == 1);
    CHECK(v[1].image == "b");
  }

  TEST_CASE("-m=V and -e=K=V: a shorthand flag with = takes the rest as its value") {
    // Regression (fixed): docker's flag parser (pflag) reads `-m=512m` as -m with value
    // "512m"; parse_command() takes "=512m" (malformed) and `-e=A=1` gives the
    // key "=A".
    auto v = runs("docker run -m=512m -e=A=1 img\n");
    REQUIRE(v.size() == 1);
    REQUIRE(v[0].memory);
    CHECK(v[0].memory->raw == "512m");
    CHECK(v[0].memory->ok);
    REQUIRE(v[0].env.size() == 1);
    CHECK(v[0].env[0].key == "A");
    CHECK(v[0].env[0].value == "1");
  }

  TEST_CASE("a Makefile recipe: tab-indented, @-prefixed, $(VAR) image") {
    std::string t = "IMAGE ?= reg/app\nrun:\n\tdocker run -m 256m $(IMAGE)\nquiet:\n\t@docker run --memory=1g app\n";
    auto v = runs(t, "Makefile");
    REQUIRE(v.size() == 2);
    CHECK(v[0].loc.file == "Makefile");
    CHECK(span(v[0].loc) == "3:2-3:8");
    REQUIRE(v[0].memory);
    CHECK(span(v[0].memory->loc) == "3:16-3:20");
    CHECK(v[0].image == "$(IMAGE)");
    CHECK(span(v[1].loc) == "5:3-5:9");
    REQUIRE(v[1].memory);
    CHECK(v[1].memory->bytes == 1LL << 30);
  }

  TEST_CASE("a YAML `run: |` block in a CI file") {
    std::string t = "jobs:\n  test:\n    steps:\n      - run: |\n          echo start\n"
                    "          docker run -m 1g -e GOGC=50 \\\n            reg/app:ci\n      - run: docker run -m 2g x\n";
    auto v = runs(t, ".github/workflows/ci.yml");
    REQUIRE(v.size() == 2);
    CHECK(span(v[0].loc) == "6:11-6:17");
    REQUIRE(v[0].memory);
    CHECK(span(v[0].memory->loc) == "6:25-6:27");
    REQUIRE(v[0].env.size() == 1);
    CHECK(span(v[0].env[0].loc) == "6:36-6:38");
    CHECK(v[0].image == "reg/app:ci");
    CHECK(span(v[0].image_loc) == "7:13-7:23");
    CHECK(span(v[1].loc) == "8:14-8:20");
    CHECK(v[1].image == "x");
  }

  TEST_CASE("no false positives: other words containing docker/podman, other subcommands") {
    auto v = runs("mydocker run a\ndocker-compose run web\ndocker compose run web\ndocker runner b\n"
                  "docker build -t x .\ndocker ps\npodman-remote run c\nnodocker run d\necho dockerrun e\n"
                  "docker\nrun f\ndocker run\n");
    CHECK(v.empty());
  }

  TEST_CASE("command boundaries: ;, &&, |, a comment and subshells") {
    std::string t = "set -e; docker run -m 1g a && docker run b | tee log\nexec docker run c ; sudo docker run d\n"
                    "/usr/bin/docker run e # -m 9g\nsh -c \"docker run f\"\n";
    auto v = runs(t);
    REQUIRE(v.size() == 6);
    CHECK(lines(images(v)) == lines({"a", "b", "c", "d", "e", "f"}));
    CHECK(span(v[0].loc) == "1:9-1:15");
    CHECK(span(v[1].loc) == "1:31-1:37");
    CHECK(span(v[3].loc) == "2:26-2:32");
    CHECK(span(v[4].loc) == "3:10-3:16");
    CHECK_FALSE(v[4].memory);  // after the comment
    CHECK(span(v[5].loc) == "4:8-4:14");
  }

  TEST_CASE("a subshell's closing parenthesis is not part of the image") {
    // Regression (fixed): split_words() does not end a word at ')' (a shell metacharacter),
    // so `(docker run c)` has the image "c)".
    auto v = runs("(docker run -m 1g c)\nout=$(docker run --rm d)\n");
    REQUIRE(v.size() == 2);
    CHECK(v[0].image == "c");
    REQUIRE(v[0].memory);
    CHECK(v[1].image == "d");
  }

  TEST_CASE("several commands in one file, each with its own settings") {
    std::string t = "docker run -m 128m -e A=1 one\n\necho hi\ndocker run two\npodman run --memory 1g three\n";
    auto v = runs(t);
    REQUIRE(v.size() == 3);
    CHECK(lines(images(v)) == lines({"one", "two", "three"}));
    REQUIRE(v[0].memory);
    CHECK(v[0].memory->bytes == 128LL << 20);
    CHECK(v[0].env.size() == 1);
    CHECK_FALSE(v[1].memory);
    CHECK(v[1].env.empty());
    CHECK(span(v[1].loc) == "4:1-4:7");
    REQUIRE(v[2].memory);
    CHECK(span(v[2].memory->loc) == "5:21-5:23");
  }

  TEST_CASE("a commented-out docker run line is not a command") {
    // Regression (fixed): split_words() stops at '#', but find_docker_runs() then searches the
    // rest of the line, so the `docker run` inside a shell comment is reported.
    auto v = runs("#!/bin/sh\n# docker run -m 1g old/app\n  # example: docker run x\ndocker run real\n");
    REQUIRE(v.size() == 1);
    CHECK(v[0].image == "real");
  }
}  // TEST_SUITE
