#include "runtime/signals.h"

#include <csignal>

namespace og::runtime {

namespace {

volatile std::sig_atomic_t g_stop_signal = 0;

void record(int sig) {
  if (g_stop_signal == 0) g_stop_signal = sig;
}

}  // namespace

StopSignals::StopSignals() {
  g_stop_signal = 0;
  struct sigaction sa {};
  sa.sa_handler = record;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocking poll() returns EINTR and the loop looks at once
  sigaction(SIGINT, &sa, &old_int_);
  sigaction(SIGTERM, &sa, &old_term_);
}

StopSignals::~StopSignals() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
  g_stop_signal = 0;  // handled: a later run must not see it
}

int stop_signal() { return g_stop_signal; }

}  // namespace og::runtime
