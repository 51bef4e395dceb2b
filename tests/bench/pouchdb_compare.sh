#!/bin/sh
# Médiane's sync against PouchDB replicating to an express-pouchdb server (issue 14; docs/benchmarks.md,
# "Médiane against PouchDB"): the same records, a large push to an empty server and a first pull by a new
# laptop, on loopback and through a throttled proxy, alternated runs, medians of wall time and bytes.
# Usage: tests/bench/pouchdb_compare.sh BUILD_DIR [small|large] [RUNS]
#   BUILD_DIR holds src/mediane and sync/hub/resin-hub (a Release build). RUNS defaults to 5.
#   Needs node (20 or later) with npm, sqlite3 and /usr/bin/time. The npm peers (pouchdb, express-pouchdb,
#   express) are installed into tests/bench/pouchdb/node_modules from its package-lock.json on first use.
#   Environment: PROXY_KBIT (1000) and PROXY_RTT_MS (50) shape the throttled link, THROTTLED_RUNS (RUNS)
#   limits how many runs also go through it, TOOLS=mediane or TOOLS=pouchdb runs one side only, OUT names
#   the result file (default pouchdb-compare-SCALE-TIME.md in the current folder), KEEP_WORK=1 keeps the
#   temporary folder.
set -eu
if [ $# -lt 1 ]; then
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
BUILD=$1 SCALE=${2:-small} RUNS=${3:-5}
case $SCALE in small|large) ;; *) echo "scale must be small or large, not $SCALE" >&2; exit 2 ;; esac
MEDIANE=$(cd "$(dirname "$BUILD/src/mediane")" && pwd)/mediane
HUB=$(cd "$(dirname "$BUILD/sync/hub/resin-hub")" && pwd)/resin-hub
PEERS=$(cd "$(dirname "$0")/pouchdb" && pwd)
OUT=${OUT:-pouchdb-compare-$SCALE-$(date -u +%Y%m%dT%H%M%SZ).md}
for tool in node npm sqlite3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "pouchdb_compare.sh needs $tool" >&2; exit 1; }
done
[ -x "$MEDIANE" ] && [ -x "$HUB" ] || { echo "no mediane or resin-hub under $BUILD" >&2; exit 1; }
if [ ! -d "$PEERS/node_modules/express-pouchdb" ] || [ ! -d "$PEERS/node_modules/pouchdb" ]; then
    echo "installing the npm peers into $PEERS/node_modules..." >&2
    if [ -f "$PEERS/package-lock.json" ]; then (cd "$PEERS" && npm ci --no-audit --no-fund >&2)
    else (cd "$PEERS" && npm install --no-audit --no-fund >&2); fi
fi
case $OUT in /*) ;; *) OUT=$(pwd)/$OUT ;; esac
exec node "$PEERS/compare.js" "$MEDIANE" "$HUB" "$SCALE" "$RUNS" "$OUT"
