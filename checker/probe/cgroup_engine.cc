// The cgroup engine: a child memory cgroup with the workload's limits, the
// command joined to it before exec, the kernel's accounting sampled until
// the command exits or its duration ends, then every process killed and the
// cgroup removed (also on SIGINT/SIGTERM to oomguard).
#include <cerrno>

#include "probe/engine.h"
#include "probe/progress.h"
#include "probe/result_fill.h"
#include "runtime/cgroup.h"
#include "runtime/process.h"
#include "runtime/sampler.h"
#include "runtime/signals.h"

namespace og {

namespace {

using namespace std::chrono;

bool privilege_problem(int err) { return err == EACCES || err == EPERM || err == EROFS || err == ENOENT; }

std::string absolute(const std::string& root, const std::string& p) {
  if (p.empty() || p[0] == '/' || root.empty()) return p;
  return root + "/" + p;
}

}  // namespace

ProbeResult run_in_cgroup(const ProbePlan& plan, const EngineOptions& opt, std::string* fatal) {
  const ProbeSpec& spec = *plan.spec;
  ProbeResult r = result_skeleton(plan, "cgroup");
  // Declared before the cgroup so it outlives its removal: a SIGINT/SIGTERM
  // at any point stops the run, never oomguard with the cgroup left behind.
  runtime::StopSignals signals;
  runtime::DiskCgroupFs fs("/");
  runtime::CreateOptions co;
  co.parent = opt.cgroup_parent;
  auto cg = runtime::MemoryCgroup::create(fs, co);
  if (!cg.ok()) {
    *fatal = cg.error().message;
    if (privilege_problem(cg.error().err)) *fatal += " (the cgroup engine needs root or a delegated memory cgroup)";
    return r;
  }
  runtime::MemoryCgroup& group = cg.value();
  auto applied = group.set_limits({plan.limit, plan.swap});
  if (!applied.ok()) {
    *fatal = "cannot set the memory limit: " + applied.error().message;
    (void)group.remove();
    return r;
  }
  if (!applied.value().swap_unsupported.empty())
    r.applied.push_back({"swap", "not enforced: " + applied.value().swap_unsupported, {}, false});
  auto before = group.oom_kills();

  runtime::LaunchSpec ls;
  // The command is resolved against the repository root when it is a relative path.
  ls.argv = spec.command;
  if (!ls.argv.empty() && ls.argv[0].find('/') != std::string::npos) ls.argv[0] = absolute(opt.root, ls.argv[0]);
  ls.argv.insert(ls.argv.end(), spec.args.begin(), spec.args.end());
  // The workload gets exactly its declared Go variables: ones oomguard itself
  // inherited (a CI runner's GOGC or GOMEMLIMIT) are removed first.
  for (const char* go : {"GOGC", "GOMEMLIMIT", "AUTOMEMLIMIT", "GODEBUG"}) ls.env.emplace_back(go, std::nullopt);
  for (const auto& [k, v] : plan.env) ls.env.emplace_back(k, v);
  ls.workdir = absolute(opt.root, spec.workdir.empty() ? "." : spec.workdir);
  ls.cgroup_procs = fs.host_path(group.procs_file());
  auto proc = runtime::Process::start(ls);
  if (!proc.ok()) {
    r.error = proc.error().message;
    (void)group.remove();
    return r;
  }
  r.started = true;
  std::optional<runtime::Process> load;
  if (!spec.load.empty()) {  // the load generator runs outside the workload's cgroup
    runtime::LaunchSpec ll;
    ll.argv = spec.load;
    if (ll.argv[0].find('/') != std::string::npos) ll.argv[0] = absolute(opt.root, ll.argv[0]);
    ll.workdir = ls.workdir;
    auto lp = runtime::Process::start(ll);
    if (lp.ok()) load.emplace(std::move(lp.value()));
    else r.stderr_tail.push_back("load: " + lp.error().message);
  }
  runtime::SamplerOptions so;
  so.interval = opt.interval;
  if (spec.duration_s) so.duration = milliseconds(static_cast<long long>(*spec.duration_s * 1000));
  so.grace = milliseconds(static_cast<long long>(spec.grace_s * 1000));
  so.warmup = milliseconds(static_cast<long long>(spec.warmup_s * 1000));
  auto progress = start_progress(plan, opt, &so);
  runtime::RunRecord rec = runtime::sample_until_exit(group, proc.value(), so);
  progress.reset();  // erased before anything else is printed
  if (load) load->wait(milliseconds(0), milliseconds(2000));
  auto counters = group.counters();
  fill_from_run(rec, counters.ok() ? counters.value() : runtime::Counters{}, proc.value().stderr_tail(), &r);
  auto after = group.oom_kills();
  if (before.ok() && after.ok() && before.value() && after.value()) r.oom_kills = *after.value() - *before.value();
  auto removed = group.remove();
  if (!removed.ok()) *fatal = "could not clean up: " + removed.error().message;
  return r;
}

}  // namespace og
