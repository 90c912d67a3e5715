// Tests for checker/parse/envfile: compose-go dotenv parsing and compose
// interpolation. Expected values follow compose-spec/compose-go v2
// (dotenv/parser.go, template/template.go) and docs/memory-semantics §3.
#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <string>

#include "parse/envfile.h"

using og::EnvFile;
using og::EnvLookup;
using og::interpolate_compose;
using og::Location;
using og::parse_env_file;

namespace doctest {
template <>
struct StringMaker<og::Location> {
  static String convert(const og::Location& l) {
    return (l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.col) + "-" + std::to_string(l.end_line) +
            ":" + std::to_string(l.end_col))
        .c_str();
  }
};
}  // namespace doctest

namespace {

EnvLookup env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

// The bytes of `text` covered by a single- or multi-line location.
std::string slice(const std::string& text, const Location& loc) {
  auto offset = [&](int line, int col) {
    std::size_t pos = 0;
    for (int l = 1; l < line; ++l) pos = text.find('\n', pos) + 1;
    return pos + static_cast<std::size_t>(col - 1);
  };
  const std::size_t b = offset(loc.line, loc.col), e = offset(loc.end_line, loc.end_col);
  return text.substr(b, e - b);
}

Location span(int line, int col, int end_line, int end_col, std::string file = ".env") {
  Location l;
  l.file = std::move(file);
  l.line = line;
  l.col = col;
  l.end_line = end_line;
  l.end_col = end_col;
  return l;
}

std::string value_of(const EnvFile& f, const std::string& key) {
  std::string v = "<missing>";
  for (const auto& e : f.entries)
    if (e.key == key) v = e.value;
  return v;
}

std::string nested_defaults(int levels) {
  std::string s;
  for (int i = 0; i < levels; ++i) s += "${A:-";
  s += "x";
  s += std::string(static_cast<std::size_t>(levels), '}');
  return s;
}

}  // namespace

