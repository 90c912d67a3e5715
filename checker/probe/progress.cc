#include "probe/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "util/byte_size.h"

namespace og {

namespace {

// "30s", "1.5s", "0.25s": a declared duration, without trailing zeros.
std::string duration_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  std::string t = buf;
  t.erase(t.find_last_not_of('0') + 1);
  if (t.back() == '.') t.pop_back();
  return t + "s";
}

// The width of the terminal on `fd`; 0 when it is not one or does not say.
size_t terminal_columns(int fd) {
  struct winsize ws {};
  if (::ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
  return ws.ws_col;
}

}  // namespace

std::string format_progress(const ProgressState& s) {
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.1fs", s.elapsed_s);
  std::string line = "probe " + s.probe + "  " + elapsed;
  if (s.duration_s) line += " / " + duration_text(*s.duration_s);
  line += "  usage " + (s.usage ? binary_bytes(*s.usage) : "-");
  line += "  peak " + (s.peak ? binary_bytes(*s.peak) : "-");
  if (s.limit == 0) {
    line += "  no limit";
  } else {
    line += "  limit " + binary_bytes(s.limit);
    if (s.peak) {
      // Rounded down; exact below 2^53 / 100 bytes (a whole percentage is never shown one lower).
      auto pct = static_cast<uint64_t>(static_cast<double>(*s.peak) * 100 / static_cast<double>(s.limit));
      line += " (" + std::to_string(pct) + "%)";
    }
  }
  for (char& c : line)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return line;
}

bool progress_wanted(bool disabled, bool stderr_is_tty, const char* term, const char* ci) {
  if (disabled || !stderr_is_tty) return false;
  if (!term || !*term || std::strcmp(term, "dumb") == 0) return false;
  bool in_ci = ci && *ci && std::strcmp(ci, "0") != 0 && std::strcmp(ci, "false") != 0;
  return !in_ci;
}

ProgressLine::ProgressLine(ProgressState head, std::ostream& out, std::function<size_t()> columns,
                           std::function<Clock::time_point()> now, std::chrono::milliseconds min_gap)
    : state_(std::move(head)), out_(out), columns_(std::move(columns)), now_(std::move(now)), min_gap_(min_gap) {}

ProgressLine::~ProgressLine() { clear(); }

void ProgressLine::update(const runtime::SeriesPoint& p) {
  state_.elapsed_s = p.t;
  state_.usage = p.sample.usage;
  state_.peak = std::max(state_.peak.value_or(0), p.sample.usage);
  auto now = now_();
  if (last_draw_ && now - *last_draw_ < min_gap_) return;
  last_draw_ = now;
  std::string line = format_progress(state_);
  // Counted in bytes, never fewer than the columns they take; the last
  // column stays free: writing there makes some terminals wrap.
  size_t cols = columns_ ? columns_() : 0;
  if (cols > 1 && line.size() > cols - 1) {
    size_t cut = cols - 1;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    line.resize(cut);
  }
  out_ << "\r" + line + "\x1b[K" << std::flush;  // one write: std::cerr flushes at each <<
  shown_ = true;
}

void ProgressLine::clear() {
  if (!shown_) return;
  out_ << "\r\x1b[K" << std::flush;
  shown_ = false;
}

std::unique_ptr<ProgressLine> start_progress(const ProbePlan& plan, const EngineOptions& opt,
                                             runtime::SamplerOptions* so) {
  if (!opt.progress) return nullptr;
  ProgressState head;
  head.probe = plan.spec->name;
  head.duration_s = plan.spec->duration_s;
  head.limit = plan.limit;
  auto line = std::make_unique<ProgressLine>(std::move(head), std::cerr, [] { return terminal_columns(STDERR_FILENO); });
  so->on_sample = [l = line.get()](const runtime::SeriesPoint& p) { l->update(p); };
  return line;
}

}  // namespace og
