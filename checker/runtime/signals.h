// SIGINT/SIGTERM to oomguard must not leave a workload or a cgroup behind:
// while a StopSignals object lives, those signals only record themselves, and
// run loops (sample_until_exit) check stop_signal() to stop the workload and
// return, so the caller removes the cgroup and exits.
#pragma once
#include <signal.h>

namespace og::runtime {

class StopSignals {
 public:
  StopSignals();   // clears any recorded signal and installs the handlers
  ~StopSignals();  // restores the previous handlers and forgets the recorded signal
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_int_, old_term_;
};

// The first SIGINT/SIGTERM received while a StopSignals lives; 0 if none.
int stop_signal();

}  // namespace og::runtime