TEST_SUITE("envfile") {
  // ----------------------------------------------------------- interpolation

  TEST_CASE("interpolate: text without $ is unchanged") {
    auto r = interpolate_compose("plain text {braces} #", env({}));
    CHECK_FALSE(r.error);
    CHECK(r.value == "plain text {braces} #");
    CHECK(r.unresolved.empty());
  }

  TEST_CASE("interpolate: ${V} and $V set, empty, unset") {
    auto vars = env({{"V", "512MiB"}, {"E", ""}});
    CHECK(interpolate_compose("${V}", vars).value == "512MiB");
    CHECK(interpolate_compose("$V", vars).value == "512MiB");
    CHECK(interpolate_compose("a${V}b", vars).value == "a512MiBb");

    auto empty = interpolate_compose("[${E}]", vars);
    CHECK(empty.value == "[]");
    CHECK(empty.unresolved.empty());  // set-but-empty is not unresolved

    auto unset = interpolate_compose("[${U}]", vars);
    CHECK_FALSE(unset.error);
    CHECK(unset.value == "[]");
    REQUIRE(unset.unresolved.size() == 1);
    CHECK(unset.unresolved[0] == "U");

    auto named_unset = interpolate_compose("x$U", vars);
    CHECK(named_unset.value == "x");
    CHECK(named_unset.unresolved == std::vector<std::string>{"U"});
  }

  TEST_CASE("interpolate: $NAME ends at the first non-name character") {
    auto vars = env({{"V", "v"}, {"V_1x", "long"}});
    CHECK(interpolate_compose("$V-x", vars).value == "v-x");
    CHECK(interpolate_compose("$V_1x", vars).value == "long");
    CHECK(interpolate_compose("$V.$V", vars).value == "v.v");
    CHECK(interpolate_compose("${v}", env({{"v", "lower"}})).value == "lower");
  }

  TEST_CASE("interpolate: unresolved names are deduplicated in order") {
    auto r = interpolate_compose("${X}$Y${X}$Z$Y", env({}));
    CHECK(r.unresolved == std::vector<std::string>{"X", "Y", "Z"});
  }

  TEST_CASE("interpolate: an empty lookup means nothing is set") {
    auto r = interpolate_compose("${A:-d}/${B}", EnvLookup{});
    CHECK(r.value == "d/");
    CHECK(r.unresolved == std::vector<std::string>{"B"});
  }

  TEST_CASE("interpolate: ${V:-d} uses d when V is unset or empty") {
    CHECK(interpolate_compose("${V:-d}", env({{"V", "set"}})).value == "set");
    CHECK(interpolate_compose("${V:-d}", env({{"V", ""}})).value == "d");
    auto unset = interpolate_compose("${V:-d}", env({}));
    CHECK(unset.value == "d");
    CHECK(unset.unresolved.empty());
    CHECK(interpolate_compose("${V:-}", env({})).value == "");
  }

  TEST_CASE("interpolate: ${V-d} uses d only when V is unset") {
    CHECK(interpolate_compose("${V-d}", env({{"V", "set"}})).value == "set");
    CHECK(interpolate_compose("[${V-d}]", env({{"V", ""}})).value == "[]");
    CHECK(interpolate_compose("${V-d}", env({})).value == "d");
    CHECK(interpolate_compose("${V-a:?b}", env({})).value == "a:?b");  // first operator wins
  }

  TEST_CASE("interpolate: ${V:?e} fails when V is unset or empty") {
    auto ok = interpolate_compose("${V:?need V}", env({{"V", "1GiB"}}));
    CHECK_FALSE(ok.error);
    CHECK(ok.value == "1GiB");

    auto empty = interpolate_compose("x${V:?need V}", env({{"V", ""}}));
    REQUIRE(empty.error);
    CHECK(*empty.error == "required variable V is missing a value: need V");
    CHECK(empty.error_offset == 1);
    CHECK(empty.error_length == 12);
    CHECK(empty.value == "x${V:?need V}");  // input returned unchanged on error

    auto unset = interpolate_compose("${V:?}", env({}));
    REQUIRE(unset.error);
    CHECK(*unset.error == "required variable V is missing a value");
  }

  TEST_CASE("interpolate: ${V?e} fails only when V is unset") {
    CHECK(interpolate_compose("${V?e}", env({{"V", "x"}})).value == "x");
    auto empty = interpolate_compose("[${V?e}]", env({{"V", ""}}));
    CHECK_FALSE(empty.error);
    CHECK(empty.value == "[]");
    auto unset = interpolate_compose("${V?e}", env({}));
    REQUIRE(unset.error);
    CHECK(*unset.error == "required variable V is missing a value: e");
  }

  TEST_CASE("interpolate: ${V:+r} replaces when V is set and non-empty") {
    CHECK(interpolate_compose("${V:+r}", env({{"V", "x"}})).value == "r");
    CHECK(interpolate_compose("[${V:+r}]", env({{"V", ""}})).value == "[]");
    auto unset = interpolate_compose("[${V:+r}]", env({}));
    CHECK(unset.value == "[]");
    CHECK(unset.unresolved.empty());
  }

  TEST_CASE("interpolate: ${V+r} replaces when V is set, even empty") {
    CHECK(interpolate_compose("${V+r}", env({{"V", "x"}})).value == "r");
    CHECK(interpolate_compose("${V+r}", env({{"V", ""}})).value == "r");
    CHECK(interpolate_compose("[${V+r}]", env({})).value == "[]");
  }

  TEST_CASE("interpolate: $$ is a literal $") {
    auto vars = env({{"V", "v"}});
    CHECK(interpolate_compose("$$", vars).value == "$");
    CHECK(interpolate_compose("$$V", vars).value == "$V");
    CHECK(interpolate_compose("$$$$", vars).value == "$$");
    CHECK(interpolate_compose("$${V}", vars).value == "${V}");
    CHECK(interpolate_compose("$$$V", vars).value == "$v");
    CHECK(interpolate_compose("${X:-$$}", vars).value == "$");
  }

  TEST_CASE("interpolate: nested defaults") {
    CHECK(interpolate_compose("${A:-${B}}", env({{"B", "b"}})).value == "b");
    CHECK(interpolate_compose("${A:-${B}}", env({{"A", "a"}, {"B", "b"}})).value == "a");
    CHECK(interpolate_compose("${A:-${B:-x}}", env({})).value == "x");
    CHECK(interpolate_compose("${A:-pre-${B:-x}-post}", env({})).value == "pre-x-post");
    CHECK(interpolate_compose("${A:+${B}!}", env({{"A", "1"}, {"B", "b"}})).value == "b!");

    auto unresolved_used = interpolate_compose("${A:-${B}}", env({}));
    CHECK(unresolved_used.value == "");
    CHECK(unresolved_used.unresolved == std::vector<std::string>{"B"});

    // The default is not used, so B does not count as unresolved.
    auto unresolved_unused = interpolate_compose("${A:-${B}}", env({{"A", "a"}}));
    CHECK(unresolved_unused.unresolved.empty());
  }

  TEST_CASE("interpolate: the default is substituted eagerly, like upstream") {
    // template.go substitutes the default before looking at the variable, so
    // an error inside an unused default still fails.
    auto r = interpolate_compose("${A:-${B:?no B}}", env({{"A", "a"}}));
    REQUIRE(r.error);
    CHECK(*r.error == "required variable B is missing a value: no B");
    CHECK(r.error_offset == 5);
  }

  TEST_CASE("interpolate: several templates and text after a closing brace") {
    auto r = interpolate_compose("${A}-${B:-b}/$C:${D-}", env({{"A", "a"}, {"C", "c"}}));
    CHECK(r.value == "a-b/c:");
    CHECK(r.unresolved.empty());
    CHECK(interpolate_compose("${A:-x}}", env({})).value == "x}");
  }

  TEST_CASE("interpolate: braces inside a default are balanced like getFirstBraceClosingIndex") {
    CHECK(interpolate_compose("${A:-{x}}", env({})).value == "{x}");
    CHECK(interpolate_compose("${A:-{x}}", env({{"A", "a"}})).value == "a");
    // Unbalanced '{': the greedy regex ends at the last '}' of the line.
    CHECK(interpolate_compose("${A:-{x}", env({})).value == "{x");
  }

  TEST_CASE("interpolate: syntax errors") {
    struct Case {
      const char* text;
      std::size_t offset;
    };
    for (Case c : {Case{"${", 0}, Case{"${V", 0}, Case{"${V:x}", 0}, Case{"${V:-x", 0}, Case{"a${}", 1},
                   Case{"${1}", 0}, Case{"x$", 1}, Case{"$1", 0}, Case{"a$ b", 1}, Case{"${V=x}", 0},
                   Case{"${V:=x}", 0}, Case{"ok ${A} ${B:x}", 8}, Case{"${A:-x\ny}", 0}}) {
      CAPTURE(c.text);
      auto r = interpolate_compose(c.text, env({{"A", "a"}, {"V", "v"}}));
      REQUIRE(r.error);
      CHECK(r.error->find("invalid template") == 0);
      CHECK(r.error_offset == c.offset);
      CHECK(r.error_length >= 1);
      CHECK(r.value == c.text);
    }
  }

  TEST_CASE("interpolate: cases from compose-go template_test.go") {
    auto defaults = env({{"FOO", "first"}, {"BAR", ""}});
    CHECK(interpolate_compose("$${foo}", defaults).value == "${foo}");
    CHECK(interpolate_compose("$FOO-bar", defaults).value == "first-bar");
    CHECK(interpolate_compose("This ${missing} var", defaults).value == "This  var");
    CHECK(interpolate_compose("This ${BAR} var", defaults).value == "This  var");
    CHECK(interpolate_compose("ok ${missing-def}", defaults).value == "ok def");
    CHECK(interpolate_compose("ok ${BAR-def}", defaults).value == "ok ");
    CHECK(interpolate_compose("ok ${BAR:-/non:-alphanumeric}", defaults).value == "ok /non:-alphanumeric");
    CHECK(interpolate_compose("ok ${UNSET_VAR-${FOO} ${FOO}}", defaults).value == "ok first first");
    CHECK(interpolate_compose("ok ${BAR:-$FOO}", defaults).value == "ok first");
    CHECK(interpolate_compose("ok ${BAR?err}", defaults).value == "ok ");
    CHECK(interpolate_compose("${UNSET_VAR-myerror?msg}", defaults).value == "myerror?msg");
    CHECK(interpolate_compose("${FOO?bar-baz}", defaults).value == "first");
    auto nested_msg = interpolate_compose("not ok ${UNSET_VAR:?Mandatory Variable ${FOO}}", defaults);
    REQUIRE(nested_msg.error);
    CHECK(*nested_msg.error == "required variable UNSET_VAR is missing a value: Mandatory Variable first");
    auto precedence = interpolate_compose("${UNSET_VAR?bar-baz}", defaults);
    REQUIRE(precedence.error);
    CHECK(*precedence.error == "required variable UNSET_VAR is missing a value: bar-baz");
    for (const char* bad : {"${", "$}", "${}", "${ }", "${ foo}", "${foo }", "${foo!}"}) {
      CAPTURE(bad);
      CHECK(interpolate_compose(bad, defaults).error.has_value());
    }
  }

  TEST_CASE("interpolate: nesting is limited, a 10,000 deep bomb is an error") {
    const std::string ok = nested_defaults(og::kMaxInterpolationDepth);
    auto r_ok = interpolate_compose(ok, env({}));
    CHECK_FALSE(r_ok.error);
    CHECK(r_ok.value == "x");

    auto r_deep = interpolate_compose(nested_defaults(og::kMaxInterpolationDepth + 1), env({}));
    REQUIRE(r_deep.error);
    CHECK(r_deep.error->find("nested deeper than 64") != std::string::npos);

    auto bomb = interpolate_compose(nested_defaults(10000), env({{"A", "set"}}));
    REQUIRE(bomb.error);
    CHECK(bomb.error->find("nested") != std::string::npos);
    CHECK(bomb.error_offset == 5 * og::kMaxInterpolationDepth);

    // Unterminated bomb: no '}' at all.
    std::string open;
    for (int i = 0; i < 10000; ++i) open += "${A:-";
    auto unterminated = interpolate_compose(open, env({}));
    REQUIRE(unterminated.error);
    CHECK(unterminated.error->find("missing \"}\"") != std::string::npos);
  }

  TEST_CASE("interpolate: compose file values filled from a .env (memory-semantics §3)") {
    EnvFile f = parse_env_file(".env", "MEM=512m\nGOMEMLIMIT=460MiB\n");
    EnvLookup from_env = [&f](std::string_view name) -> std::optional<std::string> {
      std::optional<std::string> v;
      for (const auto& e : f.entries)
        if (e.key == name) v = e.value;
      return v;
    };
    CHECK(interpolate_compose("${MEM:-1g}", from_env).value == "512m");
    CHECK(interpolate_compose("${SWAP:-1g}", from_env).value == "1g");
    CHECK(interpolate_compose("GOMEMLIMIT=$GOMEMLIMIT", from_env).value == "GOMEMLIMIT=460MiB");
  }

  TEST_CASE("interpolate: long input with many templates is fast") {
    std::string text;
    for (int i = 0; i < 200000; ++i) text += "${A:-x}";
    const auto t0 = std::chrono::steady_clock::now();
    auto r = interpolate_compose(text, env({}));
    const auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK_FALSE(r.error);
    CHECK(r.value == std::string(200000, 'x'));
    CHECK(secs < 10.0);
  }

  // -------------------------------------------------------------- env files

  TEST_CASE("env: cases from compose-go godotenv_test.go TestParsing") {
    struct Case {
      std::string line, key, value;
    };
    const Case cases[] = {
        {"FOO=bar", "FOO", "bar"},
        {"FOO =bar", "FOO", "bar"},
        {"FOO= bar", "FOO", "bar"},
        {R"(FOO="bar")", "FOO", "bar"},
        {"FOO='bar'", "FOO", "bar"},
        {R"(FOO="escaped\"bar")", "FOO", R"(escaped"bar)"},
        {R"(FOO="\"quoted\"")", "FOO", R"("quoted")"},
        {R"(FOO="'d'")", "FOO", "'d'"},
        {"OPTION_A: 1", "OPTION_A", "1"},
        {"OPTION_A: Foo=bar", "OPTION_A", "Foo=bar"},
        {"OPTION_A=1:B", "OPTION_A", "1:B"},
        {"export OPTION_A=2", "OPTION_A", "2"},
        {R"(export OPTION_B='\n')", "OPTION_B", R"(\n)"},
        {"export exportFoo=2", "exportFoo", "2"},
        {"exportFOO=2", "exportFOO", "2"},
        {"export_FOO =2", "export_FOO", "2"},
        {"export.FOO= 2", "export.FOO", "2"},
        {"export\tOPTION_A=2", "OPTION_A", "2"},
        {"  export OPTION_A=2", "OPTION_A", "2"},
        {"\texport OPTION_A=2", "OPTION_A", "2"},
        {R"(export OPTION_A="export A")", "OPTION_A", "export A"},
        {R"(FOO="bar\nbaz")", "FOO", "bar\nbaz"},
        {R"(FOO=a\tb)", "FOO", R"(a\tb)"},
        {R"(FOO="a\tb")", "FOO", "a\tb"},
        {R"(KEY="Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\Z\0123Z")", "KEY", "Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ"},
        {"FOO.BAR=foobar", "FOO.BAR", "foobar"},
        {"FOO=foobar=", "FOO", "foobar="},
        {"FOO=bar ", "FOO", "bar"},
        {"FOO=bar # this is foo", "FOO", "bar"},
        {"FOO=bar #this is foo", "FOO", "bar"},
        {"FOO=bar #", "FOO", "bar"},
        {"FOO=123#not-an-inline-comment", "FOO", "123#not-an-inline-comment"},
        {R"(FOO="bar#baz")", "FOO", "bar#baz"},
        {R"(FOO="bar#baz"#)", "FOO", "bar#baz"},
        {R"(FOO="bar#baz" # comment)", "FOO", "bar#baz"},
        {"FOO='bar#baz' # comment", "FOO", "bar#baz"},
        {R"(FOO="bar#baz#bang" # comment)", "FOO", "bar#baz#bang"},
        {R"(FOO="ba#r")", "FOO", "ba#r"},
        {"FOO='ba#r'", "FOO", "ba#r"},
        {R"(FOO="bar\n\ b\az")", "FOO", "bar\n\\ b\az"},
        {R"(FOO="bar\\\n\ b\az")", "FOO", "bar\\\n\\ b\az"},
        {R"(FOO="bar\\r\ b\az")", "FOO", "bar\\r\\ b\az"},
        {R"(FOO="bar\nbaz\\")", "FOO", "bar\nbaz\\"},
        {" KEY =value", "KEY", "value"},
        {"   KEY=value", "KEY", "value"},
        {"\tKEY=value", "KEY", "value"},
        {R"(KEY="\0123")", "KEY", "S"},
        {R"(KEY="\x07")", "KEY", R"(\x07)"},
        {R"(KEY="\u12e4")", "KEY", R"(\u12e4)"},
        {R"(KEY="\U00101234")", "KEY", R"(\U00101234)"},
        {"TEST_URLS=\"stratum+tcp://a:3333\nstratum+tcp://b:443\"", "TEST_URLS",
         "stratum+tcp://a:3333\nstratum+tcp://b:443"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.line);
      EnvFile f = parse_env_file("e", c.line);
      CHECK(f.errors.empty());
      REQUIRE(f.entries.size() == 1);
      CHECK(f.entries[0].key == c.key);
      CHECK(f.entries[0].value == c.value);
    }
    EnvFile bad = parse_env_file("e", "lol$wut");
    CHECK(bad.errors.size() == 1);
    CHECK(bad.entries.empty());
  }

  TEST_CASE("env: cases from compose-go TestExpanding and TestUnterminatedQuotes") {
    CHECK(value_of(parse_env_file("e", "FOO=test\nBAR=$FOO"), "BAR") == "test");
    CHECK(value_of(parse_env_file("e", "FOO=test\nBAR=${FOO}bar"), "BAR") == "testbar");
    CHECK(value_of(parse_env_file("e", "BAR=$FOO"), "BAR") == "");
    CHECK(value_of(parse_env_file("e", "FOO=test\nBAR=\"quote $FOO\""), "BAR") == "quote test");
    CHECK(value_of(parse_env_file("e", "BAR='quote $FOO'"), "BAR") == "quote $FOO");
    CHECK(value_of(parse_env_file("e", R"(FOO="foo\$BAR")"), "FOO") == "foo$BAR");
    CHECK(value_of(parse_env_file("e", R"(FOO="foo\${BAR}")"), "FOO") == "foo${BAR}");
    CHECK(value_of(parse_env_file("e", "FOO=test\nBAR=\"foo\\${FOO} ${FOO}\""), "BAR") == "foo${FOO} test");
    CHECK(value_of(parse_env_file("e", "TEST=$ME", env({{"ME", "YES"}})), "TEST") == "YES");
    for (const char* tc : {R"(KEY=")", R"(KEY="value)", R"(KEY="value\")", R"(KEY="value')", R"(KEY=')",
                           R"(KEY='value)", R"(KEY='value\')", R"(KEY='value")"}) {
      CAPTURE(tc);
      EnvFile f = parse_env_file("e", tc);
      REQUIRE(f.errors.size() == 1);
      CHECK(f.errors[0].message.find("unterminated quoted value") == 0);
      CHECK(f.errors[0].loc.col == 5);
      CHECK(f.entries.empty());
    }
  }

  TEST_CASE("env: cases from compose-go parser_test.go") {
    const std::string input =
        "\na=b\na[1]=c\na.propertyKey=d\n\xC3\xA1rv\xC3\xADzt\xC5\xB1r\xC5\x91-T\xC3\x9CK\xC3\x96RF\xC3\x9AR\xC3\x93G\xC3\x89P="
        "\xC3\x81RV\xC3\x8DZT\xC5\xB0R\xC5\x90-t\xC3\xBCk\xC3\xB6rf\xC3\xBAr\xC3\xB3g\xC3\xA9p\n";
    EnvFile f = parse_env_file("e", input);
    CHECK(f.errors.empty());
    CHECK(value_of(f, "a") == "b");
    CHECK(value_of(f, "a[1]") == "c");
    CHECK(value_of(f, "a.propertyKey") == "d");
    CHECK(value_of(f, "\xC3\xA1rv\xC3\xADzt\xC5\xB1r\xC5\x91-T\xC3\x9CK\xC3\x96RF\xC3\x9AR\xC3\x93G\xC3\x89P") ==
          "\xC3\x81RV\xC3\x8DZT\xC5\xB0R\xC5\x90-t\xC3\xBCk\xC3\xB6rf\xC3\xBAr\xC3\xB3g\xC3\xA9p");

    EnvFile bad = parse_env_file("e", "%!(EXTRA string)=foo");
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.errors[0].message == "unexpected character \"%\" in variable name \"%!(EXTRA string)=foo\"");
    CHECK(bad.errors[0].loc == span(1, 1, 1, 2, "e"));
  }

  TEST_CASE("env: KEY=VAL entries with exact positions") {
    const std::string text = "GOGC=50\nGOMEMLIMIT=512MiB\n";
    EnvFile f = parse_env_file(".env", text);
    CHECK(f.path == ".env");
    CHECK(f.errors.empty());
    REQUIRE(f.entries.size() == 2);
    CHECK(f.entries[0].key == "GOGC");
    CHECK(f.entries[0].value == "50");
    CHECK(f.entries[0].raw == "50");
    CHECK(f.entries[0].key_loc == span(1, 1, 1, 5));
    CHECK(f.entries[0].value_loc == span(1, 6, 1, 8));
    CHECK_FALSE(f.entries[0].bare);
    CHECK(f.entries[1].key == "GOMEMLIMIT");
    CHECK(f.entries[1].value == "512MiB");
    CHECK(f.entries[1].key_loc == span(2, 1, 2, 11));
    CHECK(f.entries[1].value_loc == span(2, 12, 2, 18));
    CHECK(slice(text, f.entries[1].value_loc) == "512MiB");
  }

  TEST_CASE("env: comment lines and blank lines are skipped") {
    const std::string text = "# GOGC=10\n\n   \n  # indented comment\nGOGC=20\n\t\n#last";
    EnvFile f = parse_env_file("e", text);
    CHECK(f.errors.empty());
    REQUIRE(f.entries.size() == 1);
    CHECK(f.entries[0].key == "GOGC");
    CHECK(f.entries[0].value == "20");
    CHECK(f.entries[0].key_loc.line == 5);
  }

  TEST_CASE("env: no trailing newline, empty file, only comments") {
    CHECK(parse_env_file("e", "").entries.empty());
    CHECK(parse_env_file("e", "\n\n# x\n").entries.empty());
    EnvFile f = parse_env_file("e", "A=1");
    REQUIRE(f.entries.size() == 1);
    CHECK(f.entries[0].value == "1");
  }

  TEST_CASE("env: export prefix") {
    const std::string text = "export GOGC=off\nexport\t GOMEMLIMIT=1GiB\nexportX=1\nexport=2\nexport\n";
    EnvFile f = parse_env_file("e", text);
    CHECK(f.errors.empty());
    REQUIRE(f.entries.size() == 4);
    CHECK(f.entries[0].key == "GOGC");
    CHECK(f.entries[0].value == "off");
    CHECK(f.entries[0].key_loc == span(1, 8, 1, 12, "e"));
    CHECK(f.entries[1].key == "GOMEMLIMIT");
    CHECK(f.entries[1].key_loc == span(2, 9, 2, 19, "e"));
    CHECK(f.entries[2].key == "exportX");  // ^export\s+ needs whitespace
    CHECK(f.entries[3].key == "export");
    CHECK(f.entries[3].value == "2");
  }

  TEST_CASE("env: export with a bare key") {
    EnvFile f = parse_env_file("e", "export GOGC\n", env({{"GOGC", "75"}}));
    REQUIRE(f.entries.size() == 1);
    CHECK(f.entries[0].bare);
    CHECK(f.entries[0].key == "GOGC");
    CHECK(f.entries[0].value == "75");
  }

  TEST_CASE("env: KEY: VAL (yaml style)") {
    const std::string text = "A: 1\nB:2\nC : 3\n";
    EnvFile f = parse_env_file("e", text);
    CHECK(f.errors.empty());
    REQUIRE(f.entries.size() == 3);
    CHECK(f.entries[0].key == "A");
    CHECK(f.entries[0].value == "1");
    CHECK(f.entries[0].value_loc == span(1, 4, 1, 5, "e"));
    CHECK(f.entries[1].value == "2");
    CHECK(f.entries[2].key == "C");
    CHECK(f.entries[2].key_loc == span(3, 1, 3, 2, "e"));
    CHECK(f.entries[2].value == "3");
  }

  TEST_CASE("env: only the first separator splits") {
    EnvFile f = parse_env_file("e", "URL=http://h:80/x=y\nA:b=c\n");
    REQUIRE(f.entries.size() == 2);
    CHECK(f.entries[0].value == "http://h:80/x=y");
    CHECK(f.entries[1].key == "A");
    CHECK(f.entries[1].value == "b=c");
  }

  TEST_CASE("env: inline comments on unquoted values need ' #'") {
    const std::string text = "A=b #c\nB=b#c\nC=b\t#c\nD=b   # c # d\nE= #c\n";
    EnvFile f = parse_env_file("e", text);
    CHECK(f.errors.empty());
    CHECK(value_of(f, "A") == "b");
    CHECK(value_of(f, "B") == "b#c");
    CHECK(value_of(f, "C") == "b\t#c");  // strings.Cut(value, " #"): a tab is not enough
    CHECK(value_of(f, "D") == "b");
    CHECK(value_of(f, "E") == "#c");  // leading space is trimmed before the cut
    REQUIRE(f.entries.size() == 5);
    CHECK(f.entries[0].value_loc == span(1, 3, 1, 4, "e"));
    CHECK(f.entries[3].raw == "b");
  }

  TEST_CASE("env: unquoted values are trimmed on both sides") {
    const std::string text = "A=   512MiB   \nB=\t x y \t\n";
    EnvFile f = parse_env_file("e", text);
    REQUIRE(f.entries.size() == 2);
    CHECK(f.entries[0].value == "512MiB");
    CHECK(f.entries[0].value_loc == span(1, 6, 1, 12, "e"));
    CHECK(f.entries[1].value == "x y");
    CHECK(slice(text, f.entries[1].value_loc) == "x y");
  }

  TEST_CASE("env: empty values") {
    const std::string text = "A=\nB=   \nC=\"\"\nD=''\n";
    EnvFile f = parse_env_file("e", text);
    CHECK(f.errors.empty());
    REQUIRE(f.entries.size() == 4);
    for (const auto& e : f.entries) CHECK(e.value == "");
    CHECK(f.entries[0].value_loc == span(1, 3, 1, 3, "e"));  // zero width after '='
    CHECK(f.entries[1].value_loc == span(2, 3, 2, 3, "e"));
    CHECK(f.entries[2].value_loc == span(3, 3, 3, 5, "e"));
    CHECK(f.entries[2].raw == "\"\"");
    CHECK(f.entries[3].raw == "''");
  }

  TEST_CASE("env: quoted values keep spaces that matter for GOGC/GOMEMLIMIT") {
    // memory-semantics §1: GOGC=" 50" means 100 and GOMEMLIMIT=" 512MiB" is fatal,
    // so the leading space inside quotes must survive.
    const std::string text = "GOGC=\" 50\"\nGOMEMLIMIT=' 512MiB'\nGOGC2= 50\nGOMEMLIMIT2=512Mi\n";
    EnvFile f = parse_env_file("e", text);
    CHECK(value_of(f, "GOGC") == " 50");
    CHECK(value_of(f, "GOMEMLIMIT") == " 512MiB");
    CHECK(value_of(f, "GOGC2") == "50");
    CHECK(value_of(f, "GOMEMLIMIT2") == "512Mi");
    REQUIRE(f.entries.size() == 4);
    CHECK(f.entries[0].value_loc == span(1, 6, 1, 11, "e"));
    CHECK(f.entries[0].raw == "\" 50\"");
    CHECK(slice(text, f.entries[1].value_loc) == "' 512MiB'");
  }

  TEST_CASE("env: single quotes are literal") {
    const std::string text = "A='${X} $Y \\n # not a comment'\nB='it\\'s'\nC='a\\\\b'\n";
    EnvFile f = parse_env_file("e", text, env({{"X", "x"}, {"Y", "y"}}));
    CHECK(f.errors.empty());
    CHECK(value_of(f, "A") == "${X} $Y \\n # not a comment");
    CHECK(value_of(f, "B") == "it's");   // an escaped quote loses its backslash
    CHECK(value_of(f, "C") == "a\\\\b");  // other backslashes stay
    REQUIRE(f.entries.size() == 3);
    CHECK(f.entries[0].unresolved.empty());
  }

  TEST_CASE("env: double quotes expand escapes") {
    const std::string text =
        "A=\"l1\\nl2\\tt\"\nB=\"say \\\"hi\\\"\"\nC=\"back\\\\slash\"\nD=\"cost \\$5\"\n"
        "E=\"\\0101\\0102\"\nF=\"\\c\\x41\\q\"\nG=\"\\r\\a\\b\\f\\v\"\nH=\"\\012\\0400\\0377\"\n";
    EnvFile f = parse_env_file("e", text);
    CHECK(f.errors.empty());
    CHECK(value_of(f, "A") == "l1\nl2\tt");
    CHECK(value_of(f, "B") == "say \"hi\"");
    CHECK(value_of(f, "C") == "back\\slash");
    CHECK(value_of(f, "D") == "cost $5");  // \$ -> $$ -> literal $
    CHECK(value_of(f, "E") == "AB");
    CHECK(value_of(f, "F") == "\\c\\x41\\q");
    CHECK(value_of(f, "G") == "\r\a\b\f\v");
    CHECK(value_of(f, "H") == "\\012\\0400\xC3\xBF");  // \0377 -> U+00FF as UTF-8
  }

  TEST_CASE("env: double quotes are interpolated, '#' inside is not a comment") {
    const std::string text = "A=\"${X:-1GiB} # kept\"\nB=\"$X\"\n";
    EnvFile f = parse_env_file("e", text, env({{"X", "2GiB"}}));
    CHECK(value_of(f, "A") == "2GiB # kept");
    CHECK(value_of(f, "B") == "2GiB");
    REQUIRE(f.entries.size() == 2);
    CHECK(f.entries[0].raw == "\"${X:-1GiB} # kept\"");
  }

  TEST_CASE("env: multi-line double-quoted value") {
    const std::string text = "A=\"line1\nline2\n  line3\"\nB=after\n";
    EnvFile f = parse_env_file("e", text);
    CHECK(f.errors.empty());
    REQUIRE(f.entries.size() == 2);
    CHECK(f.entries[0].value == "line1\nline2\n  line3");
    CHECK(f.entries[0].value_loc == span(1, 3, 3, 9, "e"));
    CHECK(slice(text, f.entries[0].value_loc) == "\"line1\nline2\n  line3\"");
    CHECK(f.entries[1].key == "B");
    CHECK(f.entries[1].key_loc == span(4, 1, 4, 2, "e"));
  }

  TEST_CASE("env: multi-line single-quoted value") {
    EnvFile f = parse_env_file("e", "K='a\nb'\n");
    REQUIRE(f.entries.size() == 1);
    CHECK(f.entries[0].value == "a\nb");
    CHECK(f.entries[0].value_loc == span(1, 3, 2, 3, "e"));
  }

  TEST_CASE("env: after a closing quote the statement stream continues") {
    const std::string text = "A=\"x\" # comment\nB='y' C=z\n";
    EnvFile f = parse_env_file("e", text);
    CHECK(f.errors.empty());
    REQUIRE(f.entries.size() == 3);
    CHECK(f.entries[0].value == "x");
    CHECK(f.entries[1].value == "y");
    CHECK(f.entries[2].key == "C");
    CHECK(f.entries[2].key_loc == span(2, 7, 2, 8, "e"));
    CHECK(f.entries[2].value == "z");
  }

  TEST_CASE("env: values reference earlier keys, then the outer environment") {
    const std::string text =
        "LIMIT=1GiB\nGOMEMLIMIT=${LIMIT}\nFROM_OUTER=${HOST_VAR}\nLATER=${DEFINED_LATER}\nDEFINED_LATER=x\n"
        "SHADOW=${SHARED}\nSHARED=file\nAFTER=${SHARED}\n";
    EnvFile f = parse_env_file("e", text, env({{"HOST_VAR", "h"}, {"SHARED", "outer"}}));
    CHECK(f.errors.empty());
    CHECK(value_of(f, "GOMEMLIMIT") == "1GiB");
    CHECK(value_of(f, "FROM_OUTER") == "h");
    CHECK(value_of(f, "LATER") == "");
    CHECK(value_of(f, "SHADOW") == "outer");
    CHECK(value_of(f, "AFTER") == "file");  // the file's own key beats outer
    REQUIRE(f.entries.size() == 8);
    CHECK(f.entries[3].unresolved == std::vector<std::string>{"DEFINED_LATER"});
    CHECK(f.entries[1].raw == "${LIMIT}");
  }

  TEST_CASE("env: each interpolation form in a file") {
    const std::string text =
        "S=set\nE=\nA=${S:-d}|${E:-d}|${U:-d}\nB=${S-d}|${E-d}|${U-d}\nC=${S:+r}|${E:+r}|${U:+r}\n"
        "D=${S+r}|${E+r}|${U+r}\nF=$$S|$S|${S?x}|${E?x}|${S:?x}\n";
    EnvFile f = parse_env_file("e", text);
    CHECK(f.errors.empty());
    CHECK(value_of(f, "A") == "set|d|d");
    CHECK(value_of(f, "B") == "set||d");
    CHECK(value_of(f, "C") == "r||");
    CHECK(value_of(f, "D") == "r|r|");
    CHECK(value_of(f, "F") == "$S|set|set||set");
  }

  TEST_CASE("env: duplicate keys are kept in order and later lines see the last one") {
    const std::string text = "GOGC=50\nGOGC=off\nX=$GOGC\nGOGC=100\n";
    EnvFile f = parse_env_file("e", text);
    REQUIRE(f.entries.size() == 4);
    CHECK(f.entries[0].value == "50");
    CHECK(f.entries[1].value == "off");
    CHECK(f.entries[2].value == "off");
    CHECK(f.entries[3].value == "100");
    CHECK(f.entries[3].key_loc.line == 4);
  }

  TEST_CASE("env: bare keys take the outer value") {
    const std::string text = "GOMEMLIMIT\n  GOGC  \nMISSING\nA=1\nA\nLAST";
    EnvFile f = parse_env_file("e", text, env({{"GOMEMLIMIT", "900MiB"}, {"GOGC", "off"}}));
    CHECK(f.errors.empty());
    REQUIRE(f.entries.size() == 6);
    CHECK(f.entries[0].bare);
    CHECK(f.entries[0].value == "900MiB");
    CHECK(f.entries[0].unresolved.empty());
    CHECK(f.entries[0].key_loc == span(1, 1, 1, 11, "e"));
    CHECK(f.entries[0].value_loc == span(1, 11, 1, 11, "e"));
    CHECK(f.entries[0].raw.empty());
    CHECK(f.entries[1].key == "GOGC");
    CHECK(f.entries[1].key_loc == span(2, 3, 2, 7, "e"));
    CHECK(f.entries[1].value == "off");
    CHECK(f.entries[2].key == "MISSING");
    CHECK(f.entries[2].value == "");
    CHECK(f.entries[2].unresolved == std::vector<std::string>{"MISSING"});
    // Upstream looks a bare key up in the lookup only: the file's own A=1 does not count.
    CHECK(f.entries[4].bare);
    CHECK(f.entries[4].unresolved == std::vector<std::string>{"A"});
    CHECK(f.entries[5].key == "LAST");  // last line, no newline
    CHECK(f.entries[5].bare);
  }

  TEST_CASE("env: an unresolved bare key leaves the earlier value in place") {
    EnvFile f = parse_env_file("e", "A=1\nA\nB=$A\n");
    CHECK(value_of(f, "B") == "1");
  }

  TEST_CASE("env: a resolved bare key is visible to later lines") {
    EnvFile f = parse_env_file("e", "A\nB=${A}x\n", env({{"A", "o"}}));
    CHECK(value_of(f, "B") == "ox");
  }

  TEST_CASE("env: key characters") {
    const std::string text = "A.B=1\nA-B=2\nARR[0]=3\n\xC3\x84X=4\n_x9=5\n";
    EnvFile f = parse_env_file("e", text);
    CHECK(f.errors.empty());
    CHECK(value_of(f, "A.B") == "1");
    CHECK(value_of(f, "A-B") == "2");
    CHECK(value_of(f, "ARR[0]") == "3");
    CHECK(value_of(f, "\xC3\x84X") == "4");
    CHECK(value_of(f, "_x9") == "5");
  }

  TEST_CASE("env: CRLF line endings") {
    const std::string text = "A=1\r\nB = two \r\nC=\"x\r\ny\"\r\nD\r\nE=\r\n# c\r\nF='q'\r\n";
    EnvFile f = parse_env_file("e", text, env({{"D", "d"}}));
    CHECK(f.errors.empty());
    REQUIRE(f.entries.size() == 6);
    CHECK(f.entries[0].value == "1");
    CHECK(f.entries[0].value_loc == span(1, 3, 1, 4, "e"));
    CHECK(f.entries[1].key == "B");
    CHECK(f.entries[1].value == "two");
    CHECK(f.entries[1].value_loc == span(2, 5, 2, 8, "e"));
    CHECK(f.entries[2].value == "x\r\ny");  // CR inside quotes is kept, as upstream
    CHECK(f.entries[2].value_loc == span(3, 3, 4, 3, "e"));
    CHECK(f.entries[3].key == "D");
    CHECK(f.entries[3].bare);
    CHECK(f.entries[3].key_loc == span(5, 1, 5, 2, "e"));
    CHECK(f.entries[3].value == "d");
    CHECK(f.entries[4].key == "E");
    CHECK(f.entries[4].value == "");
    CHECK(f.entries[5].value == "q");
    CHECK(f.entries[5].key_loc.line == 8);
    CHECK(slice(text, f.entries[1].value_loc) == "two");
  }

  TEST_CASE("env: UTF-8 BOM is skipped but counted in columns") {
    const std::string text = "\xEF\xBB\xBFGOGC=50\nB=2\n";
    EnvFile f = parse_env_file("e", text);
    CHECK(f.errors.empty());
    REQUIRE(f.entries.size() == 2);
    CHECK(f.entries[0].key == "GOGC");
    CHECK(f.entries[0].key_loc == span(1, 4, 1, 8, "e"));
    CHECK(f.entries[0].value_loc == span(1, 9, 1, 11, "e"));
    CHECK(slice(text, f.entries[0].key_loc) == "GOGC");
    CHECK(f.entries[1].key_loc == span(2, 1, 2, 2, "e"));
  }

  TEST_CASE("env: a BOM that is not at the start is an error") {
    EnvFile f = parse_env_file("e", "A=1\n\xEF\xBB\xBF" "B=2\n");
    REQUIRE(f.errors.size() == 1);
    CHECK(f.errors[0].loc.line == 2);
    CHECK(f.errors[0].loc.col == 1);
    CHECK(value_of(f, "A") == "1");
  }

  TEST_CASE("env: key with a space is an error, parsing continues") {
    const std::string text = "A=1\nMY KEY=2\nC=3\n";
    EnvFile f = parse_env_file("e", text);
    REQUIRE(f.errors.size() == 1);
    CHECK(f.errors[0].loc == span(2, 1, 2, 7, "e"));
    CHECK(f.errors[0].message.find("key cannot contain a space") != std::string::npos);
    REQUIRE(f.entries.size() == 2);
    CHECK(f.entries[0].key == "A");
    CHECK(f.entries[1].key == "C");
    CHECK(f.entries[1].key_loc.line == 3);
  }

  TEST_CASE("env: invalid key character is located exactly") {
    const std::string text = "GOOD=1\n  BAD!KEY=2\nexport X$=3\nOK=4\n";
    EnvFile f = parse_env_file("e", text);
    REQUIRE(f.errors.size() == 2);
    CHECK(f.errors[0].loc == span(2, 6, 2, 7, "e"));
    CHECK(f.errors[0].message.find("unexpected character \"!\"") != std::string::npos);
    CHECK(f.errors[1].loc == span(3, 9, 3, 10, "e"));
    REQUIRE(f.entries.size() == 2);
    CHECK(f.entries[1].key == "OK");
  }

  TEST_CASE("env: '#' after a key is not a comment") {
    EnvFile f = parse_env_file("e", "KEY # note\nN=1\n");
    REQUIRE(f.errors.size() == 1);
    CHECK(f.errors[0].loc == span(1, 5, 1, 6, "e"));
    CHECK(value_of(f, "N") == "1");
  }

  TEST_CASE("env: empty key is an error") {
    EnvFile f = parse_env_file("e", "=1\n: x\nA=2\n");
    REQUIRE(f.errors.size() == 2);
    CHECK(f.errors[0].loc == span(1, 1, 1, 2, "e"));
    CHECK(f.errors[1].loc.line == 2);
    REQUIRE(f.entries.size() == 1);
    CHECK(f.entries[0].key == "A");
  }

  TEST_CASE("env: unterminated quote is an error at the quote, parsing continues") {
    const std::string text = "A=1\nB=\"never closed\nC=3\nD='also\r\nE=5\n";
    EnvFile f = parse_env_file("e", text);
    REQUIRE(f.errors.size() == 2);
    CHECK(f.errors[0].loc == span(2, 3, 2, 16, "e"));
    CHECK(f.errors[0].message.find("unterminated quoted value") != std::string::npos);
    CHECK(f.errors[1].loc == span(4, 3, 4, 8, "e"));
    CHECK(value_of(f, "A") == "1");
    CHECK(value_of(f, "C") == "3");
    CHECK(value_of(f, "E") == "5");
    CHECK(value_of(f, "B") == "<missing>");
  }

  TEST_CASE("env: an unterminated quote closes at a later quote (multi-line)") {
    // Upstream scans across lines, so the quote on line 3 closes the value.
    EnvFile f = parse_env_file("e", "A=\"x\nB=1\nC=\"\n");
    CHECK(f.errors.empty());
    REQUIRE(f.entries.size() == 1);
    CHECK(f.entries[0].value == "x\nB=1\nC=");
    CHECK(f.entries[0].value_loc == span(1, 3, 3, 4, "e"));
  }

  TEST_CASE("env: interpolation errors are located and the line is dropped") {
    const std::string text = "A=ok\nB=x ${NEED:?set NEED}\nC=\"a\\tb $\"\nD=${bad\nE=2\n";
    EnvFile f = parse_env_file("e", text);
    REQUIRE(f.errors.size() == 3);
    CHECK(f.errors[0].loc == span(2, 5, 2, 22, "e"));
    CHECK(f.errors[0].message == "required variable NEED is missing a value: set NEED");
    CHECK(f.errors[1].loc == span(3, 9, 3, 10, "e"));  // mapped back through the \t escape
    CHECK(f.errors[2].loc.line == 4);
    CHECK(f.errors[2].loc.col == 3);
    CHECK(value_of(f, "B") == "<missing>");
    CHECK(value_of(f, "C") == "<missing>");
    CHECK(value_of(f, "E") == "2");
  }

  TEST_CASE("env: nesting bomb in a value is an error, not a crash") {
    const std::string text = "A=" + nested_defaults(10000) + "\nB=\"" + nested_defaults(10000) + "\"\nC=ok\n";
    EnvFile f = parse_env_file("e", text);
    REQUIRE(f.errors.size() == 2);
    CHECK(f.errors[0].message.find("nested") != std::string::npos);
    CHECK(f.errors[0].loc.line == 1);
    CHECK(f.errors[0].loc.col == 3 + 5 * og::kMaxInterpolationDepth);
    CHECK(f.errors[1].loc.line == 2);
    CHECK(value_of(f, "C") == "ok");
  }

  TEST_CASE("env: NUL bytes and binary data do not crash") {
    const char raw_nul[] = "A=x\0y\nB\0C=1\nD=2\n";
    const std::string with_nul(raw_nul, sizeof raw_nul - 1);
    EnvFile f = parse_env_file("e", with_nul);
    CHECK(value_of(f, "A") == std::string("x\0y", 3));
    REQUIRE(f.errors.size() == 1);
    CHECK(f.errors[0].loc == span(2, 2, 2, 3, "e"));
    CHECK(value_of(f, "D") == "2");

    std::string binary;
    unsigned x = 12345;
    for (int i = 0; i < 200000; ++i) {
      x = x * 1103515245u + 12345u;
      binary += static_cast<char>(x >> 16);
    }
    EnvFile b = parse_env_file("bin", binary);
    CHECK(b.errors.size() <= og::kMaxEnvFileErrors + 1);
    for (const auto& e : b.errors) CHECK(e.loc.line >= 1);
  }

  TEST_CASE("env: error count is capped") {
    std::string text;
    for (int i = 0; i < 5000; ++i) text += "bad key=1\n";
    text += "GOOD=1\n";
    EnvFile f = parse_env_file("e", text);
    REQUIRE(f.errors.size() == og::kMaxEnvFileErrors + 1);
    CHECK(f.errors.back().message.find("too many errors") != std::string::npos);
    CHECK(f.errors.back().loc.line == static_cast<int>(og::kMaxEnvFileErrors) + 1);
  }

  TEST_CASE("env: 5 MiB files parse in linear time") {
    SUBCASE("many lines") {
      std::string text;
      while (text.size() < 5u * 1024 * 1024) text += "GOMEMLIMIT=${LIMIT:-512MiB} # c\n";
      const auto t0 = std::chrono::steady_clock::now();
      EnvFile f = parse_env_file("big", text);
      const auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      CHECK(f.errors.empty());
      CHECK(f.entries.size() == text.size() / 32);
      CHECK(f.entries.back().value == "512MiB");
      CHECK(secs < 20.0);
    }
    SUBCASE("one huge value") {
      const std::string text = "A=" + std::string(5u * 1024 * 1024, 'v') + "\nB=1\n";
      EnvFile f = parse_env_file("big", text);
      REQUIRE(f.entries.size() == 2);
      CHECK(f.entries[0].value.size() == 5u * 1024 * 1024);
      CHECK(f.entries[1].key_loc.line == 2);
    }
    SUBCASE("an unterminated quote before 5 MiB of lines") {
      std::string text = "A=\"open\nX='open too\n";
      while (text.size() < 5u * 1024 * 1024) text += "B=1\n";
      EnvFile f = parse_env_file("big", text);
      REQUIRE(f.errors.size() == 2);
      CHECK(f.errors[0].loc == span(1, 3, 1, 8, "big"));
      CHECK(f.errors[1].loc == span(2, 3, 2, 12, "big"));
      CHECK(f.entries.size() == (text.size() - 20) / 4);
    }
  }
}
