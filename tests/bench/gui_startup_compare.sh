#!/bin/sh
# Whole-process start-up of Médiane's screens against the bare Dear ImGui example, in one run, alternated
# (docs/benchmarks.md, "GUI start-up against the bare ImGui example"): each program opens its window, draws
# FRAMES frames and exits; /usr/bin/time gives the wall time of the whole process.
# Usage: gui_startup_compare.sh BUILD_DIR NOTEBOOK_DIR [runs] [frames]
#   NOTEBOOK_DIR holds a notebook (e.g. `mediane --data D demo --scale large --seed 1`); it is copied once.
#   Needs a display: run it under scripts/with_xvfb.sh (1400×900) or with DISPLAY set.
set -eu
BUILD=$1 DATA=$2 RUNS=${3:-5} FRAMES=${4:-10}
SCREENS=${SCREENS:-"session pass dashboard directory"}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
cp -r "$DATA" "$TMP/notebook"
export XDG_CONFIG_HOME="$TMP/config"
# Milliseconds from the shell's clock: /usr/bin/time rounds to 10 ms, a tenth of the bare example's start-up.
wall() {
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000000 ))"
}
# Once untimed: the first start of the day applies the retention period (docs/privacy.md), which is not start-up.
"$BUILD/src/mediane" --data "$TMP/notebook" --frames 1 >/dev/null 2>&1
run=1
while [ "$run" -le "$RUNS" ]; do
    echo "bare $(wall "$BUILD/tests/bench/bare_imgui_example" "$FRAMES")" >>"$TMP/times"
    for s in $SCREENS; do
        echo "$s $(wall "$BUILD/src/mediane" --data "$TMP/notebook" --frames "$FRAMES" --screen "$s")" >>"$TMP/times"
    done
    run=$((run + 1))
done
python3 - "$TMP/times" "$RUNS" "$FRAMES" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    name, ms = line.split()
    times.setdefault(name, []).append(float(ms) / 1000)
bare = statistics.median(times["bare"])
print(f"{sys.argv[2]} runs of {sys.argv[3]} frames each, whole-process wall seconds (median, then every run)")
print("| program | median s | ÷ bare example | runs |")
print("|---|---|---|---|")
for name, values in times.items():
    m = statistics.median(values)
    print(f"| {name} | {m:.3f} | {m / bare:.2f}× | {' '.join(f'{v:.3f}' for v in values)} |")
PY
