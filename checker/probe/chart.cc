#include "probe/chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <string_view>

namespace og {
namespace {

// ---- layout and palette ----
constexpr double kWidth = 900, kHeight = 420;
constexpr double kMargin = 16;                  // outer margin
constexpr double kLegendFirstRow = 68;          // centre of the first legend row
constexpr double kLegendRowHeight = 18;
constexpr int kLegendMaxRows = 3;
constexpr double kPlotBottom = kHeight - 50;    // x tick labels and the axis title below
constexpr size_t kMaxDrawnPoints = 1500;        // per series
constexpr double kMinLabelGap = 14;             // between reference-line labels
constexpr int kMaxYIntervals = 7;
constexpr int kMaxXIntervals = 10;

constexpr const char* kFont = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
constexpr const char* kInk = "#111827";
constexpr const char* kMuted = "#4b5563";
constexpr const char* kFaint = "#6b7280";
constexpr const char* kGrid = "#e5e7eb";
constexpr const char* kAxis = "#9ca3af";
constexpr const char* kUsage = "#2563eb";
constexpr const char* kWorkingSet = "#ea580c";
constexpr const char* kOom = "#dc2626";

struct LineStyle {
  const char* colour;
  const char* dash;
};
LineStyle style_of(const std::string& kind) {
  if (kind == "limit") return {"#dc2626", "8 4"};
  if (kind == "gomemlimit") return {"#9333ea", "5 3"};
  if (kind == "baseline") return {"#4b5563", "2 3"};
  return {"#6b7280", "6 2 2 2"};
}

// ---- numbers: integer-based, so no locale can change a byte ----

// "%.1f" for |v| < 1e15 (coordinates and labels are far below), "%.0f" above;
// NaN and infinities (which never reach here by construction) print as 0.
std::string num(double v) {
  if (!std::isfinite(v)) return "0.0";
  if (std::fabs(v) >= 1e15) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f", v);  // no decimal point, so no locale dependence
    return buf;
  }
  long long tenths = std::llround(v * 10);
  bool neg = tenths < 0;
  if (neg) tenths = -tenths;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%lld.%lld", neg ? "-" : "", tenths / 10, tenths % 10);
  return buf;
}

// A tick value: whole numbers without decimals, others with one ("1.5").
std::string tick_num(double v) {
  if (!std::isfinite(v)) return "0";
  if (std::fabs(v) >= 1e15 || std::fabs(v - std::round(v)) < 1e-9) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f", std::round(v) == 0 ? 0.0 : std::round(v));
    return buf;
  }
  return num(v);
}

constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

// 62914560 -> "60.0 MiB", 512 -> "512 B".
std::string bytes_text(double b) {
  int u = 0;
  while (u < 6 && b >= std::ldexp(1.0, 10 * (u + 1))) ++u;
  if (u == 0) return tick_num(std::round(b)) + " B";
  return num(b / std::ldexp(1.0, 10 * u)) + " " + kUnits[u];
}

// ---- text: UTF-8 cleaned into code points, measured, truncated, escaped ----

using Text = std::u32string;
constexpr char32_t kReplacement = 0xFFFD;

// Decodes UTF-8; each maximal ill-formed subpart becomes one U+FFFD (Unicode
// 3-7). Tab, newline and CR become spaces (labels are one line); other C0/C1
// controls, DEL and the non-characters U+FFFE/U+FFFF (not allowed or
// discouraged in XML) become U+FFFD.
Text clean(std::string_view s) {
  Text out;
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    if (c < 0x80) {
      cp = c;
      ++i;
    } else {
      int len;
      unsigned lo = 0x80, hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        len = 2, cp = c & 0x1F;
      } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, cp = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;  // no surrogates
      } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, cp = c & 0x07;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;  // nothing beyond U+10FFFF
      } else {
        out += kReplacement;
        ++i;
        continue;
      }
      int j = 1;
      for (; j < len; ++j) {
        if (i + j >= n) break;
        unsigned b = static_cast<unsigned char>(s[i + j]);
        if (b < (j == 1 ? lo : 0x80) || b > (j == 1 ? hi : 0xBF)) break;
        cp = (cp << 6) | (b & 0x3F);
      }
      i += j;
      if (j < len) {
        out += kReplacement;
        continue;
      }
    }
    if (cp == '\t' || cp == '\n' || cp == '\r') cp = ' ';
    else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF) cp = kReplacement;
    out += cp;
  }
  return out;
}

