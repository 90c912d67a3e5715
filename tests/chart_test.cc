// The probe memory chart (checker/probe/chart.h): well-formed, NaN-free SVG
// for every edge case, round binary ticks, escaping, the OOM marker, peak-
// preserving downsampling, the legend. Writes a realistic example to
// /tmp/oomguard-chart-example.svg for looking at.
#include <doctest/doctest.h>

#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "probe/chart.h"
#include "test_support.h"

using og::ChartInput;
using og::ChartLine;
using og::render_svg;

namespace {

constexpr int64_t KiB = 1024;
constexpr int64_t MiB = 1024 * KiB;
constexpr int64_t GiB = 1024 * MiB;
constexpr int64_t TiB = 1024 * GiB;

// ---- a minimal XML checker: "" when `s` is well-formed, else why not ----

bool valid_utf8_xml_chars(const std::string& s, std::string& why) {
  for (size_t i = 0; i < s.size();) {
    unsigned c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        why = "control byte at " + std::to_string(i);
        return false;
      }
      ++i;
      continue;
    }
    int len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      why = "invalid UTF-8 at " + std::to_string(i);
      return false;
    }
    uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (int j = 1; j < len; ++j) {
      unsigned b = static_cast<unsigned char>(s[i + j]);
      if ((b & 0xC0) != 0x80) {
        why = "invalid UTF-8 at " + std::to_string(i);
        return false;
      }
      cp = (cp << 6) | (b & 0x3F);
    }
    bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) {
      why = "invalid code point at " + std::to_string(i);
      return false;
    }
    i += len;
  }
  return true;
}

// After '&' at s[i]: a predefined entity or a character reference.
bool entity_at(const std::string& s, size_t i) {
  for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})
    if (s.compare(i, std::char_traits<char>::length(e), e) == 0) return true;
  if (s.compare(i, 2, "&#") != 0) return false;
  size_t j = i + 2;
  bool hex = j < s.size() && s[j] == 'x';
  if (hex) ++j;
  size_t start = j;
  while (j < s.size() && (hex ? std::isxdigit(static_cast<unsigned char>(s[j])) : std::isdigit(static_cast<unsigned char>(s[j]))))
    ++j;
  return j > start && j < s.size() && s[j] == ';';
}

