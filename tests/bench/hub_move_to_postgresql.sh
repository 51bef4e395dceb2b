#!/bin/sh
# A SQLite hub holding a whole demo notebook moves to PostgreSQL, and its laptops go on syncing without enrolling
# again (issue 17; docs/hub-postgresql.md, "Moving a hub"). Hub, laptops and PostgreSQL on 127.0.0.1.
#   1. laptop A (a copy of DEMO_DIR) pushes everything to a fresh SQLite hub; laptop B, a new notebook of the
#      same structure, pulls it all;
#   2. the hub stops; `resin-hub migrate --from-data` copies it into a new database of a throw-away cluster
#      (tests/support/pg_cluster.sh, PostgreSQL's durable defaults); the hub starts on it at the same address;
#   3. A and B each record a session and sync twice: each must hold the other's, nothing in error, nothing
#      pending, and the hub's records and changes must have grown by exactly the two sessions.
# Usage: hub_move_to_postgresql.sh path/to/mediane path/to/resin-hub DEMO_DIR
#   DEMO_DIR holds a notebook made by `mediane --data DEMO_DIR demo --scale small|large --seed 1`; it is copied,
#   never changed. Prints the timings and the migration's table counts; exits non-zero at the first failed check.
set -eu
MEDIANE=$1 HUB=$2 DEMO=$3
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
HUB_PID=""
trap 'kill $HUB_PID 2>/dev/null || true; bash "$HERE/../support/pg_cluster.sh" stop "$TMP/pg" >/dev/null 2>&1 || true; rm -rf "$TMP"' EXIT INT TERM
PASSWORD='correct horse battery'
STRUCTURE="Association Parlons Numérique"

now() { date +%s.%N; }
since() { echo "$1 $(now)" | awk '{ printf "%.1f s", $2 - $1 }'; }
fail() { echo "FAILED: $*" >&2; exit 1; }

start_hub() {  # extra resin-hub arguments; serves on $PORT (0 the first time: it picks one)
    : >"$TMP/hub.out"
    "$HUB" --data "$TMP/hub" --listen "127.0.0.1:$PORT" "$@" >"$TMP/hub.out" 2>>"$TMP/hub.err" &
    HUB_PID=$!
    i=0
    while ! grep -q listening "$TMP/hub.out" 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
    grep -q listening "$TMP/hub.out" || fail "resin-hub did not start: $(tail -n 5 "$TMP/hub.err")"
    PORT=$(sed -n 's/^listening on [0-9.]*:\([0-9]*\).*/\1/p' "$TMP/hub.out")
    URL="http://127.0.0.1:$PORT"
}
stop_hub() { kill $HUB_PID; wait $HUB_PID 2>/dev/null || true; HUB_PID=""; }
status_of() { "$MEDIANE" --data "$1" status; }
field() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }

cp -r "$DEMO" "$TMP/a"
for login in alice bruno; do
    echo "$PASSWORD" | "$HUB" --data "$TMP/hub" user add --login $login --role adviser --structure "$STRUCTURE" \
        --territory metropole-lyon >/dev/null
done
PORT=0
start_hub
echo "$PASSWORD" | "$MEDIANE" --data "$TMP/a" enroll --hub "$URL" --login alice >/dev/null
echo "$PASSWORD" | "$MEDIANE" --data "$TMP/b" enroll --hub "$URL" --login bruno >/dev/null
t=$(now)
pushed=$("$MEDIANE" --data "$TMP/a" sync | field "['pushed']")
echo "SQLite hub: laptop A pushed $pushed ops in $(since "$t")"
t=$(now)
pulled=$("$MEDIANE" --data "$TMP/b" sync | field "['pulled']")
echo "SQLite hub: laptop B pulled $pulled changes in $(since "$t")"
stop_hub

sqlite3 "$TMP/hub/hub.sqlite3" "SELECT count(*) FROM records; SELECT count(*) FROM changes;" >"$TMP/counts.sqlite"
PG_DURABLE=1 bash "$HERE/../support/pg_cluster.sh" start "$TMP/pg"
DB="$(cat "$TMP/pg/url")/moved"
psql -q "$(cat "$TMP/pg/url")/postgres" -c "CREATE DATABASE moved" || fail "could not create the database"
t=$(now)
"$HUB" migrate --from-data "$TMP/hub" --to "$DB" >"$TMP/migrate.json" || fail "migrate: $(cat "$TMP/migrate.json")"
echo "migrate: $(since "$t"); tables (rows):"
python3 -c "
import json, sys
tables = json.load(open(sys.argv[1]))['tables']
print('  ' + ', '.join(f'{name} {t[\"rows\"]}' for name, t in tables.items()))" "$TMP/migrate.json"

start_hub --db "$DB"
echo '{"date": "2026-12-03", "duration_minutes": 45, "kind": "individuel", "place_mode": "a_distance", "anonymous_count": 1, "themes": ["email"], "notes": "after the move, laptop A"}' |
    "$MEDIANE" --data "$TMP/a" session add >"$TMP/a.session"
echo '{"date": "2026-12-03", "duration_minutes": 30, "kind": "individuel", "place_mode": "a_distance", "anonymous_count": 1, "themes": ["email"], "notes": "after the move, laptop B"}' |
    "$MEDIANE" --data "$TMP/b" session add >"$TMP/b.session"
t=$(now)
for round in 1 2; do
    "$MEDIANE" --data "$TMP/a" sync >"$TMP/a.sync.$round"
    "$MEDIANE" --data "$TMP/b" sync >"$TMP/b.sync.$round"
done
echo "PostgreSQL hub: two rounds of both laptops' syncs in $(since "$t")"
for laptop in a b; do
    [ "$(status_of "$TMP/$laptop" | field "['pending_changes']")" = 0 ] || fail "laptop $laptop still has pending changes"
    [ "$(status_of "$TMP/$laptop" | field "['refused_changes']")" = 0 ] || fail "laptop $laptop has refused changes"
done
for laptop in a b; do
    for other in a b; do
        id=$(tr -d '[:space:]' <"$TMP/$other.session")
        n=$(sqlite3 "$TMP/$laptop/mediane.sqlite" "SELECT count(*) FROM sessions WHERE id = '$id'")
        [ "$n" = 1 ] || fail "laptop $laptop does not hold laptop $other's session $id"
    done
done
stop_hub
records_before=$(sed -n 1p "$TMP/counts.sqlite") changes_before=$(sed -n 2p "$TMP/counts.sqlite")
records_after=$(psql -qtA "$DB" -c "SELECT count(*) FROM records")
changes_after=$(psql -qtA "$DB" -c "SELECT count(*) FROM changes")
[ "$records_after" = $((records_before + 2)) ] || fail "records: $records_before before, $records_after after two sessions"
[ "$changes_after" = $((changes_before + 2)) ] || fail "changes: $changes_before before, $changes_after after two sessions"
echo "ok: both laptops hold both sessions, nothing pending or in error; records $records_before -> $records_after, changes $changes_before -> $changes_after"
