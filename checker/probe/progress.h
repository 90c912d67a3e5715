// The live progress line of `oomguard probe` on a terminal: one line on
// stderr, redrawn in place ("\r", the text, "\x1b[K" to clear the rest) as
// the samples come in, at most a few times a second, and erased when the
// probe ends so the report starts on a clean line. The formatting and the
// throttling are pure (a stream, a clock and a width are passed in) so they
// are tested without a terminal.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "probe/engine.h"
#include "probe/plan.h"
#include "runtime/sampler.h"

namespace og {

// What the line shows.
struct ProgressState {
  std::string probe;                    // the probe's name
  double elapsed_s = 0;
  std::optional<double> duration_s;     // none: the probe runs to the program's exit
  // None before the first sample. The peak is the highest sample so far (the
  // report's is the kernel's high-water mark, which can be a little higher).
  std::optional<uint64_t> usage, peak;
  uint64_t limit = 0;                   // bytes; 0: none
};
// "probe api  12.3s / 30s  usage 512.0MiB  peak 640.0MiB  limit 1.0GiB (62%)":
// the percentage is the sampled peak's share of the limit, rounded down (100%
// only once the limit is reached). Control characters are shown as '?'.
std::string format_progress(const ProgressState& s);

// Whether `oomguard probe` draws the line: not --no-progress, stderr is a
// terminal, TERM is set and not "dumb" (no "\x1b[K"), and CI is unset, empty,
// "0" or "false" (a CI runner that gives its jobs a pty still writes a log).
bool progress_wanted(bool disabled, bool stderr_is_tty, const char* term, const char* ci);

class ProgressLine {
 public:
  using Clock = std::chrono::steady_clock;
  // At most 5 redraws a second: samples 200 ms apart on the sampler's
  // schedule are both drawn, despite a few milliseconds of jitter.
  static constexpr std::chrono::milliseconds kMinGap{180};

  // `head` gives the name, duration and limit. `columns` is the terminal's
  // width (0: unknown), asked at each redraw: a line that wraps cannot be
  // redrawn in place, so it is cut to fit.
  ProgressLine(ProgressState head, std::ostream& out, std::function<size_t()> columns = {},
               std::function<Clock::time_point()> now = Clock::now, std::chrono::milliseconds min_gap = kMinGap);
  ~ProgressLine();  // clear()
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Takes a sample; redraws when `min_gap` has passed since the last redraw
  // (the first sample is drawn at once).
  void update(const runtime::SeriesPoint& p);
  // Erases the line if one is shown.
  void clear();

 private:
  ProgressState state_;
  std::ostream& out_;
  std::function<size_t()> columns_;
  std::function<Clock::time_point()> now_;
  std::chrono::milliseconds min_gap_;
  std::optional<Clock::time_point> last_draw_;
  bool shown_ = false;
};

// The line of one probe run when `opt.progress` is set, drawn on stderr and
// fed by `so->on_sample`; nullptr (and `so` untouched) when it is not. The
// line must outlive the sampling and is erased when it goes away.
std::unique_ptr<ProgressLine> start_progress(const ProbePlan& plan, const EngineOptions& opt,
                                             runtime::SamplerOptions* so);

}  // namespace og
