#!/bin/sh
# What the hub spends to ingest a laptop's first push (docs/benchmarks.md, Hub ingest), hub and laptop on 127.0.0.1.
# A demo notebook is pushed (`sync --push-only`) to a fresh hub; the hub's CPU is read from /proc before and
# after the push, its fsync and fdatasync calls are counted by strace when it is installed and STRACE=1.
# Usage: hub_ingest_bench.sh path/to/mediane path/to/resin-hub DEMO_DIR [runs]
#   DEMO_DIR holds a notebook made by `mediane --data DEMO_DIR demo --scale small|large --seed 1`; it is copied
#   for each run and never pushed itself. Prints one line per run.
set -eu
MEDIANE=$1 HUB=$2 DEMO=$3 RUNS=${4:-1}
TMP=$(mktemp -d)
HUB_PID="" TRACE_PID=""
trap 'kill $TRACE_PID $HUB_PID 2>/dev/null || true; rm -rf "$TMP"' EXIT INT TERM
TICKS=$(getconf CLK_TCK)

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

run=1
while [ $run -le "$RUNS" ]; do
    rm -rf "$TMP/hub" "$TMP/a" "$TMP/hub.out" "$TMP/trace"
    cp -r "$DEMO" "$TMP/a"
    echo 'correct horse battery' | "$HUB" --data "$TMP/hub" user add --login alice --role adviser \
        --structure "Association Parlons Numérique" --territory metropole-lyon >/dev/null
    "$HUB" --data "$TMP/hub" --listen 127.0.0.1:0 >"$TMP/hub.out" 2>"$TMP/hub.err" &
    HUB_PID=$!
    i=0
    while ! grep -q listening "$TMP/hub.out" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    URL="http://$(sed -n 's/^listening on \([0-9.:]*\).*/\1/p' "$TMP/hub.out")"
    echo 'correct horse battery' | "$MEDIANE" --data "$TMP/a" enroll --hub "$URL" --login alice >/dev/null
    if [ "${STRACE:-0}" = 1 ]; then
        strace -f -c -e trace=fsync,fdatasync -o "$TMP/trace" -p $HUB_PID 2>/dev/null &
        TRACE_PID=$!
        sleep 0.5
    fi
    before=$(cpu_ticks $HUB_PID)
    start=$(date +%s.%N)
    "$MEDIANE" --data "$TMP/a" sync --push-only >"$TMP/sync.json"
    end=$(date +%s.%N)
    after=$(cpu_ticks $HUB_PID)
    if [ -n "$TRACE_PID" ]; then kill -INT $TRACE_PID; wait $TRACE_PID 2>/dev/null || true; TRACE_PID=""; fi
    kill $HUB_PID; wait $HUB_PID 2>/dev/null || true; HUB_PID=""
    pushes=$(grep -c 'POST /v1/push 200' "$TMP/hub.err" || true)
    hub_ms=$(awk '/POST \/v1\/push 200/ { sub("ms", "", $6); total += $6 } END { print total + 0 }' "$TMP/hub.err")
    syncs=""
    if [ -f "$TMP/trace" ]; then
        syncs=$(awk '$NF == "fsync" || $NF == "fdatasync" { n += $4 } END { print n + 0 }' "$TMP/trace")
        syncs=" fsyncs=$syncs per_push=$(echo "$syncs $pushes" | awk '{ printf "%.2f", $1 / $2 }')"
    fi
    python3 - "$TMP/sync.json" "$start" "$end" "$before" "$after" "$TICKS" "$pushes" "$hub_ms" "$syncs" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
start, end, before, after, ticks = map(float, sys.argv[2:7])
pushes, hub_ms, syncs = int(sys.argv[7]), float(sys.argv[8]), sys.argv[9]
wall = end - start
cpu = (after - before) / ticks
print(f"ops={d['pushed']} pushes={pushes} wall={wall:.2f}s ops/s={d['pushed'] / wall:.0f} "
      f"hub_cpu={cpu:.2f}s hub_cpu_per_op={1000 * cpu / max(d['pushed'], 1):.3f}ms "
      f"hub_request_time={hub_ms / 1000:.2f}s{syncs}")
EOF
    run=$((run + 1))
done