// Estimated advance of a code point in em, erring wide: DejaVu Sans (what
// librsvg and many Linux browsers fall back to) is wider than Segoe UI or
// Helvetica, and a label that runs out of its box looks worse than a gap.
double advance(char32_t c, bool bold) {
  double w;
  if (c == ' ') w = 0.32;
  else if (c < 0x80 && std::string_view("iljI.,:;'|!()[]`").find(static_cast<char>(c)) != std::string_view::npos) w = 0.34;
  else if (c < 0x80 && std::string_view("mwMW@%").find(static_cast<char>(c)) != std::string_view::npos) w = 0.92;
  else if (c >= 'A' && c <= 'Z') w = 0.72;
  else if (c >= '0' && c <= '9') w = 0.64;
  else if (c < 0x80) w = 0.6;
  else if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD))
    w = 1.0;  // wide: CJK, Hangul, fullwidth forms, emoji
  else w = 0.64;
  return bold ? w * 1.12 : w;
}

double width(const Text& t, double size, bool bold = false) {
  double w = 0;
  for (char32_t c : t) w += advance(c, bold);
  return w * size;
}

// `t` cut to at most `max_w` wide, ending with an ellipsis when cut.
Text fit(Text t, double max_w, double size, bool bold = false) {
  if (width(t, size, bold) <= max_w) return t;
  double budget = max_w - advance(0x2026, bold) * size, w = 0;
  size_t keep = 0;
  while (keep < t.size() && w + advance(t[keep], bold) * size <= budget) w += advance(t[keep++], bold) * size;
  while (keep > 0 && t[keep - 1] == ' ') --keep;
  t.resize(keep);
  t += char32_t(0x2026);
  return t;
}

