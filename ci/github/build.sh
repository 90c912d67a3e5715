#!/usr/bin/env bash
# Builds oomguard from this source tree for ci/github/action.yml: installs the
# missing Debian/Ubuntu build packages (with sudo unless root), configures with
# CMake and builds only the `oomguard` binary.
# Usage: ci/github/build.sh [BUILD_DIR]
#   BUILD_DIR defaults to $RUNNER_TEMP/oomguard-build (or /tmp/oomguard-build).
# Prints the binary's path and, under Actions, sets the step output `binary`.
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
build_dir="${1:-${RUNNER_TEMP:-/tmp}/oomguard-build}"

# The packages of ci/setup that building the binary needs (not its test-only
# ones); tests/ci_templates_test.cc checks them against CMakeLists.txt.
PKGS=(g++ cmake ninja-build pkg-config libyaml-cpp-dev libre2-dev libgit2-dev nlohmann-json3-dev git)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "oomguard: installing ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S "$src" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$build_dir" --target oomguard --parallel "$(nproc)"
binary="$build_dir/oomguard"
"$binary" --version
echo "oomguard: built $binary"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "binary=$binary" >>"$GITHUB_OUTPUT"
fi
