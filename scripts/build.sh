#!/usr/bin/env bash
# Configures and builds Médiane. Usage: scripts/build.sh [build-dir] [extra cmake options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
shift || true
jobs="$(nproc 2>/dev/null || echo 2)"
# ccache keys on paths relative to the checkout, so a fresh clone elsewhere reuses earlier compilations.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
# Precompiled headers (MEDIANE_PCH) are cached only with these relaxations (ccache's manual, "Precompiled headers").
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
# /usr as in the packages the tests build: a tree configured before the packages existed kept /usr/local.
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr "$@" >/dev/null  # later -D options win
cmake --build "$build" -j "$jobs"
