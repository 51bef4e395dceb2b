#!/usr/bin/env bash
# Builds the two Debian packages, mediane and resin-hub, then checks them with lintian.
# Usage: scripts/package.sh [build-dir]   (default build-package/; the .deb files land in <build-dir>/packages/)
# docs/packaging.md explains each lintian tag the packages override.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build-package}"

bash "$root/scripts/deps.sh"
# Debian's hardening flags, as a package built by dpkg-buildpackage gets them (fortify, stack protector,
# relro and bindnow), less -g: the binaries are stripped, and debug information doubles the compile time.
# No tests or benchmarks: a package build compiles only what it ships.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
nodebug() { sed 's/\(^\| \)-g\( \|$\)/ /'; }
CFLAGS="$(dpkg-buildflags --get CFLAGS | nodebug) $(dpkg-buildflags --get CPPFLAGS)"
CXXFLAGS="$(dpkg-buildflags --get CXXFLAGS | nodebug) $(dpkg-buildflags --get CPPFLAGS)"
LDFLAGS="$(dpkg-buildflags --get LDFLAGS)"
export CFLAGS CXXFLAGS LDFLAGS
bash "$root/scripts/build.sh" "$build" -DMEDIANE_BUILD_TESTS=OFF -DMEDIANE_BUILD_BENCH=OFF -DCMAKE_INSTALL_PREFIX=/usr
rm -rf "$build/packages"
(cd "$build" && cpack -G DEB -B "$build/packages" >/dev/null)
debs=("$build"/packages/*.deb)
for deb in "${debs[@]}"; do
  echo "== $(basename "$deb")"
  dpkg-deb --field "$deb" Package Version Architecture Depends
done
echo "== lintian"
# Every tag is printed, overridden ones too (O:): the packages' lintian-overrides say why each is accepted
# (docs/packaging.md). An error fails the script.
lintian --display-info --pedantic --show-overrides --fail-on error "${debs[@]}"
echo "packages: ${debs[*]}"
