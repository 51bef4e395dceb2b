#!/bin/sh
# What a sync costs on the wire and in time, hub and laptops on 127.0.0.1 (docs/benchmarks.md, Sync):
#  1. laptop A, filled with the demo, syncs for the first time (push, then a pull without its own echoes);
#  2. laptop B of the same structure, empty, pulls all of it (what A's pull cost before: every change);
#  3. the whole feed pulled at each hub gzip level: the hub's own milliseconds and the bytes sent.
# Usage: sync_wire_bench.sh path/to/mediane path/to/resin-hub [small|large]   (needs curl and python3)
set -eu
MEDIANE=$1 HUB=$2 SCALE=${3:-small}
TMP=$(mktemp -d)
HUB_PID=""
trap 'kill $HUB_PID 2>/dev/null || true; rm -rf "$TMP"' EXIT INT TERM

start_hub() {
    [ -z "$HUB_PID" ] || { kill "$HUB_PID"; wait "$HUB_PID" 2>/dev/null || true; }
    rm -f "$TMP/hub.out"  # else the wait below may read the previous hub's port before the new one truncates it
    "$HUB" --data "$TMP/hub" --listen 127.0.0.1:0 "$@" >"$TMP/hub.out" 2>"$TMP/hub.err" &
    HUB_PID=$!
    i=0
    while ! grep -q listening "$TMP/hub.out" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    URL="http://$(sed -n 's/^listening on \([0-9.:]*\).*/\1/p' "$TMP/hub.out")"
}

for login in alice bruno; do
    echo 'correct horse battery' | "$HUB" --data "$TMP/hub" user add --login $login --role adviser \
        --structure "Association Parlons Numérique" --territory metropole-lyon >/dev/null
done
start_hub
"$MEDIANE" --data "$TMP/a" demo --scale "$SCALE" --seed 1 >/dev/null
echo 'correct horse battery' | "$MEDIANE" --data "$TMP/a" enroll --hub "$URL" --login alice >/dev/null
echo 'correct horse battery' | "$MEDIANE" --data "$TMP/b" enroll --hub "$URL" --login bruno >/dev/null
echo "A, first sync of the demo (its own changes stay home):"
"$MEDIANE" --data "$TMP/a" sync | python3 -c "import json,sys; d=json.load(sys.stdin); print({k: d[k] for k in ['pushed','pulled','held','requests','push_seconds','pull_seconds','bytes_sent','bytes_received']})"
echo "B, the same structure's second laptop, pulls everything:"
"$MEDIANE" --data "$TMP/b" sync | python3 -c "import json,sys; d=json.load(sys.stdin); print({k: d[k] for k in ['pulled','held','requests','pull_seconds','bytes_received']})"

# The whole feed, page by page, as a new laptop pulls it, at each gzip level.
TOKEN_DEVICE=bench-puller
body=$(printf '{"protocol_version":2,"login":"bruno","password":"correct horse battery","device_id":"%s"}' $TOKEN_DEVICE)
for level in 0 1 6 9; do
    start_hub --gzip-level $level
    token=$(curl -s -X POST -H 'Content-Type: application/json' -d "$body" "$URL/v1/enroll" |
        python3 -c "import json,sys; print(json.load(sys.stdin)['device_token'])")
    since=0 bytes=0 pages=0
    while :; do
        curl -s -o "$TMP/page.gz" -w '%{size_download}\n' -H "Authorization: Bearer $token" -H 'Accept-Encoding: gzip' \
            "$URL/v1/pull?since=$since&limit=500&protocol=2" >"$TMP/size"
        bytes=$((bytes + $(cat "$TMP/size")))
        pages=$((pages + 1))
        if [ $level -gt 0 ]; then gzip -dc <"$TMP/page.gz" >"$TMP/page.json" 2>/dev/null || cp "$TMP/page.gz" "$TMP/page.json"
        else cp "$TMP/page.gz" "$TMP/page.json"; fi
        next=$(python3 -c "import json; d=json.load(open('$TMP/page.json')); print(d['next_since'], int(d['has_more']))" <"$TMP/page.json")
        since=${next% *}
        [ "${next#* }" = 1 ] || break
    done
    hub_ms=$(awk '/GET \/v1\/pull/ { sub("ms", "", $6); total += $6 } END { print total + 0 }' "$TMP/hub.err")
    echo "gzip level $level: $pages pages, $bytes bytes, hub time for the pulls $hub_ms ms"
done
