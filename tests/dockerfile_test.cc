// Tests for the Dockerfile parser (checker/parse/dockerfile.*) against the
// BuildKit frontend behaviour listed in shared/reference/memory-semantics.md
// section 4 and moby/buildkit frontend/dockerfile/{parser,shell}.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "parse/dockerfile.h"
#include "parse/dockerfile_lex.h"

namespace {

og::Dockerfile parse(std::string_view text) { return og::parse_dockerfile("Dockerfile", text); }

// Last ENV entry named `key` in `st`, or nullptr.
const og::DfVar* env_of(const og::DfStage& st, std::string_view key) {
  for (auto it = st.env.rbegin(); it != st.env.rend(); ++it) {
    if (it->key == key) return &*it;
  }
  return nullptr;
}

const og::DfVar* arg_of(const std::vector<og::DfVar>& args, std::string_view key) {
  for (const og::DfVar& v : args) {
    if (v.key == key) return &v;
  }
  return nullptr;
}

// The first error whose message contains `needle`, or nullptr.
const og::ParseError* error_with(const og::Dockerfile& df, std::string_view needle) {
  for (const og::ParseError& e : df.errors) {
    if (e.message.find(needle) != std::string::npos) return &e;
  }
  return nullptr;
}

void check_loc(const og::Location& loc, int line, int col, int end_line, int end_col) {
  CHECK(loc.file == "Dockerfile");
  CHECK(loc.line == line);
  CHECK(loc.col == col);
  CHECK(loc.end_line == end_line);
  CHECK(loc.end_col == end_col);
}

og::dflex::Expansion expand(std::string_view word, const std::vector<std::pair<std::string, std::string>>& vars,
                     char escape = '\\') {
  const og::dflex::VarLookup lookup = [&](std::string_view name) -> const std::string* {
    for (const auto& [k, v] : vars) {
      if (k == name) return &v;
    }
    return nullptr;
  };
  return og::dflex::expand_word(word, escape, lookup);
}

}  // namespace

