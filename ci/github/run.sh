#!/usr/bin/env bash
# Runs oomguard in a GitHub Actions job: the scan step of ci/github/action.yml.
#
# On a pull request it scans with `--diff-base origin/BASE` (only findings the
# pull request introduces), otherwise it scans the whole tree. It prints
# GitHub workflow commands on standard output (the runner turns them into
# annotations), writes a SARIF file for code scanning, appends a markdown
# summary to $GITHUB_STEP_SUMMARY and sets the step outputs `findings`,
# `errors`, `warnings`, `notes`, `exit-code` and `sarif-file` in $GITHUB_OUTPUT.
# It exits with oomguard's status: 0 nothing at or above OOMGUARD_FAIL_ON,
# 1 findings at or above it, 2 usage, configuration or git error.
#
# Environment (the action sets these from its inputs; all optional):
#   OOMGUARD             the oomguard binary (default: oomguard on PATH)
#   OOMGUARD_PATH        directory to scan, relative to the workspace (default .)
#   OOMGUARD_BASE_REF    branch to compare with; default $GITHUB_BASE_REF on
#                        pull_request / pull_request_target events. Empty: plain scan
#   OOMGUARD_FAIL_ON     error|warning|note|never (default error)
#   OOMGUARD_SARIF_FILE  SARIF output, relative to the workspace (default oomguard.sarif)
#   OOMGUARD_CATEGORY    SARIF automationDetails.id (default oomguard/)
#   OOMGUARD_BASELINE    baseline file (`oomguard baseline create`), optional
#   OOMGUARD_ARGS        extra scan options, split on whitespace (e.g. "--ignore OG207")
#   OOMGUARD_FETCH       auto (fetch origin/BASE when it is missing, the default),
#                        always, or never
#   OOMGUARD_FETCH_DEPTH depth of that fetch in a shallow clone (default 100)
# and the runner's GITHUB_WORKSPACE, GITHUB_EVENT_NAME, GITHUB_BASE_REF,
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP.
#
# The comparison needs the merge base of the base branch and HEAD in the clone:
# check out with `actions/checkout` and `fetch-depth: 0`. In a shallow clone the
# script fetches the base branch and, when the merge base is still missing,
# the full history (slower).
set -euo pipefail

log() { printf 'oomguard: %s\n' "$*" >&2; }

oomguard="${OOMGUARD:-oomguard}"
scan_path="${OOMGUARD_PATH:-.}"
fail_on="${OOMGUARD_FAIL_ON:-error}"
sarif_file="${OOMGUARD_SARIF_FILE:-oomguard.sarif}"
category="${OOMGUARD_CATEGORY:-oomguard/}"
baseline="${OOMGUARD_BASELINE:-}"
fetch="${OOMGUARD_FETCH:-auto}"
fetch_depth="${OOMGUARD_FETCH_DEPTH:-100}"
base="${OOMGUARD_BASE_REF:-}"
if [ -z "$base" ]; then
  case "${GITHUB_EVENT_NAME:-}" in
    pull_request | pull_request_target) base="${GITHUB_BASE_REF:-}" ;;
  esac
fi
base="${base#refs/heads/}"
extra=()
if [ -n "${OOMGUARD_ARGS:-}" ]; then
  read -r -a extra <<<"$OOMGUARD_ARGS"
fi

case "$fetch" in
  auto | always | never) ;;
  *) log "OOMGUARD_FETCH must be auto, always or never (got '$fetch')"; exit 2 ;;
esac
case "$fetch_depth" in
  '' | *[!0-9]*) log "OOMGUARD_FETCH_DEPTH must be a number (got '$fetch_depth')"; exit 2 ;;
esac

if [ -n "${GITHUB_WORKSPACE:-}" ]; then
  cd "$GITHUB_WORKSPACE"
fi
case "$sarif_file" in
  /*) ;;
  *) sarif_file="$PWD/$sarif_file" ;;
esac

is_shallow() { [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ]; }

# Makes refs/remotes/origin/BASE and its merge base with HEAD available.
ensure_base() {
  local ref="refs/remotes/origin/$base"
  local depth=()
  if is_shallow; then depth=(--depth="$fetch_depth"); fi
  if [ "$fetch" = always ] || { [ "$fetch" = auto ] && ! git rev-parse --verify --quiet "$ref^{commit}" >/dev/null; }; then
    log "fetching $base from origin"
    git fetch --no-tags "${depth[@]}" origin "+refs/heads/$base:$ref" >&2
  fi
  if ! git rev-parse --verify --quiet "$ref^{commit}" >/dev/null; then
    log "origin/$base does not exist; fetch it, or check out with actions/checkout and fetch-depth: 0"
    exit 2
  fi
  if ! git merge-base "$ref" HEAD >/dev/null 2>&1 && is_shallow && [ "$fetch" != never ]; then
    log "the clone is shallow and holds no merge base of origin/$base and HEAD: fetching the full history" \
      "(check out with fetch-depth: 0 to avoid this)"
    git fetch --no-tags --unshallow origin "+refs/heads/$base:$ref" "$(git rev-parse HEAD)" >&2 || true
  fi
}

args=(scan "$scan_path")
if [ -n "$base" ]; then
  ensure_base
  args+=(--diff-base "origin/$base")
  log "pull request: reporting the findings that are new relative to origin/$base"
else
  log "scanning the whole tree"
fi
if [ -n "$baseline" ]; then args+=(--baseline "$baseline"); fi

tmp="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/oomguard.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
args+=(--format github --fail-on "$fail_on" --sarif-category "$category" --no-color
  --output "sarif=$sarif_file" --output "markdown=$tmp/summary.md" "${extra[@]}")

rm -f "$sarif_file"  # never upload a stale report
set +e
"$oomguard" "${args[@]}" | tee "$tmp/annotations"
status="${PIPESTATUS[0]}"
set -e

count() { grep -c "^::$1 " "$tmp/annotations" || true; }
errors="$(count error)"
warnings="$(count warning)"
notes="$(count notice)"
findings=$((errors + warnings + notes))

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$tmp/summary.md" ]; then
  cat "$tmp/summary.md" >>"$GITHUB_STEP_SUMMARY"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$status"
    if [ "$status" -le 1 ]; then
      echo "findings=$findings"
      echo "errors=$errors"
      echo "warnings=$warnings"
      echo "notes=$notes"
      if [ -s "$sarif_file" ]; then echo "sarif-file=$sarif_file"; fi
    fi
  } >>"$GITHUB_OUTPUT"
fi

case "$status" in
  0) log "$findings finding(s), none at or above --fail-on $fail_on" ;;
  1) log "$findings finding(s); failing: some are at or above --fail-on $fail_on" ;;
  *) log "oomguard failed with exit status $status" ;;
esac
exit "$status"
