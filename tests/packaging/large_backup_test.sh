#!/usr/bin/env bash
# Five years of a busy structure (the large demo: ~20,000 learners, 100,000 sessions, 50,000 cheques, ~370 MB)
# backed up and restored: its exports are byte for byte the original's, and so is every row of every table.
# Usage: large_backup_test.sh MEDIANE_BINARY
set -euo pipefail
mediane="$1"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/mediane-large-backup.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$mediane" --data "$tmp/notebook" demo --seed 5 --scale large >/dev/null
"$mediane" --data "$tmp/notebook" backup --to "$tmp/backup.sqlite" >/dev/null
"$mediane" --data "$tmp/restored" restore --from "$tmp/backup.sqlite" >/dev/null
for kind in sessions learners directory; do
  for format in json csv; do
    cmp <("$mediane" --data "$tmp/notebook" export "$kind" --format "$format") \
        <("$mediane" --data "$tmp/restored" export "$kind" --format "$format") ||
      fail "export $kind --format $format differs after restore"
  done
done
# The cheques' export takes minutes on this volume; every table, cheques included, is compared row by row.
cmp <(sqlite3 "$tmp/notebook/mediane.sqlite" .dump) <(sqlite3 "$tmp/restored/mediane.sqlite" .dump) ||
  fail "the restored notebook's rows differ"
[ "$(stat -c %a "$tmp/backup.sqlite")" = 600 ] || fail "the backup is readable by other accounts"
echo "large backup test: ok"
