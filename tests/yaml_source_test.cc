// Tests for checker/parse/yaml_source: load_yaml (documents, located syntax
// errors, nesting limit) and YamlLocator's exact byte positions. Columns are
// 1-based byte columns of the ORIGINAL file (a UTF-8 BOM counts), end_col is
// exclusive, quotes are part of a quoted scalar's span.
#include <doctest/doctest.h>

#include "test_support.h"

#include <memory>
#include <string>

#include "parse/yaml_source.h"

using og::Location;
using og::YamlFile;
using og::YamlLocator;

namespace {

using og::test::span;
using og::test::slice;


// "line:col-end_line:end_col"
struct Loaded {
  std::shared_ptr<const og::SourceText> text;
  YamlFile file;
  YamlLocator at;
};

Loaded load(const std::string& content, const std::string& path = "f.yaml") {
  auto text = std::make_shared<const og::SourceText>(content);
  YamlFile f = og::load_yaml(path, text);
  return Loaded{text, f, YamlLocator(path, text)};
}

// The bytes of a single-line location in the original text.
}  // namespace

TEST_SUITE("yaml_source") {
  // ------------------------------------------------------------ load_yaml

  TEST_CASE("load_yaml: every non-null document of a multi-document stream, in order") {
    auto y = load("a: 1\n---\n---\nb: 2\n---\n# only a comment\n---\n- x\n");
    CHECK(y.file.path == "f.yaml");
    CHECK(y.file.errors.empty());
    REQUIRE(y.file.docs.size() == 3);
    CHECK(og::scalar(og::child(y.file.docs[0], "a")) == std::optional<std::string>("1"));
    CHECK(og::scalar(og::child(y.file.docs[1], "b")) == std::optional<std::string>("2"));
    REQUIRE(og::is_seq(y.file.docs[2]));
    CHECK(y.file.docs[2][0].Scalar() == "x");
    CHECK(y.file.text == y.text);
  }

  TEST_CASE("load_yaml: an empty file or a file of comments has no documents and no errors") {
    auto a = load("");
    CHECK(a.file.docs.empty());
    CHECK(a.file.errors.empty());
    auto b = load("# nothing\n\n---\n");
    CHECK(b.file.docs.empty());
    CHECK(b.file.errors.empty());
  }

  TEST_CASE("load_yaml: a syntax error is located and drops every document of the file") {
    // the first document is valid, the second is not: YAML cannot resync
    auto y = load("a: 1\n---\nb: x\n  c: y\n");
    CHECK(y.file.docs.empty());
    REQUIRE(y.file.errors.size() == 1);
    CHECK(y.file.errors[0].loc.file == "f.yaml");
    CHECK(span(y.file.errors[0].loc) == "4:4-4:4");
    CHECK(y.file.errors[0].message == "invalid YAML: illegal map value");
  }

  TEST_CASE("load_yaml: an unterminated flow sequence points at where the parser gave up") {
    auto y = load("a: [1, 2\nb: 3\n");
    CHECK(y.file.docs.empty());
    REQUIRE(y.file.errors.size() == 1);
    CHECK(span(y.file.errors[0].loc) == "2:2-2:2");
    CHECK(y.file.errors[0].message == "invalid YAML: end of sequence flow not found");
  }

  TEST_CASE("load_yaml: a ',' after a document's root is an error, not yaml-cpp's endless loop") {
    // yaml-cpp 0.7's LoadAll never returns on these (fuzz/regressions/)
    for (const char* text : {"[a],\n", "\"x\",\n", ",a\n", "- x\n,\n", "a: 1\n---\n{a: 1},\n", "&x,\n", "!t ,\n"}) {
      CAPTURE(text);
      auto y = load(text);
      CHECK(y.file.docs.empty());
      REQUIRE(y.file.errors.size() == 1);
      CHECK(y.file.errors[0].message == "invalid YAML: a ',' outside any flow collection ([...] or {...})");
    }
    CHECK(span(load("[a],\n").file.errors[0].loc) == "1:4-1:4");
    // commas inside flow collections and scalars are ordinary YAML
    auto ok = load("a: [1, 2]\nb: {c: d, e: f}\ng: x,y\n---\n- [a, b]\n- {c: 1, d: 2}\n");
    CHECK(ok.file.errors.empty());
    CHECK(ok.file.docs.size() == 2);
  }

  TEST_CASE("load_yaml: a NUL byte is a located error (YAML allows none)") {
    auto y = load(std::string("a: 1\nb: x\0y\n", 12));
    CHECK(y.file.docs.empty());
    REQUIRE(y.file.errors.size() == 1);
    CHECK(span(y.file.errors[0].loc) == "2:5-2:6");
  }

  TEST_CASE("load_yaml: syntax error columns on line 1 count the BOM bytes") {
    auto plain = load("a: b: c\n");
    REQUIRE(plain.file.errors.size() == 1);
    CHECK(span(plain.file.errors[0].loc) == "1:5-1:5");
    auto bom = load("\xEF\xBB\xBF" "a: b: c\n");
    REQUIRE(bom.file.errors.size() == 1);
    CHECK(span(bom.file.errors[0].loc) == "1:8-1:8");
    // ... but only on line 1
    auto bom2 = load("\xEF\xBB\xBF" "x: 1\na: b: c\n");
    REQUIRE(bom2.file.errors.size() == 1);
    CHECK(span(bom2.file.errors[0].loc) == "2:5-2:5");
  }

  TEST_CASE("load_yaml: block nesting beyond the parser's limit is one located error, not a crash") {
    std::string text = "a:\n";
    for (int i = 1; i < 700; ++i) text += std::string(static_cast<size_t>(2 * i), ' ') + "k:\n";
    auto y = load(text);
    CHECK(y.file.docs.empty());
    REQUIRE(y.file.errors.size() == 1);
    CHECK(y.file.errors[0].message == "YAML nesting is deeper than the parser allows (500 levels)");
    CHECK(y.file.errors[0].loc.line == 499);
    CHECK(y.file.errors[0].loc.col > 996);  // at the 499th line's key or just after it
  }

  TEST_CASE("load_yaml: deep flow nesting is a nesting error too") {
    auto y = load(std::string(3000, '[') + std::string(3000, ']') + "\n");
    CHECK(y.file.docs.empty());
    REQUIRE(y.file.errors.size() == 1);
    CHECK(y.file.errors[0].message == "YAML nesting is deeper than the parser allows (500 levels)");
    CHECK(y.file.errors[0].loc.file == "f.yaml");
  }

  TEST_CASE("load_yaml: nesting just below the limit parses") {
    auto y = load(std::string(400, '[') + std::string(400, ']') + "\n");
    CHECK(y.file.errors.empty());
    CHECK(y.file.docs.size() == 1);
  }

  // ---------------------------------------------------------- YamlLocator::loc

  TEST_CASE("loc: plain scalar spans exactly its text") {
    std::string t = "image: reg/app:1.2\n";
    auto y = load(t);
    REQUIRE(y.file.docs.size() == 1);
    Location l = y.at.loc(og::child(y.file.docs[0], "image"));
    CHECK(l.file == "f.yaml");
    CHECK(span(l) == "1:8-1:19");
    CHECK(slice(t, l) == "reg/app:1.2");
  }

  TEST_CASE("loc: double-quoted scalar includes its quotes and skips escaped quotes") {
    std::string t = "a: 1\nv: \"50 \\\" x\"\n";
    auto y = load(t);
    YAML::Node v = og::child(y.file.docs[0], "v");
    CHECK(v.Scalar() == "50 \" x");
    Location l = y.at.loc(v);
    CHECK(span(l) == "2:4-2:13");
    CHECK(slice(t, l) == "\"50 \\\" x\"");
  }

  TEST_CASE("loc: single-quoted scalar includes its quotes; '' is an escaped quote, not the end") {
    std::string t = "v: 'it''s'  \n";
    auto y = load(t);
    YAML::Node v = og::child(y.file.docs[0], "v");
    CHECK(v.Scalar() == "it's");
    Location l = y.at.loc(v);
    CHECK(span(l) == "1:4-1:11");
    CHECK(slice(t, l) == "'it''s'");
  }

  TEST_CASE("loc: a trailing ` # comment` is not part of a plain value") {
    std::string t = "a: 512Mi # the limit\nb: x\t# tab comment\nc: a#b # hash inside\n";
    auto y = load(t);
    const auto& d = y.file.docs[0];
    CHECK(span(y.at.loc(og::child(d, "a"))) == "1:4-1:9");
    CHECK(span(y.at.loc(og::child(d, "b"))) == "2:4-2:5");
    Location c = y.at.loc(og::child(d, "c"));
    CHECK(og::child(d, "c").Scalar() == "a#b");
    CHECK(span(c) == "3:4-3:7");
    CHECK(slice(t, c) == "a#b");
  }

  TEST_CASE("loc: a quoted value followed by a comment ends at its closing quote") {
    auto y = load("a: \"x # not a comment\" # comment\n");
    YAML::Node a = og::child(y.file.docs[0], "a");
    CHECK(a.Scalar() == "x # not a comment");
    CHECK(span(y.at.loc(a)) == "1:4-1:23");
  }

  TEST_CASE("loc: flow-style elements end at , ] and }") {
    std::string t = "e: {a: 1, b: [x, yy]}\n";
    auto y = load(t);
    YAML::Node e = og::child(y.file.docs[0], "e");
    CHECK(span(y.at.loc(e)) == "1:4-1:5");  // a collection: its first byte
    YAML::Node a = og::child(e, "a");
    CHECK(span(y.at.loc(a)) == "1:8-1:9");
    YAML::Node b = og::child(e, "b");
    REQUIRE(og::is_seq(b));
    CHECK(span(y.at.loc(b)) == "1:14-1:15");
    CHECK(span(y.at.loc(b[0])) == "1:15-1:16");
    CHECK(span(y.at.loc(b[1])) == "1:18-1:20");
    CHECK(slice(t, y.at.loc(b[1])) == "yy");
  }

  TEST_CASE("loc: a block scalar points at its indicator") {
    auto y = load("k: |-\n  text\nl: >\n  folded\n");
    const auto& d = y.file.docs[0];
    CHECK(og::child(d, "k").Scalar() == "text");
    CHECK(span(y.at.loc(og::child(d, "k"))) == "1:4-1:5");
    CHECK(og::child(d, "l").Scalar() == "folded\n");
    CHECK(span(y.at.loc(og::child(d, "l"))) == "3:4-3:5");
  }

  TEST_CASE("loc: collections get a one-byte span at their first byte") {
    auto y = load("top:\n  - a\n  - b\nm:\n  k: v\n");
    const auto& d = y.file.docs[0];
    CHECK(span(y.at.loc(d)) == "1:1-1:2");
    CHECK(span(y.at.loc(og::child(d, "top"))) == "2:3-2:4");
    CHECK(span(y.at.loc(og::child(d, "m"))) == "5:3-5:4");
    CHECK(span(y.at.loc(og::child(d, "top")[1])) == "3:5-3:6");
  }

  TEST_CASE("loc: a UTF-8 BOM shifts line 1 by 3 bytes and no other line") {
    std::string t = "\xEF\xBB\xBF" "a: x\nb: \"y\"\n";
    auto y = load(t);
    REQUIRE(y.file.docs.size() == 1);
    const auto& d = y.file.docs[0];
    Location a = y.at.loc(og::child(d, "a"));
    CHECK(span(a) == "1:7-1:8");
    CHECK(slice(t, a) == "x");
    Location b = y.at.loc(og::child(d, "b"));
    CHECK(span(b) == "2:4-2:7");
    CHECK(slice(t, b) == "\"y\"");
  }

  TEST_CASE("loc: CRLF line endings: the CR is not part of a value and lines count normally") {
    std::string t = "a: x\r\nb: \"y\"\r\nc: zz # k\r\nd: 'q'\r\n";
    auto y = load(t);
    REQUIRE(y.file.docs.size() == 1);
    const auto& d = y.file.docs[0];
    CHECK(og::child(d, "a").Scalar() == "x");
    CHECK(span(y.at.loc(og::child(d, "a"))) == "1:4-1:5");
    CHECK(span(y.at.loc(og::child(d, "b"))) == "2:4-2:7");
    CHECK(span(y.at.loc(og::child(d, "c"))) == "3:4-3:6");
    CHECK(span(y.at.loc(og::child(d, "d"))) == "4:4-4:7");
  }

  TEST_CASE("loc: a value on a later line of a sequence inside a mapping") {
    std::string t = "spec:\n  containers:\n    - name: api\n      image: \"x:1\"\n";
    auto y = load(t);
    YAML::Node c = og::child(og::child(y.file.docs[0], "spec"), "containers")[0];
    CHECK(span(y.at.loc(og::child(c, "name"))) == "3:13-3:16");
    CHECK(span(y.at.loc(og::child(c, "image"))) == "4:14-4:19");
  }

  TEST_CASE("loc: JSON documents: quoted keys and values") {
    std::string t = "{\"apiVersion\": \"v1\",\n \"kind\": \"Pod\"}\n";
    auto y = load(t, "p.json");
    REQUIRE(y.file.docs.size() == 1);
    Location k = y.at.loc(og::child(y.file.docs[0], "kind"));
    CHECK(k.file == "p.json");
    CHECK(span(k) == "2:10-2:15");
    CHECK(slice(t, k) == "\"Pod\"");
    CHECK(span(y.at.loc(og::child(y.file.docs[0], "apiVersion"))) == "1:16-1:20");
  }

  TEST_CASE("loc: undefined and invalid nodes give the whole-file location") {
    auto y = load("a: 1\n");
    Location u = y.at.loc(og::child(y.file.docs[0], "missing"));
    CHECK(u.file == "f.yaml");
    CHECK(u.line == 0);
    CHECK(u.col == 0);
    const YAML::Node cd = y.file.docs[0];
    YAML::Node zombie = cd["missing"];  // const operator[]: an invalid node
    Location z;
    CHECK_NOTHROW(z = y.at.loc(zombie));
    CHECK(z.file == "f.yaml");
    CHECK(z.line == 0);
  }

  // ------------------------------------------------------ YamlLocator::key_loc

  TEST_CASE("key_loc: the line and column of a mapping key") {
    auto y = load("resources:\n  limits:\n    cpu: 1\n    memory:\n");
    YAML::Node limits = og::child(og::child(y.file.docs[0], "resources"), "limits");
    Location k = y.at.key_loc(limits, "memory");
    CHECK(k.line == 4);
    CHECK(k.col == 5);
    // a missing key and a non-map fall back to the node itself
    CHECK(span(y.at.key_loc(limits, "nope")) == "3:5-3:6");
    Location nm = y.at.key_loc(og::child(limits, "cpu"), "x");
    CHECK(span(nm) == "3:10-3:11");
  }

  TEST_CASE("key_loc: a key's span is the key text only, not `: value`") {
    // Regression (fixed): scalar_extent() does not stop a plain scalar at ": ", so every plain
    // key spans the rest of its line ("memory: 512Mi" -> 1:5-1:18).
    std::string t = "limits:\n    memory: 512Mi\n";
    auto y = load(t);
    YAML::Node limits = og::child(y.file.docs[0], "limits");
    CHECK(span(y.at.key_loc(limits, "memory")) == "2:5-2:11");
    CHECK(span(y.at.key_loc(y.file.docs[0], "limits")) == "1:1-1:7");
  }

  TEST_CASE("key_loc: a key inside a flow mapping ends at its colon") {
    // Regression (fixed): same cause: {a: 1, b: [x, y]} gives key `a` the span "a: 1" and key
    // `b` the span "b: [x".
    auto y = load("e: {a: 1, b: [x, y]}\n");
    YAML::Node e = og::child(y.file.docs[0], "e");
    CHECK(span(y.at.key_loc(e, "a")) == "1:5-1:6");
    CHECK(span(y.at.key_loc(e, "b")) == "1:11-1:12");
  }

  TEST_CASE("loc: a block-context plain scalar may contain , ] and }") {
    // Regression (fixed): scalar_extent() ends every plain scalar at , ] } even in block
    // context, where they are ordinary characters (e.g. GODEBUG lists).
    std::string t = "GODEBUG: madvdontneed=1,gctrace=1\n";
    auto y = load(t);
    YAML::Node v = og::child(y.file.docs[0], "GODEBUG");
    CHECK(v.Scalar() == "madvdontneed=1,gctrace=1");
    CHECK(span(y.at.loc(v)) == "1:10-1:34");
  }

  TEST_CASE("key_loc: safe on an invalid (zombie) node, as documented for undefined nodes") {
    // Regression (fixed): key_loc() calls map.IsMap() before checking IsDefined(); on an
    // invalid node yaml-cpp's Type() throws YAML::InvalidNode.
    auto y = load("a: 1\n");
    const YAML::Node cd = y.file.docs[0];
    YAML::Node zombie = cd["missing"];
    Location l;
    CHECK_NOTHROW(l = y.at.key_loc(zombie, "x"));
    CHECK(l.line == 0);
  }

  // -------------------------------------------------- scalar/child/is_map/is_seq

  TEST_CASE("scalar: text of scalars, nullopt for anything else, never throws") {
    auto y = load("s: text\nn: 42\ne: \"\"\nz:\nm: {k: v}\nq: [1]\nt: ~\n");
    const auto& d = y.file.docs[0];
    CHECK(og::scalar(og::child(d, "s")) == std::optional<std::string>("text"));
    CHECK(og::scalar(og::child(d, "n")) == std::optional<std::string>("42"));
    CHECK(og::scalar(og::child(d, "e")) == std::optional<std::string>(""));
    std::optional<std::string> r = std::string("sentinel");
    CHECK_NOTHROW(r = og::scalar(og::child(d, "z")));
    CHECK_FALSE(r.has_value());
    CHECK_FALSE(og::scalar(og::child(d, "t")).has_value());
    CHECK_FALSE(og::scalar(og::child(d, "m")).has_value());
    CHECK_FALSE(og::scalar(og::child(d, "q")).has_value());
    CHECK_FALSE(og::scalar(og::child(d, "absent")).has_value());
    CHECK_FALSE(og::scalar(YAML::Node()).has_value());
    CHECK_FALSE(og::scalar(YAML::Node(YAML::NodeType::Undefined)).has_value());
    const YAML::Node cd = d;
    CHECK_NOTHROW(r = og::scalar(cd["absent"]));  // invalid node
    CHECK_FALSE(r.has_value());
  }

  TEST_CASE("child: map lookups only; never creates keys or throws") {
    auto y = load("m: {k: v}\nq: [a, b]\ns: text\n");
    const auto& d = y.file.docs[0];
    CHECK(og::child(og::child(d, "m"), "k").Scalar() == "v");
    YAML::Node c;
    CHECK_NOTHROW(c = og::child(og::child(d, "q"), "k"));  // a sequence
    CHECK_FALSE(c.IsDefined());
    CHECK_NOTHROW(c = og::child(og::child(d, "s"), "k"));  // a scalar
    CHECK_FALSE(c.IsDefined());
    CHECK_NOTHROW(c = og::child(og::child(d, "missing"), "k"));  // undefined
    CHECK_FALSE(c.IsDefined());
    CHECK_NOTHROW(c = og::child(YAML::Node(), "k"));  // null
    CHECK_FALSE(c.IsDefined());
    const YAML::Node cd = d;
    CHECK_NOTHROW(c = og::child(cd["missing"], "k"));  // invalid
    CHECK_FALSE(c.IsDefined());
    // lookups did not add keys to the document
    CHECK(d.size() == 3);
    CHECK(og::child(d, "m").size() == 1);
  }

  TEST_CASE("child: keys are compared as scalars (a numeric key is its text)") {
    auto y = load("80: http\n\"443\": https\n");
    const auto& d = y.file.docs[0];
    CHECK(og::scalar(og::child(d, "80")) == std::optional<std::string>("http"));
    CHECK(og::scalar(og::child(d, "443")) == std::optional<std::string>("https"));
  }

  TEST_CASE("is_map / is_seq: type tests that are false for undefined and null nodes") {
    auto y = load("m: {k: v}\nq: [a]\ns: x\nz:\n");
    const auto& d = y.file.docs[0];
    CHECK(og::is_map(og::child(d, "m")));
    CHECK_FALSE(og::is_seq(og::child(d, "m")));
    CHECK(og::is_seq(og::child(d, "q")));
    CHECK_FALSE(og::is_map(og::child(d, "q")));
    CHECK_FALSE(og::is_map(og::child(d, "s")));
    CHECK_FALSE(og::is_map(og::child(d, "z")));
    CHECK_FALSE(og::is_seq(og::child(d, "z")));
    CHECK_FALSE(og::is_map(og::child(d, "absent")));
    CHECK_FALSE(og::is_seq(og::child(d, "absent")));
  }
}  // TEST_SUITE