// Code points to UTF-8 with & < > " ' escaped (safe in text and attributes).
std::string xml(const Text& t) {
  std::string out;
  for (char32_t c : t) {
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += "&quot;"; continue;
      case '\'': out += "&apos;"; continue;
      default: break;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

Text ascii(std::string_view s) { return Text(s.begin(), s.end()); }

// ---- data ----

struct Point {
  double t, v;
};

// (t, value) pairs with a usable time, sorted by time (stable: equal times keep
// their order). Negative byte counts are drawn as 0.
std::vector<Point> series(const std::vector<double>& t, const std::vector<int64_t>& v) {
  std::vector<Point> out;
  size_t n = std::min(t.size(), v.size());
  out.reserve(n);
  for (size_t i = 0; i < n; ++i)
    if (std::isfinite(t[i]) && std::fabs(t[i]) <= 1e12) out.push_back({t[i], v[i] < 0 ? 0.0 : double(v[i])});
  if (!std::is_sorted(out.begin(), out.end(), [](const Point& a, const Point& b) { return a.t < b.t; }))
    std::stable_sort(out.begin(), out.end(), [](const Point& a, const Point& b) { return a.t < b.t; });
  return out;
}

// At most kMaxDrawnPoints points: time is cut into kMaxDrawnPoints/2 equal
// buckets, each keeps its minimum and its maximum sample in time order.
// Peaks (and the troughs of a sawtooth) survive; the first and last samples
// stay within their buckets.
std::vector<Point> downsample(const std::vector<Point>& p) {
  if (p.size() <= kMaxDrawnPoints) return p;
  const size_t buckets = kMaxDrawnPoints / 2;
  double t0 = p.front().t, span = p.back().t - t0;
  std::vector<Point> out;
  out.reserve(kMaxDrawnPoints);
  size_t i = 0;
  while (i < p.size()) {
    size_t b = span > 0 ? std::min(buckets - 1, size_t((p[i].t - t0) / span * double(buckets))) : 0;
    size_t lo = i, hi = i, j = i;
    for (; j < p.size(); ++j) {
      size_t bj = span > 0 ? std::min(buckets - 1, size_t((p[j].t - t0) / span * double(buckets))) : 0;
      if (bj != b) break;
      if (p[j].v < p[lo].v) lo = j;
      if (p[j].v > p[hi].v) hi = j;
    }
    out.push_back(p[std::min(lo, hi)]);
    if (lo != hi) out.push_back(p[std::max(lo, hi)]);
    i = j;
  }
  return out;
}

// ---- axes ----

struct YAxis {
  double top = 1;    // bytes at the top of the plot
  double unit = 1;   // bytes per label unit
  const char* unit_name = "B";
  double step = 1;   // in label units
};

// The range covers `max_bytes` with 10% headroom. The unit is the largest
// binary unit the top reaches 1.5 times; the step is a power of two (0.5 from
// KiB up) giving at most kMaxYIntervals intervals: a 64 MiB limit gives
// 0, 16, 32, 48, 64 MiB.
YAxis y_axis(double max_bytes) {
  YAxis a;
  a.top = max_bytes > 0 ? max_bytes * 1.1 : 2.0 * 1024 * 1024;
  int u = 0;
  while (u < 6 && a.top >= 1.5 * std::ldexp(1.0, 10 * (u + 1))) ++u;
  a.unit = std::ldexp(1.0, 10 * u);
  a.unit_name = kUnits[u];
  double top_u = a.top / a.unit;
  a.step = u == 0 ? 1 : 0.5;
  while (top_u / a.step > kMaxYIntervals) a.step *= 2;
  return a;
}

struct XAxis {
  double lo = 0, hi = 1, step = 0.1;
};

// [lo, hi] with 1/2/5 x 10^k steps, at most kMaxXIntervals intervals, never
// below 0.1 s (a span under 1 s is widened to 1 s).
XAxis x_axis(double lo, double hi) {
  XAxis a;
  a.lo = lo;
  a.hi = std::max(hi, lo + 1.0);
  double raw = (a.hi - a.lo) / kMaxXIntervals;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  a.step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    a.step = m * mag;
    if (a.step >= raw * (1 - 1e-9)) break;
  }
  a.step = std::max(a.step, 0.1);
  // A run that stops just short of a tick (999.9 s) ends at that tick.
  double next = std::ceil(a.hi / a.step - 1e-9) * a.step;
  if (next - a.hi <= 0.03 * (a.hi - a.lo)) a.hi = std::max(a.hi, next);
  return a;
}

// ---- SVG building ----

struct Svg {
  std::string s;
  Svg& operator<<(const std::string& x) {
    s += x;
    return *this;
  }
  Svg& operator<<(const char* x) {
    s += x;
    return *this;
  }
};

std::string attr(const char* name, double v) { return std::string(" ") + name + "=\"" + num(v) + "\""; }
std::string attr(const char* name, const std::string& v) { return std::string(" ") + name + "=\"" + v + "\""; }

void text(Svg& o, double x, double y, const Text& t, double size, const char* fill, const char* anchor = "start",
          bool bold = false, const char* cls = nullptr) {
  o << "<text" << attr("x", x) << attr("y", y) << attr("font-size", size) << attr("fill", fill);
  if (std::string_view(anchor) != "start") o << attr("text-anchor", anchor);
  if (bold) o << " font-weight=\"600\"";
  if (cls) o << attr("class", cls);
  o << ">" << xml(t) << "</text>\n";
}

void hline(Svg& o, double x1, double x2, double y, const char* stroke, double w, const char* dash = nullptr) {
  o << "<line" << attr("x1", x1) << attr("y1", y) << attr("x2", x2) << attr("y2", y) << attr("stroke", stroke)
    << attr("stroke-width", w);
  if (dash) o << attr("stroke-dasharray", dash);
  o << "/>\n";
}

void vline(Svg& o, double x, double y1, double y2, const char* stroke, double w, const char* dash = nullptr) {
  o << "<line" << attr("x1", x) << attr("y1", y1) << attr("x2", x) << attr("y2", y2) << attr("stroke", stroke)
    << attr("stroke-width", w);
  if (dash) o << attr("stroke-dasharray", dash);
  o << "/>\n";
}

struct LegendItem {
  enum class Swatch { Line, Band } swatch = Swatch::Line;
  Text label;
  const char* colour = kInk;
  const char* dash = nullptr;
  double stroke = 2;
  double w = 0;  // swatch + gap + text
};

// Spreads label centres (sorted ascending) at least `gap` apart within
// [lo, hi], moving each as little as the constraint allows.
void spread(std::vector<double>& y, double gap, double lo, double hi) {
  if (y.empty()) return;
  if (gap * double(y.size() - 1) > hi - lo) gap = (hi - lo) / double(y.size() - 1);
  for (size_t i = 0; i < y.size(); ++i) {
    y[i] = std::clamp(y[i], lo, hi);
    if (i > 0 && y[i] < y[i - 1] + gap) y[i] = y[i - 1] + gap;
  }
  if (y.back() > hi) {
    y.back() = hi;
    for (size_t i = y.size() - 1; i-- > 0;)
      if (y[i] > y[i + 1] - gap) y[i] = y[i + 1] - gap;
  }
}

}  // namespace

