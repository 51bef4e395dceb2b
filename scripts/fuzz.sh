#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang and runs each for a bounded time (docs/fuzzing.md).
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]    (default 60 s, every target)
# Each run starts from a copy of the target's seed corpus in a temporary directory, so the repository
# never grows. Exits non-zero when any target crashes, leaks, hangs or runs out of memory, after printing
# the reproducer and the command that replays it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
shift || true
build="${MEDIANE_FUZZ_BUILD_DIR:-$root/build-fuzz}"
jobs="$(nproc 2>/dev/null || echo 2)"

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for source in "$root"/tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi

echo "== Fuzz build (clang, ASan + UBSan + libFuzzer) in $build"
# ccache keys on paths relative to the checkout, as in build.sh. -O1 with assertions on: what libFuzzer's
# authors recommend, and about twice as fast to compile as the Release build.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1" \
  -DMEDIANE_BUILD_FUZZ=ON -DMEDIANE_BUILD_GUI=OFF -DMEDIANE_BUILD_TESTS=OFF -DMEDIANE_BUILD_BENCH=OFF >/dev/null
# A target whose source needs a part of the hub that this checkout lacks is simply not defined: skip it.
defined="$(cmake --build "$build" --target help)"
available=()
for t in "${targets[@]}"; do
  if grep -qx "\.\.\. $t" <<<"$defined"; then available+=("$t"); else echo "skipped: $t (not defined)"; fi
done
cmake --build "$build" -j "$jobs" --target "${available[@]}"

work="$(mktemp -d "${TMPDIR:-/tmp}/mediane-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Kept after the run (the temporary directory is not): where a failing input can be picked up.
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"

# The wire messages' dictionary also serves every target whose input is a sync request.
dictionary_for() {
  local name="$1"
  if [ -f "$root/tests/fuzz/$name.dict" ]; then echo "$root/tests/fuzz/$name.dict"; else echo "$root/tests/fuzz/wire.dict"; fi
}

run_target() {
  local target="$1" name="${1#fuzz_}"
  mkdir -p "$work/corpus/$name"
  if [ -d "$root/tests/fuzz/corpus/$name" ]; then cp -R "$root/tests/fuzz/corpus/$name/." "$work/corpus/$name/"; fi
  local rc=0
  "$build/tests/fuzz/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -dict="$(dictionary_for "$name")" -artifact_prefix="$work/$name-" "$work/corpus/$name" >"$work/$name.log" 2>&1 || rc=$?
  echo "$rc" >"$work/$name.rc"
}

# As many targets at a time as there are cores; each is single-threaded.
failed=()
started=$SECONDS
for t in "${available[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  run_target "$t" &
done
wait
for t in "${available[@]}"; do
  name="${t#fuzz_}"
  if [ "$(cat "$work/$name.rc")" = 0 ]; then
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$name.log" | grep -o '[0-9]*$' || echo '?')"
    echo "ok: $t ($runs runs in ${seconds} s)"
  else
    failed+=("$t")
    echo "FAILED: $t"
    grep -E "ERROR:|SUMMARY:|what\(\)|runtime error" "$work/$name.log" | head -20 || true
    for input in "$work/$name"-*; do
      [ -e "$input" ] || continue
      kept="$artifacts/$(basename "$input")"
      cp "$input" "$kept"
      echo "reproducer: $kept ($(wc -c <"$kept") bytes)"
      head -c 512 "$kept" | od -c | head -12
      echo "replay: $build/tests/fuzz/$t $kept"
    done
    cp "$work/$name.log" "$artifacts/$name.log"
    echo "full log: $artifacts/$name.log"
  fi
done
echo "fuzzing took $((SECONDS - started)) s"

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (docs/fuzzing.md: turning a crash into a regression test)" >&2
  exit 1
fi