bool name_char(char c, bool first) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':' ||
         (!first && (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.'));
}

std::string xml_problem(const std::string& s) {
  std::string why;
  if (!valid_utf8_xml_chars(s, why)) return why;
  std::vector<std::string> stack;
  int roots = 0;
  size_t i = 0;
  auto read_name = [&](std::string& name) {
    size_t st = i;
    if (i >= s.size() || !name_char(s[i], true)) return false;
    while (i < s.size() && name_char(s[i], i == st)) ++i;
    name = s.substr(st, i - st);
    return true;
  };
  auto skip_ws = [&] {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  while (i < s.size()) {
    char c = s[i];
    if (c == '&') {
      if (!entity_at(s, i)) return "bad entity at " + std::to_string(i);
      ++i;
      continue;
    }
    if (c != '<') {
      if (stack.empty() && !std::isspace(static_cast<unsigned char>(c))) return "text outside the root at " + std::to_string(i);
      ++i;
      continue;
    }
    if (s.compare(i, 4, "<!--") == 0) {
      size_t e = s.find("-->", i + 4);
      if (e == std::string::npos) return "unterminated comment";
      i = e + 3;
      continue;
    }
    if (s.compare(i, 2, "<?") == 0) {
      size_t e = s.find("?>", i + 2);
      if (e == std::string::npos) return "unterminated processing instruction";
      i = e + 2;
      continue;
    }
    if (s.compare(i, 2, "</") == 0) {
      i += 2;
      std::string name;
      if (!read_name(name)) return "bad end tag at " + std::to_string(i);
      skip_ws();
      if (i >= s.size() || s[i] != '>') return "bad end tag " + name;
      ++i;
      if (stack.empty() || stack.back() != name)
        return "end tag </" + name + "> does not match <" + (stack.empty() ? "" : stack.back()) + ">";
      stack.pop_back();
      continue;
    }
    ++i;
    std::string name;
    if (!read_name(name)) return "bad start tag at " + std::to_string(i);
    if (stack.empty() && ++roots > 1) return "more than one root element";
    std::set<std::string> attrs;
    for (;;) {
      bool had_ws = i < s.size() && std::isspace(static_cast<unsigned char>(s[i]));
      skip_ws();
      if (i >= s.size()) return "unterminated tag <" + name;
      if (s.compare(i, 2, "/>") == 0) {
        i += 2;
        break;
      }
      if (s[i] == '>') {
        ++i;
        stack.push_back(name);
        break;
      }
      std::string an;
      if (!had_ws || !read_name(an)) return "bad attribute in <" + name + "> at " + std::to_string(i);
      if (!attrs.insert(an).second) return "duplicate attribute " + an + " in <" + name + ">";
      skip_ws();
      if (i >= s.size() || s[i] != '=') return "attribute " + an + " without value";
      ++i;
      skip_ws();
      if (i >= s.size() || (s[i] != '"' && s[i] != '\'')) return "unquoted attribute " + an;
      char q = s[i++];
      for (; i < s.size() && s[i] != q; ++i) {
        if (s[i] == '<') return "'<' in attribute " + an;
        if (s[i] == '&' && !entity_at(s, i)) return "bad entity in attribute " + an;
      }
      if (i >= s.size()) return "unterminated attribute " + an;
      ++i;
    }
  }
  if (!stack.empty()) return "unclosed <" + stack.back() + ">";
  if (roots != 1) return "no root element";
  return "";
}

// ---- reading the SVG back ----

// The contents of every <text class="CLS"> element, in document order.
std::vector<std::string> texts_of(const std::string& svg, const std::string& cls) {
  std::vector<std::string> out;
  std::string key = "class=\"" + cls + "\">";
  for (size_t p = svg.find(key); p != std::string::npos; p = svg.find(key, p + 1)) {
    size_t b = p + key.size(), e = svg.find("</text>", b);
    out.push_back(svg.substr(b, e - b));
  }
  return out;
}

struct Pt {
  double x, y;
};
// The points of the polyline with class CLS (empty when there is none).
std::vector<Pt> polyline(const std::string& svg, const std::string& cls) {
  std::vector<Pt> out;
  size_t p = svg.find("<polyline class=\"" + cls + "\"");
  if (p == std::string::npos) return out;
  size_t b = svg.find("points=\"", p) + 8, e = svg.find('"', b);
  std::string pts = svg.substr(b, e - b);
  size_t i = 0;
  while (i < pts.size()) {
    size_t comma = pts.find(',', i), space = pts.find(' ', comma);
    if (space == std::string::npos) space = pts.size();
    out.push_back({std::stod(pts.substr(i, comma - i)), std::stod(pts.substr(comma + 1, space - comma - 1))});
    i = space + 1;
  }
  return out;
}

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool have_xmllint() { return std::system("command -v xmllint >/dev/null 2>&1") == 0; }

// Well-formed (by the checker above, and by xmllint when installed), no NaN or
// infinity anywhere, and deterministic.
void check_svg(const ChartInput& in, const std::string& tag) {
  std::string svg = render_svg(in);
  INFO("case: " << tag);
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(xml_problem(svg) == "");
  std::string l = lower(svg);
  CHECK(l.find("nan") == std::string::npos);
  CHECK(l.find("inf") == std::string::npos);
  CHECK(svg == render_svg(in));
  if (have_xmllint()) {
    std::string dir = og::test::temp_dir("chart");
    og::test::write_file(dir + "/chart.svg", svg);
    CHECK(std::system(("xmllint --noout " + dir + "/chart.svg 2>/dev/null").c_str()) == 0);
  }
}

ChartLine line(const std::string& label, int64_t bytes, const std::string& kind) { return {label, bytes, kind}; }

// The brief's example: a sawtooth climbing to 60 MiB under a 64 MiB limit with
// GOMEMLIMIT at 56 MiB, sampled every 100 ms, OOM-killed at 12 s.
ChartInput realistic() {
  ChartInput in;
  in.title = "probe api-no-gomemlimit: OOM-killed";
  in.subtitle = "Deployment shop/api container api \xC2\xB7 GOGC=100 \xC2\xB7 64MiB limit";
  for (int i = 0; i <= 119; ++i) {
    double t = i * 0.1;
    double live = 10.0 + 19.5 * t / 12.0;                       // the live heap grows 10 -> 29 MiB
    double phase = std::fmod(t, 1.5) / 1.5;                     // GOGC=100: a GC every 1.5 s ...
    double u = std::min(60.0, 4.0 + live * (1.0 + phase));      // ... at twice the live heap, + 4 MiB runtime
    double cache = 2.5 + 0.5 * std::sin(i * 0.7);              // page cache: in usage, not in the working set
    in.t.push_back(t);
    in.usage.push_back(static_cast<int64_t>(u * MiB));
    in.working_set.push_back(static_cast<int64_t>((u - cache) * MiB));
  }
  in.lines = {line("memory limit 64MiB", 64 * MiB, "limit"), line("GOMEMLIMIT 56MiB", 56 * MiB, "gomemlimit")};
  in.oom_at = 12.0;
  in.warmup = 2.0;
  in.verdict = "OG501 OOM-killed";
  in.failed = true;
  return in;
}

}  // namespace

TEST_SUITE("chart") {
  TEST_CASE("the realistic example is well-formed and written for inspection") {
    ChartInput in = realistic();
    check_svg(in, "realistic");
    std::string svg = render_svg(in);
    og::test::write_file("/tmp/oomguard-chart-example.svg", svg);
    CHECK(svg.find("viewBox=\"0 0 900 420\"") != std::string::npos);
    CHECK(svg.find("<rect width=\"900\" height=\"420\" fill=\"#ffffff\"/>") != std::string::npos);
    CHECK(texts_of(svg, "og-title") == std::vector<std::string>{"probe api-no-gomemlimit: OOM-killed"});
    CHECK(texts_of(svg, "og-subtitle").size() == 1);
    CHECK(svg.find("OG501 OOM-killed") != std::string::npos);
    CHECK(count(svg, "class=\"og-warmup\"") == 1);
    std::vector<std::string> warm = texts_of(svg, "og-warmup-label");  // in the band, or in the legend
    CHECK((warm == std::vector<std::string>{"warm-up (excluded)"} || warm == std::vector<std::string>{"warm-up", "(excluded)"} ||
           svg.find(">warm-up (excluded)</text>") != std::string::npos));
    CHECK(count(svg, "stroke-dasharray") >= 2);
    CHECK(!polyline(svg, "og-usage").empty());
    CHECK(!polyline(svg, "og-working-set").empty());
    // x ticks: 0, 2, 4, ... 12 s
    CHECK(texts_of(svg, "og-xtick") == std::vector<std::string>{"0", "2", "4", "6", "8", "10", "12"});
  }

  TEST_CASE("edge cases render without NaN, infinity or malformed XML") {
    ChartInput empty;
    check_svg(empty, "default input");
    std::string svg = render_svg(empty);
    CHECK(texts_of(svg, "og-empty") == std::vector<std::string>{"no samples"});
    CHECK(!texts_of(svg, "og-ytick").empty());
    CHECK(!texts_of(svg, "og-xtick").empty());

    ChartInput empty_with_lines = realistic();
    empty_with_lines.t.clear(), empty_with_lines.usage.clear(), empty_with_lines.working_set.clear();
    check_svg(empty_with_lines, "empty series with lines, OOM and warm-up");
    CHECK(texts_of(render_svg(empty_with_lines), "og-empty").size() == 1);

    ChartInput one;
    one.t = {0.0};
    one.usage = {5 * MiB};
    one.working_set = {4 * MiB};
    check_svg(one, "one sample");
    svg = render_svg(one);
    CHECK(count(svg, "<circle") == 2);
    CHECK(texts_of(svg, "og-empty").empty());

    ChartInput zeros;
    zeros.t = {0, 0.1, 0.2, 0.3};
    zeros.usage = {0, 0, 0, 0};
    zeros.working_set = {0, 0, 0, 0};
    zeros.lines = {line("memory limit 0", 0, "limit")};
    check_svg(zeros, "all zeros");

    ChartInput huge;
    huge.t = {0, 1, 2};
    huge.usage = {TiB, 3 * TiB, 5 * TiB};
    huge.working_set = {TiB, 2 * TiB, 4 * TiB};
    huge.lines = {line("memory limit 6TiB", 6 * TiB, "limit")};
    check_svg(huge, "TiB");
    CHECK(texts_of(render_svg(huge), "og-ytick") ==
          std::vector<std::string>{"0 TiB", "1 TiB", "2 TiB", "3 TiB", "4 TiB", "5 TiB", "6 TiB"});

    ChartInput extreme;
    extreme.t = {0, 1};
    extreme.usage = {std::numeric_limits<int64_t>::max() - 1, std::numeric_limits<int64_t>::min()};
    extreme.working_set = {-5, std::numeric_limits<int64_t>::max() - 1};
    extreme.lines = {line("GOMEMLIMIT off", std::numeric_limits<int64_t>::max(), "gomemlimit"),
                     line("negative", -3, "baseline")};
    check_svg(extreme, "int64 extremes");
    CHECK(render_svg(extreme).find("GOMEMLIMIT off") == std::string::npos);

    ChartInput unsorted;
    unsorted.t = {3.0, 1.0, 2.0, 0.0, 2.0};
    unsorted.usage = {30 * MiB, 10 * MiB, 20 * MiB, 0, 21 * MiB};
    unsorted.working_set = {29 * MiB, 9 * MiB, 19 * MiB, 0, 20 * MiB};
    check_svg(unsorted, "non-monotonic t");
    std::vector<Pt> pts = polyline(render_svg(unsorted), "og-usage");
    REQUIRE(pts.size() == 5);
    CHECK(std::is_sorted(pts.begin(), pts.end(), [](const Pt& a, const Pt& b) { return a.x < b.x; }));

    ChartInput bad_numbers;
    double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    bad_numbers.t = {0, nan, 1, inf, -inf, 2, 1e300};
    bad_numbers.usage = {MiB, 2 * MiB, 3 * MiB, 4 * MiB, 5 * MiB, 6 * MiB, 7 * MiB, 8 * MiB /* no time */};
    bad_numbers.working_set = {MiB};  // shorter than t
    bad_numbers.oom_at = nan;
    bad_numbers.warmup = inf;
    check_svg(bad_numbers, "NaN and infinite times, mismatched lengths");
    svg = render_svg(bad_numbers);
    CHECK(polyline(svg, "og-usage").size() == 3);
    CHECK(svg.find("og-oom") == std::string::npos);

    ChartInput negative_time;
    negative_time.t = {-2, -1, 0, 1};
    negative_time.usage = {MiB, MiB, 2 * MiB, 3 * MiB};
    negative_time.oom_at = 5.0;
    negative_time.warmup = 1e9;
    check_svg(negative_time, "negative times, huge warm-up");

    ChartInput tiny;
    tiny.t = {0, 0.01, 0.02};
    tiny.usage = {1, 2, 3};
    check_svg(tiny, "bytes and a very short run");

    ChartInput long_run;
    for (int i = 0; i < 200; ++i) {
      long_run.t.push_back(i * 500.0);
      long_run.usage.push_back(GiB + i * 7 * MiB);
    }
    check_svg(long_run, "a day");

    ChartInput many_lines = realistic();
    for (int i = 0; i < 30; ++i)
      many_lines.lines.push_back(line("baseline run " + std::to_string(i), (40 + i % 7) * MiB, "baseline"));
    many_lines.title = std::string(300, 'W');
    many_lines.verdict = std::string(100, 'V');
    check_svg(many_lines, "30 lines, long title and verdict");
  }

  TEST_CASE("y ticks are round binary values") {
    ChartInput in = realistic();
    CHECK(texts_of(render_svg(in), "og-ytick") ==
          std::vector<std::string>{"0 MiB", "16 MiB", "32 MiB", "48 MiB", "64 MiB"});

    ChartInput g;
    g.t = {0, 1};
    g.usage = {GiB, 3 * GiB / 2};
    g.lines = {line("memory limit 2Gi", 2 * GiB, "limit")};
    CHECK(texts_of(render_svg(g), "og-ytick") ==
          std::vector<std::string>{"0 GiB", "0.5 GiB", "1 GiB", "1.5 GiB", "2 GiB"});

    ChartInput m;
    m.t = {0, 1};
    m.usage = {300 * MiB, 400 * MiB};
    m.lines = {line("memory limit 512Mi", 512 * MiB, "limit")};
    CHECK(texts_of(render_svg(m), "og-ytick") ==
          std::vector<std::string>{"0 MiB", "128 MiB", "256 MiB", "384 MiB", "512 MiB"});

    ChartInput gi;  // 1 GiB: not yet worth GiB labels
    gi.t = {0, 1};
    gi.usage = {300 * MiB, 400 * MiB};
    gi.lines = {line("memory limit 1Gi", GiB, "limit")};
    CHECK(texts_of(render_svg(gi), "og-ytick") ==
          std::vector<std::string>{"0 MiB", "256 MiB", "512 MiB", "768 MiB", "1024 MiB"});
  }

  TEST_CASE("all text is escaped; invalid UTF-8 and control bytes are replaced") {
    ChartInput in = realistic();
    in.title = "<script>alert('x')</script> & \"q\"";
    in.subtitle = std::string("ctl\x01\x1f tab\there bad\xff\xc3 utf8 \xed\xa0\x80 ok \xc3\xa9");
    in.verdict = "a<b";
    in.lines.push_back(line("baseline <peak> & \"co\" 48MiB", 48 * MiB, "baseline"));
    check_svg(in, "hostile text");
    std::string svg = render_svg(in);
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;q&quot;") != std::string::npos);
    CHECK(svg.find("a&lt;b") != std::string::npos);
    CHECK(svg.find("baseline &lt;peak&gt; &amp; &quot;co&quot; 48MiB") != std::string::npos);
    const std::string fffd = "\xEF\xBF\xBD";
    CHECK(svg.find("ctl" + fffd + fffd + " tab here bad" + fffd + fffd + " utf8 " + fffd + fffd + fffd +
                   " ok \xC3\xA9") != std::string::npos);
  }

  TEST_CASE("the OOM marker is drawn only when oom_at is set") {
    ChartInput in = realistic();
    std::string with = render_svg(in);
    CHECK(texts_of(with, "og-oom-label") == std::vector<std::string>{"OOM kill"});
    CHECK(count(with, "class=\"og-oom\"") == 1);
    in.oom_at.reset();
    std::string without = render_svg(in);
    CHECK(without.find("OOM kill") == std::string::npos);
    CHECK(without.find("og-oom") == std::string::npos);
    // at the very end of the axis the label flips to the left of the line
    in.oom_at = 11.9;
    check_svg(in, "OOM at the right edge");
  }

  TEST_CASE("downsampling keeps each bucket's maximum") {
    ChartInput in;
    in.lines = {line("memory limit 64MiB", 64 * MiB, "limit")};
    for (int i = 0; i < 10000; ++i) {
      in.t.push_back(i * 0.1);
      // a fast sawtooth between 20 and 30 MiB with one 61 MiB spike
      in.usage.push_back((20 + (i * 7919 % 11)) * MiB);
      in.working_set.push_back((18 + (i % 5)) * MiB);
    }
    in.usage[7777] = 61 * MiB;
    check_svg(in, "10,000 samples");
    std::string svg = render_svg(in);
    std::vector<Pt> usage = polyline(svg, "og-usage"), ws = polyline(svg, "og-working-set");
    CHECK(usage.size() <= 1500);
    CHECK(usage.size() >= 700);
    CHECK(ws.size() <= 1500);
    CHECK(svg.size() < 200000);

    // The spike alone, on the same y scale (same maximum, same lines, same legend).
    ChartInput spike = in;
    spike.t = {0.0, 777.7, 999.9};
    spike.usage = {0, 61 * MiB, 0};
    spike.working_set.clear();
    std::vector<Pt> alone = polyline(render_svg(spike), "og-usage");
    REQUIRE(alone.size() == 3);
    auto top = std::min_element(usage.begin(), usage.end(), [](const Pt& a, const Pt& b) { return a.y < b.y; });
    CHECK(top->y == alone[1].y);
    CHECK(top->x == alone[1].x);
    // and the troughs of the sawtooth survive too: the lowest point is 20 MiB
    auto low = std::max_element(usage.begin(), usage.end(), [](const Pt& a, const Pt& b) { return a.y < b.y; });
    std::vector<Pt> floor_pts = polyline(render_svg([&] {
      ChartInput f = spike;
      f.usage = {20 * MiB, 61 * MiB, 20 * MiB};
      return f;
    }()), "og-usage");
    CHECK(low->y == floor_pts[0].y);
    // points stay in time order
    CHECK(std::is_sorted(usage.begin(), usage.end(), [](const Pt& a, const Pt& b) { return a.x < b.x; }));
  }

  TEST_CASE("the legend names both series and every reference line; labels are nudged apart") {
    ChartInput in = realistic();
    in.lines.push_back(line("baseline peak 55MiB", 55 * MiB, "baseline"));
    in.lines.push_back(line("ignored zero line", 0, "baseline"));
    std::string svg = render_svg(in);
    std::vector<std::string> legend = texts_of(svg, "og-legend-label");
    REQUIRE(legend.size() >= 5);
    CHECK(legend[0].rfind("usage (peak 60.0 MiB)", 0) == 0);
    CHECK(legend[1].rfind("working set (peak ", 0) == 0);
    for (const char* l : {"memory limit 64MiB", "GOMEMLIMIT 56MiB", "baseline peak 55MiB"})
      CHECK(std::find(legend.begin(), legend.end(), l) != legend.end());
    CHECK(svg.find("ignored zero line") == std::string::npos);

    // GOMEMLIMIT 56MiB and the 55MiB baseline are ~4 px apart: their labels are not
    std::vector<std::string> labels = texts_of(svg, "og-refline-label");
    CHECK(labels == std::vector<std::string>{"memory limit 64MiB", "GOMEMLIMIT 56MiB", "baseline peak 55MiB"});
    std::vector<double> ys;
    std::string key = "class=\"og-refline-label\">";
    for (size_t p = svg.find(key); p != std::string::npos; p = svg.find(key, p + 1)) {
      size_t open = svg.rfind("<text", p), y = svg.find(" y=\"", open) + 4;
      ys.push_back(std::stod(svg.substr(y)));
    }
    REQUIRE(ys.size() == 3);
    CHECK(ys[2] - ys[1] >= 13.9);
    CHECK(ys[1] - ys[0] >= 13.9);
  }

  TEST_CASE("output does not depend on the locale") {
    ChartInput in = realistic();
    std::string c = render_svg(in);
    for (const char* loc : {"de_DE.UTF-8", "fr_FR.UTF-8", "C.UTF-8"}) {
      if (!std::setlocale(LC_ALL, loc)) continue;
      CHECK(render_svg(in) == c);
    }
    std::setlocale(LC_ALL, "C");
  }
}