std::string render_svg(const ChartInput& in) {
  // ---- data ----
  std::vector<Point> usage = series(in.t, in.usage), ws = series(in.t, in.working_set);
  struct Ref {
    Text label;
    double bytes;
    LineStyle style;
  };
  std::vector<Ref> refs;
  for (const auto& l : in.lines)
    if (l.bytes > 0 && l.bytes != std::numeric_limits<int64_t>::max())
      refs.push_back({clean(l.label), double(l.bytes), style_of(l.kind)});

  double max_bytes = 0, t_lo = 0, t_hi = 0;
  double usage_peak = -1, ws_peak = -1;
  for (const auto& p : usage) usage_peak = std::max(usage_peak, p.v);
  for (const auto& p : ws) ws_peak = std::max(ws_peak, p.v);
  max_bytes = std::max({0.0, usage_peak, ws_peak});
  for (const auto& r : refs) max_bytes = std::max(max_bytes, r.bytes);
  for (const auto* s : {&usage, &ws})
    if (!s->empty()) t_lo = std::min(t_lo, s->front().t), t_hi = std::max(t_hi, s->back().t);
  std::optional<double> oom;
  if (in.oom_at && std::isfinite(*in.oom_at) && std::fabs(*in.oom_at) <= 1e12) oom = *in.oom_at;
  double warmup = std::isfinite(in.warmup) && in.warmup > 0 ? std::min(in.warmup, 1e12) : 0;
  const bool no_samples = usage.empty() && ws.empty();
  if (oom) t_lo = std::min(t_lo, *oom), t_hi = std::max(t_hi, *oom);
  // A warm-up longer than the run shades it all; it widens the axis only
  // when there is nothing else to show.
  if (no_samples && !oom) t_hi = std::max(t_hi, warmup);

  const YAxis ya = y_axis(max_bytes);
  const XAxis xa = x_axis(t_lo, t_hi);

  // ---- header: title, subtitle, verdict badge ----
  Svg o;
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"420\" viewBox=\"0 0 900 420\""
    << " font-family=\"" << kFont << "\" role=\"img\">\n";
  Text title = clean(in.title), subtitle = clean(in.subtitle), verdict = fit(clean(in.verdict), 260, 12, true);
  o << "<title>" << xml(title) << "</title>\n";
  if (!subtitle.empty()) o << "<desc>" << xml(subtitle) << "</desc>\n";
  o << "<rect width=\"900\" height=\"420\" fill=\"#ffffff\"/>\n";

  double header_right = kWidth - kMargin;
  if (!verdict.empty()) {
    double bw = width(verdict, 12, true) + 20, bx = kWidth - kMargin - bw;
    const char* fill = in.failed ? "#fef2f2" : "#f0fdf4";
    const char* stroke = in.failed ? "#dc2626" : "#16a34a";
    const char* ink = in.failed ? "#b91c1c" : "#15803d";
    o << "<g class=\"og-verdict\">\n<rect" << attr("x", bx) << attr("y", 12) << attr("width", bw)
      << attr("height", 22) << " rx=\"11\"" << attr("fill", fill) << attr("stroke", stroke) << "/>\n";
    text(o, bx + bw / 2, 27.5, verdict, 12, ink, "middle", true);
    o << "</g>\n";
    header_right = bx - 16;
  }
  text(o, kMargin, 28, fit(title, header_right - kMargin, 16, true), 16, kInk, "start", true, "og-title");
  if (!subtitle.empty())
    text(o, kMargin, 47, fit(subtitle, kWidth - 2 * kMargin, 12), 12, kMuted, "start", false, "og-subtitle");

  // ---- plot area, horizontally: y labels on the left, reference-line labels on the right ----
  const double bottom = kPlotBottom;
  std::vector<double> yticks;
  for (int k = 0; k <= kMaxYIntervals + 1; ++k) {
    double v = k * ya.step * ya.unit;
    if (v > ya.top * (1 + 1e-9)) break;
    yticks.push_back(v);
  }
  std::vector<Text> ylabels;
  double ylabel_w = 0;
  for (double v : yticks) {
    ylabels.push_back(ascii(tick_num(v / ya.unit) + " " + ya.unit_name));
    ylabel_w = std::max(ylabel_w, width(ylabels.back(), 11));
  }
  const double left = kMargin + ylabel_w + 8;
  std::vector<Text> ref_labels;
  double gutter = 12;
  for (const auto& r : refs) {
    ref_labels.push_back(fit(r.label, 200, 11));
    gutter = std::max(gutter, width(ref_labels.back(), 11) + 16);
  }
  const double right = kWidth - kMargin - gutter;
  auto X = [&](double t) { return left + (t - xa.lo) / (xa.hi - xa.lo) * (right - left); };

  const double warmup_x0 = X(std::max(0.0, xa.lo)), warmup_x1 = X(std::min(warmup, xa.hi));
  // The band is labelled inside, on one line or two ("warm-up" / "(excluded)"),
  // when it is wide enough, otherwise in the legend.
  const Text warmup_label = ascii("warm-up (excluded)");
  const double band_w = warmup_x1 - warmup_x0;
  const int warmup_label_lines = warmup <= 0                                       ? 0
                                 : width(warmup_label, 11) + 12 <= band_w          ? 1
                                 : width(ascii("(excluded)"), 11) + 12 <= band_w ? 2
                                                                                   : 0;
  const bool warmup_labelled = warmup_label_lines > 0;

  // ---- legend ----
  std::vector<LegendItem> items;
  {
    std::string u = "usage", w = "working set";
    if (usage_peak >= 0) u += " (peak " + bytes_text(usage_peak) + ")";
    if (ws_peak >= 0) w += " (peak " + bytes_text(ws_peak) + ")";
    items.push_back({LegendItem::Swatch::Line, ascii(u), kUsage, nullptr, 2.5});
    items.push_back({LegendItem::Swatch::Line, ascii(w), kWorkingSet, nullptr, 2});
    for (const auto& r : refs)
      items.push_back({LegendItem::Swatch::Line, fit(r.label, 300, 12), r.style.colour, r.style.dash, 1.5});
    if (warmup > 0 && !warmup_labelled)  // a narrow band: named in the legend instead
      items.push_back({LegendItem::Swatch::Band, warmup_label, kFaint, nullptr, 0});
  }
  // Rows that wrap at the right margin; at most kLegendMaxRows, the last one
  // ending in "+N more" when dozens of lines do not fit.
  std::vector<std::vector<const LegendItem*>> rows(1);
  size_t legend_dropped = 0;
  const Text more_label = ascii("+999 more");
  {
    double x = kMargin;
    for (size_t i = 0; i < items.size(); ++i) {
      LegendItem& it = items[i];
      it.w = 22 + 6 + width(it.label, 12);
      bool last_item = i + 1 == items.size();
      double need = it.w + (rows.size() == size_t(kLegendMaxRows) && !last_item ? 20 + width(more_label, 12) : 0);
      if (x > kMargin && x + need > kWidth - kMargin) {
        if (rows.size() == size_t(kLegendMaxRows)) {
          legend_dropped = items.size() - i;
          break;
        }
        rows.emplace_back();
        x = kMargin;
      }
      rows.back().push_back(&it);
      x += it.w + 20;
    }
  }
  o << "<g class=\"og-legend\">\n";
  for (size_t r = 0; r < rows.size(); ++r) {
    double y = kLegendFirstRow + double(r) * kLegendRowHeight, x = kMargin;
    for (const LegendItem* it : rows[r]) {
      if (it->swatch == LegendItem::Swatch::Band)
        o << "<rect" << attr("x", x) << attr("y", y - 6) << attr("width", 22) << attr("height", 12)
          << " fill=\"#9ca3af\" fill-opacity=\"0.25\"/>\n";
      else
        hline(o, x, x + 22, y, it->colour, it->stroke, it->dash);
      text(o, x + 28, y + 4, it->label, 12, "#374151", "start", false, "og-legend-label");
      x += it->w + 20;
    }
    if (r + 1 == rows.size() && legend_dropped > 0)
      text(o, x, y + 4, ascii("+" + std::to_string(legend_dropped) + " more"), 12, kFaint);
  }
  o << "</g>\n";

  // ---- plot area, vertically: below the legend ----
  const double top = kLegendFirstRow + double(rows.size() - 1) * kLegendRowHeight + 22;
  auto Y = [&](double b) { return bottom - b / ya.top * (bottom - top); };

  // warm-up band (under the grid)
  if (warmup > 0) {
    o << "<g class=\"og-warmup\">\n<rect" << attr("x", warmup_x0) << attr("y", top)
      << attr("width", warmup_x1 - warmup_x0) << attr("height", bottom - top)
      << " fill=\"#9ca3af\" fill-opacity=\"0.16\"/>\n";
    if (warmup_label_lines == 1) {
      text(o, warmup_x0 + 6, bottom - 8, warmup_label, 11, kMuted, "start", false, "og-warmup-label");
    } else if (warmup_label_lines == 2) {
      text(o, warmup_x0 + 6, bottom - 22, ascii("warm-up"), 11, kMuted, "start", false, "og-warmup-label");
      text(o, warmup_x0 + 6, bottom - 8, ascii("(excluded)"), 11, kMuted, "start", false, "og-warmup-label");
    }
    o << "</g>\n";
  }

  // grid and axes
  o << "<g class=\"og-grid\">\n";
  for (double v : yticks)
    if (v > 0) hline(o, left, right, Y(v), kGrid, 1);
  std::vector<double> xticks;
  for (double k = std::ceil(xa.lo / xa.step - 1e-9); xticks.size() <= size_t(kMaxXIntervals) + 1; k += 1) {
    double v = k * xa.step;
    if (v > xa.hi + xa.step * 1e-9) break;
    xticks.push_back(v);
  }
  for (double v : xticks)
    if (X(v) > left + 0.5) vline(o, X(v), top, bottom, kGrid, 1);
  o << "</g>\n<g class=\"og-axes\">\n";
  hline(o, left, right, bottom, kAxis, 1);
  vline(o, left, top, bottom, kAxis, 1);
  for (size_t i = 0; i < yticks.size(); ++i)
    text(o, left - 6, Y(yticks[i]) + 4, ylabels[i], 11, kMuted, "end", false, "og-ytick");
  for (double v : xticks) {
    vline(o, X(v), bottom, bottom + 4, kAxis, 1);
    text(o, X(v), bottom + 17, ascii(tick_num(v)), 11, kMuted, "middle", false, "og-xtick");
  }
  text(o, (left + right) / 2, kHeight - 12, ascii("seconds since start"), 11, kFaint, "middle");
  o << "</g>\n";

  // reference lines, labelled in the right gutter (nudged apart)
  if (!refs.empty()) {
    o << "<g class=\"og-reflines\">\n";
    for (const Ref& r : refs) hline(o, left, right, Y(r.bytes), r.style.colour, 1.5, r.style.dash);
    // As many labels as fit kMinLabelGap apart (the first lines given win),
    // top to bottom, each moved as little as possible off its line.
    size_t fits = size_t((bottom - top - 8) / kMinLabelGap) + 1;
    std::vector<size_t> order(std::min(refs.size(), fits));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return refs[a].bytes > refs[b].bytes; });
    std::vector<double> ly;
    for (size_t i : order) ly.push_back(Y(refs[i].bytes));
    spread(ly, kMinLabelGap, top + 4, bottom - 4);
    for (size_t k = 0; k < order.size(); ++k) {
      const Ref& r = refs[order[k]];
      double y = Y(r.bytes);
      o << "<polyline fill=\"none\"" << attr("stroke", r.style.colour) << " stroke-width=\"1\" points=\""
        << num(right) << "," << num(y) << " " << num(right + 4) << "," << num(y) << " " << num(right + 8) << ","
        << num(ly[k]) << "\"/>\n";
      text(o, right + 11, ly[k] + 4, ref_labels[order[k]], 11, r.style.colour, "start", true, "og-refline-label");
    }
    o << "</g>\n";
  }

  // series: usage filled lightly, working set, then the usage line on top
  auto points = [&](const std::vector<Point>& p) {
    std::string s;
    for (const auto& q : p) {
      if (!s.empty()) s += ' ';
      s += num(X(q.t)) + "," + num(Y(q.v));
    }
    return s;
  };
  std::vector<Point> du = downsample(usage), dw = downsample(ws);
  if (du.size() >= 2)
    o << "<path class=\"og-usage-area\" fill=\"" << kUsage << "\" fill-opacity=\"0.08\" stroke=\"none\" d=\"M"
      << num(X(du.front().t)) << "," << num(bottom) << " L" << points(du) << " L" << num(X(du.back().t)) << ","
      << num(bottom) << " Z\"/>\n";
  auto draw = [&](const std::vector<Point>& p, const char* colour, double w, const char* cls) {
    if (p.size() == 1)
      o << "<circle class=\"" << cls << "\"" << attr("cx", X(p[0].t)) << attr("cy", Y(p[0].v)) << " r=\"3\""
        << attr("fill", colour) << "/>\n";
    else if (p.size() > 1)
      o << "<polyline class=\"" << cls << "\" fill=\"none\"" << attr("stroke", colour) << attr("stroke-width", w)
        << " stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"" << points(p) << "\"/>\n";
  };
  draw(dw, kWorkingSet, 1.75, "og-working-set");
  draw(du, kUsage, 2.25, "og-usage");

  // OOM marker
  if (oom) {
    double x = X(*oom);
    Text l = ascii("OOM kill");
    double lw = width(l, 11, true) + 10;
    bool left_side = x + 4 + lw > right;
    double bx = left_side ? x - 4 - lw : x + 4;
    o << "<g class=\"og-oom\">\n";
    vline(o, x, top, bottom, kOom, 2);
    o << "<rect" << attr("x", bx) << attr("y", top + 4) << attr("width", lw) << attr("height", 17)
      << " rx=\"3\" fill=\"" << kOom << "\"/>\n";
    text(o, bx + lw / 2, top + 16.5, l, 11, "#ffffff", "middle", true, "og-oom-label");
    o << "</g>\n";
  }

  if (no_samples)
    text(o, (left + right) / 2, (top + bottom) / 2, ascii("no samples"), 14, kFaint, "middle", false, "og-empty");

  o << "</svg>\n";
  return std::move(o.s);
}

}  // namespace og