TEST_SUITE("dockerfile") {

// ---------------------------------------------------------------- ENV forms

TEST_CASE("ENV K=V form: several pairs, quotes removed, escapes processed, exact spans") {
  const auto df = parse("FROM golang:1.22\nENV K=V K2=\"v 2\" K3=a\\ b\n");
  REQUIRE(df.errors.empty());
  REQUIRE(df.stages.size() == 1);
  const auto& env = df.stages[0].env;
  REQUIRE(env.size() == 3);

  CHECK(env[0].key == "K");
  CHECK(env[0].value == "V");
  CHECK(env[0].raw == "V");
  check_loc(env[0].key_loc, 2, 5, 2, 6);
  check_loc(env[0].value_loc, 2, 7, 2, 8);

  CHECK(env[1].key == "K2");
  CHECK(env[1].value == "v 2");
  CHECK(env[1].raw == "\"v 2\"");
  check_loc(env[1].key_loc, 2, 9, 2, 11);
  check_loc(env[1].value_loc, 2, 12, 2, 17);

  CHECK(env[2].key == "K3");
  CHECK(env[2].value == "a b");
  CHECK(env[2].raw == "a\\ b");
  check_loc(env[2].value_loc, 2, 21, 2, 25);
}

TEST_CASE("legacy ENV K V W sets K to the rest of the line") {
  const auto df = parse("FROM alpine\nENV K V W\nENV GOGC  50\n");
  REQUIRE(df.errors.empty());
  const auto& env = df.stages[0].env;
  REQUIRE(env.size() == 2);
  CHECK(env[0].key == "K");
  CHECK(env[0].value == "V W");
  CHECK(env[0].raw == "V W");
  check_loc(env[0].key_loc, 2, 5, 2, 6);
  check_loc(env[0].value_loc, 2, 7, 2, 10);
  CHECK(env[1].key == "GOGC");
  CHECK(env[1].value == "50");
  check_loc(env[1].value_loc, 3, 11, 3, 13);
}

TEST_CASE("legacy ENV value is processed like a word (quotes, substitution)") {
  const auto df = parse("FROM alpine\nENV A x\nENV K \"$A y\" 'z'\n");
  REQUIRE(df.errors.empty());
  const og::DfVar* k = env_of(df.stages[0], "K");
  REQUIRE(k);
  CHECK(k->value == "x y z");
  CHECK(k->raw == "\"$A y\" 'z'");
}

TEST_CASE("ENV values on continued lines point at their own physical line") {
  const auto df = parse(
      "FROM x\n"
      "ENV A=1 \\\n"
      "    GOMEMLIMIT=512MiB \\\n"
      "    GOGC=50\n");
  REQUIRE(df.errors.empty());
  const auto& st = df.stages[0];
  const og::DfVar* lim = env_of(st, "GOMEMLIMIT");
  const og::DfVar* gogc = env_of(st, "GOGC");
  REQUIRE(lim);
  REQUIRE(gogc);
  CHECK(lim->value == "512MiB");
  check_loc(lim->key_loc, 3, 5, 3, 15);
  check_loc(lim->value_loc, 3, 16, 3, 22);
  CHECK(gogc->value == "50");
  check_loc(gogc->key_loc, 4, 5, 4, 9);
  check_loc(gogc->value_loc, 4, 10, 4, 12);
}

TEST_CASE("a value split across a continuation spans both lines") {
  const auto df = parse("FROM x\nENV A=\"x \\\n y\"\n");
  REQUIRE(df.errors.empty());
  const og::DfVar* a = env_of(df.stages[0], "A");
  REQUIRE(a);
  CHECK(a->value == "x  y");  // continuation lines keep their leading blanks
  check_loc(a->value_loc, 2, 7, 3, 4);
}

TEST_CASE("legacy ENV value on a continued line") {
  const auto df = parse("FROM x\nENV GOMEMLIMIT \\\n  1GiB\n");
  REQUIRE(df.errors.empty());
  const og::DfVar* v = env_of(df.stages[0], "GOMEMLIMIT");
  REQUIRE(v);
  CHECK(v->value == "1GiB");
  check_loc(v->key_loc, 2, 5, 2, 15);
  check_loc(v->value_loc, 3, 3, 3, 7);
}

TEST_CASE("empty ENV value is a zero-width span after '='") {
  const auto df = parse("FROM x\nENV A= B=\"\"\n");
  REQUIRE(df.errors.empty());
  const auto& env = df.stages[0].env;
  REQUIRE(env.size() == 2);
  CHECK(env[0].value.empty());
  CHECK(env[0].raw.empty());
  check_loc(env[0].value_loc, 2, 7, 2, 7);
  CHECK(env[1].value.empty());
  CHECK(env[1].raw == "\"\"");
  check_loc(env[1].value_loc, 2, 10, 2, 12);
}

TEST_CASE("CRLF line endings: values without \\r, same columns") {
  const auto df = parse("FROM x\r\nENV A=1 \\\r\n    GOGC=50\r\nENV B=2\r\n");
  REQUIRE(df.errors.empty());
  const auto& st = df.stages[0];
  const og::DfVar* gogc = env_of(st, "GOGC");
  const og::DfVar* b = env_of(st, "B");
  REQUIRE(gogc);
  REQUIRE(b);
  CHECK(gogc->value == "50");
  check_loc(gogc->value_loc, 3, 10, 3, 12);
  CHECK(b->value == "2");
  check_loc(b->value_loc, 4, 7, 4, 8);
}

TEST_CASE("UTF-8 BOM: keyword recognised, columns count the BOM bytes") {
  const auto df = parse("\xEF\xBB\xBF" "FROM golang AS build\r\nENV A=1\r\n");
  REQUIRE(df.errors.empty());
  REQUIRE(df.stages.size() == 1);
  CHECK(df.stages[0].base == "golang");
  check_loc(df.stages[0].from_loc, 1, 9, 1, 15);
  check_loc(df.stages[0].env[0].value_loc, 2, 7, 2, 8);
}

TEST_CASE("BOM before an instruction that is not FROM: error column counts the BOM") {
  const auto df = parse("\xEF\xBB\xBF" "ENV A=1\nFROM x\n");
  const og::ParseError* e = error_with(df, "before the first FROM");
  REQUIRE(e);
  check_loc(e->loc, 1, 4, 1, 7);
}

TEST_CASE("ENV with several unicode separators: NBSP splits words like Go's unicode.IsSpace") {
  const auto df = parse("FROM x\nENV A=1\xC2\xA0" "B=2\n");
  REQUIRE(df.errors.empty());
  REQUIRE(df.stages[0].env.size() == 2);
  CHECK(df.stages[0].env[1].key == "B");
  check_loc(df.stages[0].env[1].key_loc, 2, 10, 2, 11);
}

// ---------------------------------------------------------- directives

TEST_CASE("escape directive with backtick: continuation and literal backslash") {
  const auto df = parse(
      "# escape=`\n"
      "FROM mcr.microsoft.com/windows/servercore\n"
      "ENV P=C:\\tools `\n"
      "    GOGC=25\n");
  REQUIRE(df.errors.empty());
  CHECK(df.escape == '`');
  const auto& st = df.stages[0];
  const og::DfVar* p = env_of(st, "P");
  const og::DfVar* gogc = env_of(st, "GOGC");
  REQUIRE(p);
  REQUIRE(gogc);
  CHECK(p->value == "C:\\tools");
  CHECK(gogc->value == "25");
  check_loc(gogc->value_loc, 4, 10, 4, 12);
}

TEST_CASE("backtick escape protects $ and quotes in values") {
  const auto df = parse("# escape=`\nFROM x\nENV A=`$HOME B=\\$X C=\"`\"q\"\n");
  const og::DfVar* a = env_of(df.stages[0], "A");
  const og::DfVar* b = env_of(df.stages[0], "B");
  const og::DfVar* c = env_of(df.stages[0], "C");
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  CHECK(a->value == "$HOME");
  CHECK(a->unresolved.empty());
  CHECK(b->value == "\\");  // backslash is literal; $X expands to ""
  CHECK(b->unresolved == std::vector<std::string>{"X"});
  CHECK(c->value == "\"q");
}

TEST_CASE("a directive after a comment is not a directive") {
  const auto df = parse("# hello\n# escape=`\nFROM x\nENV A=x`\nENV B=c\n");
  CHECK(df.escape == '\\');
  const og::DfVar* a = env_of(df.stages[0], "A");
  REQUIRE(a);
  CHECK(a->value == "x`");
  CHECK(env_of(df.stages[0], "B"));
}

TEST_CASE("a directive after a blank line is not a directive") {
  const auto df = parse("\n# escape=`\nFROM x\nENV A=x`\nENV B=c\n");
  CHECK(df.escape == '\\');
  CHECK(env_of(df.stages[0], "B"));
}

TEST_CASE("a directive after an unknown directive is not a directive") {
  const auto df = parse("# foo=bar\n# escape=`\nFROM x\n");
  CHECK(df.escape == '\\');
}

TEST_CASE("directives: leading blanks, spaces around '=', key case, syntax and check first") {
  CHECK(parse("  # escape=`\nFROM x\n").escape == '`');
  CHECK(parse("# ESCAPE = ` \nFROM x\n").escape == '`');
  CHECK(parse("# syntax=docker/dockerfile:1\n# escape=`\nFROM x\n").escape == '`');
  CHECK(parse("# check=skip=all\n# escape=`\nFROM x\n").escape == '`');
  CHECK(parse("#escape=`\r\nFROM x\r\n").escape == '`');
}

TEST_CASE("duplicate or invalid escape directives are errors") {
  const auto dup = parse("# escape=`\n# escape=\\\nFROM x\n");
  const og::ParseError* e = error_with(dup, "only one escape parser directive");
  REQUIRE(e);
  CHECK(e->loc.line == 2);
  CHECK(dup.escape == '`');

  const auto bad = parse("# escape=x\nFROM x\n");
  const og::ParseError* b = error_with(bad, "invalid escape token");
  REQUIRE(b);
  check_loc(b->loc, 1, 10, 1, 11);
  CHECK(bad.escape == '\\');
}

// ------------------------------------------------- lines and continuations

TEST_CASE("comment and empty lines inside a continuation are dropped") {
  const auto df = parse(
      "FROM x\n"
      "ENV A=1 \\\n"
      "# a comment\n"
      "    B=2 \\\n"
      "\n"
      "  \t\n"
      "    C=3\n"
      "RUN echo hi\n");
  REQUIRE(df.errors.empty());
  const auto& st = df.stages[0];
  REQUIRE(st.env.size() == 3);
  check_loc(st.env[1].value_loc, 4, 7, 4, 8);
  check_loc(st.env[2].value_loc, 7, 7, 7, 8);
  REQUIRE(st.runs.size() == 1);
  CHECK(st.runs[0].args == "echo hi");
  CHECK(st.runs[0].loc.line == 8);
}

TEST_CASE("'#' is a comment only at the start of a line") {
  const auto df = parse("FROM x\n  # indented comment\nRUN echo hi # not a comment\n");
  REQUIRE(df.errors.empty());
  REQUIRE(df.stages[0].runs.size() == 1);
  CHECK(df.stages[0].runs[0].args == "echo hi # not a comment");
}

TEST_CASE("ENV with a trailing '# comment' is an error like in BuildKit") {
  const auto df = parse("FROM x\nENV A=1 # comment\n");
  const og::ParseError* e = error_with(df, "can't find = in \"#\"");
  REQUIRE(e);
  check_loc(e->loc, 2, 9, 2, 10);
  REQUIRE(env_of(df.stages[0], "A"));
  CHECK(env_of(df.stages[0], "A")->value == "1");
}

TEST_CASE("trailing blanks after the escape still continue; an escaped escape does not") {
  const auto df = parse("FROM x\nENV A=1 \\  \t\n    B=2\nENV C=x\\\\\nENV D=1\n");
  REQUIRE(df.errors.empty());
  const auto& st = df.stages[0];
  REQUIRE(env_of(st, "B"));
  REQUIRE(env_of(st, "C"));
  CHECK(env_of(st, "C")->value == "x\\");
  CHECK(env_of(st, "D"));
}

TEST_CASE("keywords are case-insensitive; instructions keep the upper-case keyword") {
  const auto df = parse("from golang AS Build\nenv A=1\nRuN go build ./...\nCmd [\"/app\"]\n");
  REQUIRE(df.errors.empty());
  REQUIRE(df.stages.size() == 1);
  const auto& st = df.stages[0];
  CHECK(st.name == "build");
  REQUIRE(env_of(st, "A"));
  REQUIRE(st.runs.size() == 1);
  CHECK(st.runs[0].keyword == "RUN");
  check_loc(st.runs[0].loc, 3, 1, 3, 4);
  REQUIRE(st.instructions.size() == 3);
  CHECK(st.instructions[2].keyword == "CMD");
  CHECK(st.instructions[2].args == "[\"/app\"]");
}

TEST_CASE("RUN args: flags kept, continuation joined, last_line recorded") {
  const auto df = parse(
      "FROM golang\n"
      "   RUN --mount=type=cache,target=/root/.cache \\\n"
      "    go build -o /app .\n");
  REQUIRE(df.errors.empty());
  const auto& run = df.stages[0].runs.at(0);
  CHECK(run.args == "--mount=type=cache,target=/root/.cache     go build -o /app .");
  check_loc(run.loc, 2, 4, 2, 7);
  CHECK(run.last_line == 3);
}

// ------------------------------------------------------------------ heredocs

TEST_CASE("heredoc body is not parsed as instructions; RUN args include it") {
  const auto df = parse(
      "FROM golang\n"
      "RUN <<EOF\n"
      "ENV GOGC=off\n"
      "go build ./...\n"
      "EOF\n"
      "ENV GOMEMLIMIT=1GiB\n");
  REQUIRE(df.errors.empty());
  const auto& st = df.stages[0];
  CHECK(env_of(st, "GOGC") == nullptr);
  REQUIRE(st.env.size() == 1);
  CHECK(st.env[0].key == "GOMEMLIMIT");
  check_loc(st.env[0].key_loc, 6, 5, 6, 15);
  REQUIRE(st.runs.size() == 1);
  CHECK(st.runs[0].args.find("go build ./...") != std::string::npos);
  CHECK(st.runs[0].args.find("ENV GOGC=off") != std::string::npos);
  CHECK(st.runs[0].last_line == 5);
}

TEST_CASE("<<-EOF ends at a tab-indented terminator; <<EOF does not") {
  const auto chomp = parse("FROM x\nRUN <<-EOT\n\tENV GOGC=off\n\tEOT\nENV X=1\n");
  REQUIRE(chomp.errors.empty());
  CHECK(env_of(chomp.stages[0], "GOGC") == nullptr);
  CHECK(env_of(chomp.stages[0], "X"));

  const auto plain = parse("FROM x\nRUN <<EOT\n\tEOT\nENV Y=1\nEOT\nENV X=1\n");
  REQUIRE(plain.errors.empty());
  CHECK(env_of(plain.stages[0], "Y") == nullptr);
  CHECK(env_of(plain.stages[0], "X"));
}

TEST_CASE("quoted heredoc delimiters and << with a space") {
  const auto df = parse(
      "FROM x\n"
      "RUN <<\"EOF\"\nENV A=1\nEOF\n"
      "RUN python3 <<'PY'\nENV B=1\nPY\n"
      "RUN << END\nENV C=1\nEND\n"
      "RUN 3<<FD cat <&3\nENV D=1\nFD\n"
      "ENV E=1\n");
  REQUIRE(df.errors.empty());
  const auto& st = df.stages[0];
  REQUIRE(st.env.size() == 1);
  CHECK(st.env[0].key == "E");
  CHECK(st.runs.size() == 4);
}

TEST_CASE("several heredocs on one line are read in order") {
  const auto df = parse(
      "FROM x\n"
      "COPY <<A <<B /dest/\n"
      "ENV X=1\n"
      "A\n"
      "ENV Y=2\n"
      "B\n"
      "ENV Z=3\n");
  REQUIRE(df.errors.empty());
  const auto& st = df.stages[0];
  REQUIRE(st.env.size() == 1);
  CHECK(st.env[0].key == "Z");
  REQUIRE(st.copies.size() == 1);
  CHECK(st.copies[0].args.find("ENV X=1") != std::string::npos);
  CHECK(st.copies[0].args.find("ENV Y=2") != std::string::npos);
  CHECK(st.copies[0].from.empty());
}

TEST_CASE("heredocs only for RUN/COPY/ADD (and ONBUILD of those), not JSON or quoted") {
  const auto df = parse(
      "FROM x\n"
      "ENV A=<<EOF\n"
      "ENV B=1\n"
      "RUN [\"sh\", \"-c\", \"cat <<EOF\"]\n"
      "ENV C=1\n"
      "RUN echo \"<<EOF\"\n"
      "ENV D=1\n"
      "ONBUILD RUN <<EOF\n"
      "ENV HIDDEN=1\n"
      "EOF\n"
      "ENV E=1\n");
  REQUIRE(df.errors.empty());
  const auto& st = df.stages[0];
  REQUIRE(env_of(st, "A"));
  CHECK(env_of(st, "A")->value == "<<EOF");
  CHECK(env_of(st, "B"));
  CHECK(env_of(st, "C"));
  CHECK(env_of(st, "D"));
  CHECK(env_of(st, "E"));
  CHECK(env_of(st, "HIDDEN") == nullptr);
}

TEST_CASE("unterminated heredoc is an error at its start") {
  const auto df = parse("FROM x\nENV A=1\nRUN <<EOF\nENV B=2\n");
  const og::ParseError* e = error_with(df, "unterminated heredoc");
  REQUIRE(e);
  check_loc(e->loc, 3, 1, 3, 4);
  CHECK(env_of(df.stages[0], "B") == nullptr);
  CHECK(env_of(df.stages[0], "A"));
}

// ------------------------------------------------------- stages and ARGs

TEST_CASE("FROM: global ARGs substituted, --platform, AS name lower-cased, from_loc") {
  const auto df = parse(
      "ARG GO_VERSION=1.22\n"
      "ARG BASE=golang:${GO_VERSION}\n"
      "FROM --platform=$BUILDPLATFORM ${BASE} AS Build\n"
      "ENV V=$GO_VERSION\n");
  REQUIRE(df.errors.empty());
  REQUIRE(df.global_args.size() == 2);
  CHECK(df.global_args[1].value == "golang:1.22");
  REQUIRE(df.stages.size() == 1);
  const auto& st = df.stages[0];
  CHECK(st.base == "golang:1.22");
  CHECK(st.name == "build");
  CHECK(st.base_unresolved.empty());
  CHECK(st.platform.empty());  // automatic ARG: defined, value unknown
  check_loc(st.from_loc, 3, 32, 3, 39);
  // A global ARG is visible in FROM only.
  const og::DfVar* v = env_of(st, "V");
  REQUIRE(v);
  CHECK(v->value.empty());
  CHECK(v->unresolved == std::vector<std::string>{"GO_VERSION"});
}

TEST_CASE("a global ARG re-declared in the stage takes the global default") {
  const auto df = parse(
      "ARG LIMIT=512MiB\n"
      "FROM alpine\n"
      "ARG LIMIT\n"
      "ENV GOMEMLIMIT=$LIMIT\n");
  REQUIRE(df.errors.empty());
  const auto& st = df.stages[0];
  const og::DfVar* a = arg_of(st.args, "LIMIT");
  REQUIRE(a);
  CHECK(a->has_value);
  CHECK(a->from_global);
  CHECK(a->value == "512MiB");
  CHECK(a->value_loc == df.global_args[0].value_loc);
  check_loc(a->value_loc, 1, 11, 1, 17);
  check_loc(a->key_loc, 3, 5, 3, 10);
  const og::DfVar* lim = env_of(st, "GOMEMLIMIT");
  REQUIRE(lim);
  CHECK(lim->value == "512MiB");
  CHECK(lim->unresolved.empty());
}

TEST_CASE("a stage ARG default beats the global default; ARG without any value has none") {
  const auto df = parse(
      "ARG LIMIT=512MiB\n"
      "FROM alpine\n"
      "ARG LIMIT=1GiB NOVAL\n"
      "ENV GOMEMLIMIT=$LIMIT X=$NOVAL\n");
  REQUIRE(df.errors.empty());
  const auto& st = df.stages[0];
  const og::DfVar* lim = arg_of(st.args, "LIMIT");
  const og::DfVar* noval = arg_of(st.args, "NOVAL");
  REQUIRE(lim);
  REQUIRE(noval);
  CHECK_FALSE(lim->from_global);
  CHECK(env_of(st, "GOMEMLIMIT")->value == "1GiB");
  CHECK_FALSE(noval->has_value);
  check_loc(noval->value_loc, 3, 21, 3, 21);
  CHECK(env_of(st, "X")->unresolved == std::vector<std::string>{"NOVAL"});
}

TEST_CASE("stage ARGs are not visible in later FROM lines") {
  const auto df = parse("FROM alpine AS a\nARG IMG=busybox\nFROM $IMG\n");
  REQUIRE(df.stages.size() == 2);
  CHECK(df.stages[1].base.empty());
  CHECK(df.stages[1].base_unresolved == std::vector<std::string>{"IMG"});
}

TEST_CASE("ARG before FROM references earlier global ARGs; several per line, in order") {
  const auto df = parse("ARG P=1 Q=$P R=$NOPE\nFROM x\n");
  REQUIRE(df.global_args.size() == 3);
  CHECK(df.global_args[1].value == "1");
  CHECK(df.global_args[2].value.empty());
  CHECK(df.global_args[2].unresolved == std::vector<std::string>{"NOPE"});
  check_loc(df.global_args[1].key_loc, 1, 9, 1, 10);
  check_loc(df.global_args[1].value_loc, 1, 11, 1, 13);
}

TEST_CASE("ENV beats ARG of the same name") {
  const auto df = parse(
      "FROM x\n"
      "ENV X=fromenv\n"
      "ARG X=fromarg Z=za\n"
      "ENV Y=$X W=$Z\n");
  REQUIRE(df.errors.empty());
  CHECK(env_of(df.stages[0], "Y")->value == "fromenv");
  CHECK(env_of(df.stages[0], "W")->value == "za");
}

TEST_CASE("all pairs of one ENV see the environment before it") {
  const auto df = parse("FROM x\nENV A=1 B=$A\nENV C=$A\n");
  REQUIRE(df.errors.empty());
  const auto& st = df.stages[0];
  CHECK(env_of(st, "B")->value.empty());
  CHECK(env_of(st, "B")->unresolved == std::vector<std::string>{"A"});
  CHECK(env_of(st, "C")->value == "1");
}

TEST_CASE("substitution forms ${v:-w} ${v-w} ${v:+w} ${v+w}, \\$, quotes") {
  const auto df = parse(
      "FROM x\n"
      "ENV SET=val EMPTY=\n"
      "ENV A=${SET:-d} B=${EMPTY:-d} C=${EMPTY-d} D=${UNSET-d} E=${SET:+alt} F=${EMPTY:+alt} "
      "G=${EMPTY+alt} H=${UNSET+alt} I=$SET J=${SET}x K=\\$SET L='$SET' M=\"$SET\" N=${UNSET}\n");
  REQUIRE(df.errors.empty());
  const auto& st = df.stages[0];
  const auto value = [&](std::string_view k) { return env_of(st, k)->value; };
  CHECK(value("A") == "val");
  CHECK(value("B") == "d");
  CHECK(value("C") == "");
  CHECK(value("D") == "d");
  CHECK(value("E") == "alt");
  CHECK(value("F") == "");
  CHECK(value("G") == "alt");
  CHECK(value("H") == "");
  CHECK(value("I") == "val");
  CHECK(value("J") == "valx");
  CHECK(value("K") == "$SET");
  CHECK(value("L") == "$SET");
  CHECK(value("M") == "val");
  CHECK(value("N") == "");
  for (std::string_view k : {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"}) {
    CAPTURE(k);
    CHECK(env_of(st, k)->unresolved.empty());
  }
  CHECK(env_of(st, "N")->unresolved == std::vector<std::string>{"UNSET"});
}

TEST_CASE("${GOMEMLIMIT:-512MiB} takes the default and is not unresolved") {
  const auto df = parse("FROM x\nENV GOMEMLIMIT=${GOMEMLIMIT:-512MiB}\n");
  REQUIRE(df.errors.empty());
  const og::DfVar* v = env_of(df.stages[0], "GOMEMLIMIT");
  REQUIRE(v);
  CHECK(v->value == "512MiB");
  CHECK(v->raw == "${GOMEMLIMIT:-512MiB}");
  CHECK(v->unresolved.empty());
  check_loc(v->value_loc, 2, 16, 2, 37);
}

TEST_CASE("unresolved names are listed once, in first-use order") {
  const auto df = parse("FROM x\nENV A=\"$B-${C}-$B-${D:-$E}\"\n");
  REQUIRE(df.errors.empty());
  CHECK(env_of(df.stages[0], "A")->unresolved == std::vector<std::string>({"B", "C", "E"}));
}

TEST_CASE("multi-stage: FROM <stage> inherits ENV; other stages' ENV does not reach the final one") {
  const auto df = parse(
      "FROM golang:1.22 AS build\n"
      "ENV GOGC=off\n"
      "RUN go build -o /app .\n"
      "FROM Build AS test\n"
      "ENV SEEN=$GOGC\n"
      "FROM gcr.io/distroless/static\n"
      "COPY --from=build /app /app\n"
      "ENV NOTSEEN=$GOGC\n");
  REQUIRE(df.errors.empty());
  REQUIRE(df.stages.size() == 3);
  CHECK(df.stages[0].parent_stage == -1);
  CHECK(df.stages[1].parent_stage == 0);
  CHECK(df.stages[1].base == "Build");
  CHECK(df.stages[2].parent_stage == -1);
  CHECK(env_of(df.stages[1], "SEEN")->value == "off");
  CHECK(env_of(df.stages[2], "NOTSEEN")->value.empty());
  CHECK(env_of(df.stages[2], "NOTSEEN")->unresolved == std::vector<std::string>{"GOGC"});
  REQUIRE(df.stages[2].copies.size() == 1);
  CHECK(df.stages[2].copies[0].from == "build");
  CHECK(df.stages[2].copies[0].loc.line == 7);
  CHECK(df.final_stage() == 2);
  CHECK(df.final_stage("TEST") == 1);
  CHECK(df.final_stage("nope") == -1);
  CHECK(df.ancestry(1) == std::vector<int>({0, 1}));
  CHECK(df.ancestry(2) == std::vector<int>({2}));
  CHECK(df.ancestry(7).empty());
}

TEST_CASE("three-stage chain and a stage named after a later stage") {
  const auto df = parse(
      "FROM later AS a\n"
      "ENV L=1\n"
      "FROM a AS b\n"
      "ENV M=$L\n"
      "FROM b AS later\n"
      "ENV N=$L$M\n");
  REQUIRE(df.errors.empty());
  CHECK(df.stages[0].parent_stage == -1);  // only earlier stages count
  CHECK(df.stages[2].parent_stage == 1);
  CHECK(df.ancestry(2) == std::vector<int>({0, 1, 2}));
  CHECK(env_of(df.stages[2], "N")->value == "11");
}

TEST_CASE("ancestry stops on a malformed parent cycle") {
  og::Dockerfile df;
  df.stages.resize(3);
  df.stages[0].parent_stage = 2;
  df.stages[1].parent_stage = 0;
  df.stages[2].parent_stage = 1;
  CHECK(df.ancestry(2) == std::vector<int>({0, 1, 2}));
  CHECK(df.final_stage() == 2);
  CHECK(og::Dockerfile{}.final_stage() == -1);
}

TEST_CASE("COPY --from value and flag forms; ADD has no --from") {
  const auto df = parse(
      "ARG S=ignored\n"
      "FROM x AS one\n"
      "FROM y\n"
      "ARG SRC=one\n"
      "COPY --chown=1:1 --from=${SRC} /a /b\n"
      "COPY --from one /c /d\n"
      "ADD --chown=1 https://example.com/x /x\n");
  REQUIRE(df.errors.empty());
  const auto& copies = df.stages[1].copies;
  REQUIRE(copies.size() == 3);
  CHECK(copies[0].from == "one");
  CHECK(copies[0].args == "--chown=1:1 --from=${SRC} /a /b");
  CHECK(copies[1].from == "one");
  CHECK(copies[2].from.empty());
}

// ---------------------------------------------------------------- errors

TEST_CASE("unknown instruction is an error, parsing goes on") {
  const auto df = parse("FROM x\nFROBNICATE y\nENV A=1\n");
  const og::ParseError* e = error_with(df, "unknown instruction: FROBNICATE");
  REQUIRE(e);
  check_loc(e->loc, 2, 1, 2, 11);
  CHECK(env_of(df.stages[0], "A"));
  CHECK(df.errors.size() == 1);
}

TEST_CASE("ENV K without a value is an error") {
  const auto df = parse("FROM x\nENV GOGC\nENV A=1 B\n");
  const og::ParseError* e = error_with(df, "ENV must have two arguments");
  REQUIRE(e);
  check_loc(e->loc, 2, 5, 2, 9);
  CHECK(env_of(df.stages[0], "GOGC") == nullptr);
  const og::ParseError* b = error_with(df, "can't find = in \"B\"");
  REQUIRE(b);
  CHECK(b->loc.line == 3);
  CHECK(env_of(df.stages[0], "A"));
  CHECK(error_with(parse("FROM x\nENV\n"), "ENV requires at least one argument"));
  CHECK(error_with(parse("FROM x\nENV =1\n"), "ENV names can not be blank"));
  CHECK(error_with(parse("FROM x\nARG =1\n"), "ARG names can not be blank"));
  CHECK(error_with(parse("FROM x\nARG\n"), "ARG requires at least one argument"));
}

TEST_CASE("instructions before the first FROM other than ARG are errors") {
  const auto df = parse("ARG OK=1\nENV GOGC=off\nRUN true\nFROM x\nENV A=1\n");
  CHECK(df.errors.size() == 2);
  const og::ParseError* e = error_with(df, "ENV before the first FROM");
  REQUIRE(e);
  CHECK(e->loc.line == 2);
  REQUIRE(df.global_args.size() == 1);
  REQUIRE(df.stages.size() == 1);
  CHECK(df.stages[0].env.size() == 1);
}

TEST_CASE("a file without FROM is an error") {
  for (const char* text : {"", "# only a comment\n", "ARG A=1\n", "\n\n   \n"}) {
    CAPTURE(text);
    const auto df = parse(text);
    CHECK(df.stages.empty());
    REQUIRE(error_with(df, "no FROM"));
    CHECK(error_with(df, "no FROM")->loc.line == 0);
  }
}

TEST_CASE("FROM argument count and stage name are checked") {
  const auto two = parse("FROM a b\n");
  CHECK(error_with(two, "FROM requires either one or three arguments"));
  REQUIRE(two.stages.size() == 1);
  CHECK(two.stages[0].base == "a");
  const auto none = parse("FROM\nENV A=1\n");
  CHECK(error_with(none, "FROM requires either one or three arguments"));
  REQUIRE(none.stages.size() == 1);
  CHECK(env_of(none.stages[0], "A"));
  const auto bad = parse("FROM x AS 1abc\n");
  const og::ParseError* e = error_with(bad, "invalid name for build stage");
  REQUIRE(e);
  check_loc(e->loc, 1, 11, 1, 15);
  CHECK(parse("FROM x AS a-b_c.d\n").errors.empty());
}

TEST_CASE("substitution syntax errors are located at the value") {
  const auto df = parse("FROM x\nENV A=${ B=\"open C=${}\n");
  REQUIRE_FALSE(df.errors.empty());
  const og::ParseError* e = error_with(df, "missing '}'");
  REQUIRE(e);
  CHECK(e->loc.line == 2);
  CHECK(e->loc.col == 7);
}

// ------------------------------------------------------------ lexer units

TEST_CASE("expand_word: pattern modifiers and ${v:?}") {
  const std::vector<std::pair<std::string, std::string>> vars = {{"v", "foo.tar.gz"}, {"e", ""}};
  CHECK(expand("${v%.*}", vars).value == "foo.tar");
  CHECK(expand("${v%%.*}", vars).value == "foo");
  CHECK(expand("${v#*.}", vars).value == "tar.gz");
  CHECK(expand("${v##*.}", vars).value == "gz");
  CHECK(expand("${v/o/0}", vars).value == "f0o.tar.gz");
  CHECK(expand("${v//o/0}", vars).value == "f00.tar.gz");
  CHECK(expand("${v#nomatch}", vars).value == "foo.tar.gz");
  CHECK(expand("${v:?}", vars).value == "foo.tar.gz");
  CHECK(expand("${u:?must be set}", vars).error == "u: must be set");
  CHECK(expand("${e:?}", vars).error == "e: is not allowed to be empty");
  CHECK(expand("${e?}", vars).error.empty());
  CHECK(expand("${v:x}", vars).error.find("unsupported modifier") != std::string::npos);
  CHECK(expand("${}", vars).error == "syntax error: bad substitution");
  CHECK(expand("\"abc", vars).error.find("double-quote") != std::string::npos);
  CHECK(expand("'abc", vars).error.find("single-quote") != std::string::npos);
  CHECK(expand("$", vars).value == "$");
  CHECK(expand("a\\", vars).value == "a");
  CHECK(expand("\"a\\b\"", vars).value == "a\\b");  // \ only escapes " $ \ in double quotes
  CHECK(expand("$$", vars).unresolved.empty());
}

TEST_CASE("expand_word: a ${v:-...} branch not taken does not report its names") {
  const std::vector<std::pair<std::string, std::string>> vars = {{"s", "x"}};
  CHECK(expand("${s:-$missing}", vars).unresolved.empty());
  CHECK(expand("${u:+$missing}", vars).unresolved.empty());
  CHECK(expand("${s:+$missing}", vars).unresolved == std::vector<std::string>{"missing"});
}

TEST_CASE("split_words and extract_builder_flags mirror BuildKit") {
  const std::string_view s = "a=\"x y\" b\\ c 'd e'";
  const auto words = og::dflex::split_words(s, '\\');
  REQUIRE(words.size() == 3);
  CHECK(s.substr(words[0].begin, words[0].end - words[0].begin) == "a=\"x y\"");
  CHECK(s.substr(words[1].begin, words[1].end - words[1].begin) == "b\\ c");
  CHECK(s.substr(words[2].begin, words[2].end - words[2].begin) == "'d e'");

  const auto f = og::dflex::extract_builder_flags("--platform linux/amd64 --from=\"b c\" img rest");
  CHECK(f.flags == std::vector<std::string>({"--platform=linux/amd64", "--from=b c"}));
  CHECK(f.rest == 36);
  CHECK(og::dflex::flag_value(f.flags, "from").value_or("?") == "b c");
  CHECK_FALSE(og::dflex::flag_value(f.flags, "chown").has_value());
}

TEST_CASE("heredocs_in_line and is_json_string_array") {
  const auto docs = og::dflex::heredocs_in_line("RUN <<-EOF <<'Q' 3<<\"R\" << S \"<<NO\" a<<NO");
  REQUIRE(docs.size() == 4);
  CHECK(docs[0].name == "EOF");
  CHECK(docs[0].chomp);
  CHECK(docs[0].expand);
  CHECK(docs[1].name == "Q");
  CHECK_FALSE(docs[1].expand);
  CHECK(docs[2].name == "R");
  CHECK(docs[3].name == "S");
  CHECK(og::dflex::heredocs_in_line("RUN <<eo\\'f").at(0).name == "eo'f");
  CHECK(og::dflex::heredocs_in_line("RUN <<EOF it's").empty());  // upstream lexer fails
  CHECK(og::dflex::is_json_string_array(" [\"a\", \"b\\\"c\"] "));
  CHECK(og::dflex::is_json_string_array("[]"));
  CHECK_FALSE(og::dflex::is_json_string_array("[\"a\", 1]"));
  CHECK_FALSE(og::dflex::is_json_string_array("[\"a\""));
  CHECK_FALSE(og::dflex::is_json_string_array("echo [\"a\"]"));
}

// ------------------------------------------------------------- robustness

TEST_CASE("binary garbage, NULs and invalid UTF-8 give errors, not crashes") {
  std::string junk;
  std::uint32_t x = 12345;
  for (int i = 0; i < (1 << 20); ++i) {
    x = x * 1664525u + 1013904223u;
    junk += static_cast<char>(x >> 24);
  }
  const auto df = parse(junk);
  CHECK_FALSE(df.errors.empty());
  CHECK(df.errors.size() <= 501);
  for (const auto& e : df.errors) CHECK(e.message.size() < 200);

  static const char kNul[] = "FROM x\nENV A=\xff\x00\xfe B=1\n\x00\x01\n";
  const std::string nul(kNul, sizeof(kNul) - 1);
  const auto df2 = parse(nul);
  REQUIRE(df2.stages.size() == 1);
  REQUIRE(env_of(df2.stages[0], "A"));
  CHECK(env_of(df2.stages[0], "A")->value == std::string("\xff\x00\xfe", 3));
  CHECK(error_with(df2, "unknown instruction"));
}

TEST_CASE("hostile sizes parse in linear time") {
  const auto start = std::chrono::steady_clock::now();

  std::string big = "FROM x\nENV A=" + std::string(5 << 20, 'a') + "\n";
  const auto df = parse(big);
  REQUIRE(df.errors.empty());
  CHECK(df.stages[0].env.at(0).value.size() == (5u << 20));

  std::string cont = "FROM x\nENV A=1 \\\n";
  for (int i = 0; i < 100000; ++i) cont += (i % 3 == 0) ? "# c\n" : "  \\\n";
  cont += "  B=2\n";
  const auto df2 = parse(cont);
  REQUIRE(df2.errors.empty());
  REQUIRE(env_of(df2.stages[0], "B"));
  CHECK(env_of(df2.stages[0], "B")->key_loc.line == 100003);

  std::string nested = "FROM x\nENV A=";
  for (int i = 0; i < 200000; ++i) nested += "${a:-";
  CHECK(error_with(parse(nested), "nested too deeply"));

  std::string heredocs = "FROM x\nRUN";
  for (int i = 0; i < 200000; ++i) heredocs += " <<A" + std::to_string(i);
  heredocs += "\nA0\n";
  CHECK(error_with(parse(heredocs), "unterminated heredoc"));

  std::string one_line(5 << 20, 'x');
  const auto df3 = parse(one_line);
  REQUIRE(error_with(df3, "unknown instruction"));
  CHECK(error_with(df3, "unknown instruction")->message.size() < 200);

  std::string only_cont;
  for (int i = 0; i < 100000; ++i) only_cont += "\\\n";
  CHECK(error_with(parse(only_cont), "no FROM"));

  std::string vars = "FROM x\nENV A=";
  for (int i = 0; i < 100000; ++i) vars += "$V" + std::to_string(i);
  const auto df4 = parse(vars);
  CHECK(env_of(df4.stages[0], "A")->unresolved.size() == 100000);

  std::string chain = "FROM scratch AS s0\nENV K0=v\n";
  for (int i = 1; i < 3000; ++i) {
    chain += "FROM s" + std::to_string(i - 1) + " AS s" + std::to_string(i) + "\nENV K" +
             std::to_string(i) + "=v\n";
  }
  const auto df5 = parse(chain);
  REQUIRE(df5.stages.size() == 3000);
  CHECK(df5.ancestry(2999).size() == 3000);

  std::string patterns = "FROM x\nENV V=" + std::string(100000, 'a') + "\nENV W=";
  std::string ten = patterns;
  for (int i = 0; i < 10; ++i) ten += "${V%%*b*}";  // 10 x 100,000 bytes: under the 1 MiB growth bound
  CHECK(parse(ten).errors.empty());
  for (int i = 0; i < 200; ++i) patterns += "${V%%*b*}";
  // 200 x 100,000 bytes: substitution stops at the bound, with a located error
  const auto big_patterns = parse(patterns);
  REQUIRE(big_patterns.errors.size() == 1);
  CHECK(big_patterns.errors[0].message.find("more than 1 MiB longer") != std::string::npos);
  CHECK(big_patterns.errors[0].loc.line == 3);

  // ENV X=$X$X doubles the value on each line: stopped at the bound (fuzz/bounds.py)
  std::string doubling = "FROM scratch\nENV X=ab\n";
  for (int i = 0; i < 64; ++i) doubling += "ENV X=$X$X\n";
  const auto dd = parse(doubling);
  REQUIRE(!dd.errors.empty());
  CHECK(dd.errors[0].message.find("more than 1 MiB longer") != std::string::npos);
  for (const auto& v : dd.stages[0].env) CHECK(v.value.size() <= (2u << 20));

  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 60.0);
}

TEST_CASE("a clean multi-stage Go Dockerfile has no errors") {
  const auto df = parse(
      "# syntax=docker/dockerfile:1.7\n"
      "ARG GO_VERSION=1.23\n"
      "FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build\n"
      "WORKDIR /src\n"
      "COPY go.mod go.sum ./\n"
      "RUN --mount=type=cache,target=/go/pkg/mod go mod download\n"
      "COPY . .\n"
      "ARG TARGETOS TARGETARCH\n"
      "RUN GOOS=$TARGETOS GOARCH=$TARGETARCH CGO_ENABLED=0 go build -o /out/app ./cmd/app\n"
      "\n"
      "FROM gcr.io/distroless/static:nonroot\n"
      "COPY --from=build /out/app /app\n"
      "ENV GOMEMLIMIT=450MiB \\\n"
      "    GOGC=100\n"
      "USER nonroot\n"
      "ENTRYPOINT [\"/app\"]\n");
  CHECK(df.errors.empty());
  REQUIRE(df.stages.size() == 2);
  CHECK(df.stages[0].base == "golang:1.23-alpine");
  const auto& fin = df.stages[size_t(df.final_stage())];
  CHECK(env_of(fin, "GOMEMLIMIT")->value == "450MiB");
  CHECK(env_of(fin, "GOGC")->value == "100");
  check_loc(env_of(fin, "GOGC")->value_loc, 14, 10, 14, 13);
  CHECK(fin.instructions.back().keyword == "ENTRYPOINT");
  const og::DfVar* arch = arg_of(df.stages[0].args, "TARGETARCH");
  REQUIRE(arch);
  CHECK(arch->from_global);
}

}  // TEST_SUITE
