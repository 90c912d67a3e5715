// The memory chart `oomguard probe --chart DIR` writes for each probe: one
// self-contained SVG (900x420 viewBox, no scripts, no external resources,
// presentation attributes only) that reads well as a CI artifact and inside a
// pull-request comment.
//
// render_svg is a pure function of its input: the same input gives the same
// bytes, independent of the locale (numbers are formatted from integers).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace og {

struct ChartLine {      // a horizontal reference line
  std::string label;    // e.g. "memory limit 64MiB", "GOMEMLIMIT 56MiB", "baseline peak 48MiB"
  int64_t bytes = 0;    // <= 0 or INT64_MAX (Go's "off") omit the line
  std::string kind;     // "limit" | "gomemlimit" | "baseline" (picks colour and dash style)
};

struct ChartInput {
  std::string title;     // e.g. "probe api-no-gomemlimit: OOM-killed"
  std::string subtitle;  // e.g. "Deployment shop/api container api · GOGC=100 · 64MiB limit"
  std::vector<double> t;             // seconds since start (sorted when it is not increasing;
                                     // non-finite or absurd times drop their sample)
  std::vector<int64_t> usage;        // bytes, same length as t (extra values are ignored)
  std::vector<int64_t> working_set;  // bytes, same length as t (may be empty)
  std::vector<ChartLine> lines;
  std::optional<double> oom_at;      // seconds: a marker where the kernel OOM-killed the workload
  double warmup = 0;                 // seconds: shade [0, warmup] as "warm-up (excluded)"
  std::string verdict;               // short text shown top-right, e.g. "OG501 OOM-killed" or "pass"
  bool failed = false;               // verdict colour red vs green
};

// The chart: title, subtitle and verdict badge; a legend naming both series
// (with their peaks) and every reference line; y axis in binary units with
// power-of-two steps (0, 16, 32, 48, 64 MiB), x axis in seconds with 1/2/5
// steps; usage (solid, lightly filled) and working set; dashed reference
// lines labelled at their right end; warm-up shading; an "OOM kill" marker.
// Series longer than ~1,500 points are reduced per time bucket to its
// minimum and maximum, so no peak is lost. All text is XML-escaped, invalid
// UTF-8 and control characters are replaced.
std::string render_svg(const ChartInput& in);

}  // namespace og
