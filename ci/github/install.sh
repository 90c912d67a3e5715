#!/usr/bin/env bash
# Installs oomguard for ci/github/action.yml: the released Debian package of
# OOMGUARD_VERSION (default: the version of this checkout of the action), with
# apt-get so that its dependencies come from the distribution; or, when
# OOMGUARD_BUILD_FROM_SOURCE is true, builds this checkout (build.sh).
#
# Environment (set by the action from its inputs):
#   OOMGUARD_VERSION            e.g. 0.1.0 (a leading v is accepted)
#   OOMGUARD_BUILD_FROM_SOURCE  true: build instead of installing (default false)
#   OOMGUARD_PACKAGE_URL        the .deb to install: an https URL or a local path
#                               (default: the GitHub release v<version> of
#                               OOMGUARD_REPOSITORY, oomguard_<version>_<arch>.deb)
#   OOMGUARD_REPOSITORY         owner/name hosting the releases (the action's repository)
# Prints the binary's path and, under Actions, sets the step output `binary`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ "${OOMGUARD_BUILD_FROM_SOURCE:-false}" = true ]; then
  exec bash "$here/build.sh" "${RUNNER_TEMP:-/tmp}/oomguard-build"
fi
version="${OOMGUARD_VERSION:-}"
version="${version#v}"
if [ -z "$version" ]; then
  version="$(sed -n 's/^project(oomguard VERSION \([0-9.]*\) .*/\1/p' "$here/../../CMakeLists.txt")"
fi
arch="$(dpkg --print-architecture)"
url="${OOMGUARD_PACKAGE_URL:-}"
if [ -z "$url" ]; then
  if [ -z "${OOMGUARD_REPOSITORY:-}" ]; then
    echo "oomguard: set OOMGUARD_PACKAGE_URL or OOMGUARD_REPOSITORY (or build-from-source: true)" >&2
    exit 2
  fi
  url="https://github.com/$OOMGUARD_REPOSITORY/releases/download/v$version/oomguard_${version}_${arch}.deb"
fi
dir="$(mktemp -d "${RUNNER_TEMP:-/tmp}/oomguard-deb.XXXXXX")"
deb="$dir/oomguard_${version}_${arch}.deb"
case "$url" in
  http://* | https://*) echo "oomguard: downloading $url"; curl -fsSL --retry 3 -o "$deb" "$url" ;;
  *) cp "$url" "$deb" ;;
esac
sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >/dev/null || {
  # a stale package index: refresh it once
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
}
rm -rf "$dir"
binary="$(command -v oomguard)"
installed="$("$binary" --version)"
echo "$installed"
case "$installed" in
  "oomguard $version "*) ;;
  *) echo "oomguard: installed '$installed', expected version $version" >&2; exit 1 ;;
esac
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "binary=$binary" >>"$GITHUB_OUTPUT"
fi
