#!/usr/bin/env bash
# The two .deb files as an admin would get them: built with cpack from this build, unpacked with dpkg -x into
# a throw-away root, run from there with the source tree out of reach (strace shows every file they open),
# the hub started with its installed unit's own command line; then backups, taken while a sync runs, that
# restore whole. Usage: package_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$(cd "$1" && pwd)"
source_dir="$(cd "$2" && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/mediane-package.XXXXXX")"
hub_pid=""
# The hub runs under strace when traced: stopping it means stopping strace's child, which strace then follows out.
stop_hub() {
  [ -n "$hub_pid" ] || return 0
  local child
  child="$(cat /proc/"$hub_pid"/task/*/children 2>/dev/null || true)"
  kill ${child:-$hub_pid} 2>/dev/null || true
  wait "$hub_pid" 2>/dev/null || true
  hub_pid=""
}
cleanup() {
  stop_hub
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "-- $*"; }

# Nothing may point the programs back at the sources, and each runs from a folder of its own.
unset MEDIANE_ASSETS MEDIANE_PASSPHRASE
mkdir -p "$tmp/elsewhere" && cd "$tmp/elsewhere"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"

step "cpack builds the two packages"
(cd "$build" && cpack -G DEB -B "$tmp/debs" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack"; }
mediane_deb="$(ls "$tmp"/debs/mediane_*.deb)" || fail "no mediane .deb"
hub_deb="$(ls "$tmp"/debs/resin-hub_*.deb)" || fail "no resin-hub .deb"
for deb in "$mediane_deb" "$hub_deb"; do
  depends="$(dpkg-deb --field "$deb" Depends)"
  echo "$(basename "$deb"): Depends: $depends"
  # dpkg-shlibdeps names the libraries with versions: SQLite is linked by both.
  [[ "$depends" == *"libsqlite3-0 (>="* ]] || fail "$(basename "$deb") Depends lacks a versioned libsqlite3-0"
done
[[ "$(dpkg-deb --field "$hub_deb" Depends)" == *adduser* ]] || fail "resin-hub must depend on adduser (postinst)"
# Opened at their first use, not linked: the shared-library scan cannot name them (core/shared_library.hpp).
for lib in "libcurl4 (>= 7.85)" libsecret-1-0; do
  [[ "$(dpkg-deb --field "$mediane_deb" Depends)" == *"$lib"* ]] || fail "mediane must depend on $lib"
done
control_files="$(dpkg-deb --ctrl-tarfile "$hub_deb" | tar -t)"
for script in postinst prerm postrm conffiles; do
  grep -qx "./$script" <<<"$control_files" || fail "resin-hub has no $script"
done

step "dpkg -x into a throw-away root"
root="$tmp/root"
dpkg-deb -x "$mediane_deb" "$root"
dpkg-deb -x "$hub_deb" "$root"
for f in usr/bin/mediane usr/bin/resin-hub usr/share/mediane/vocab/vocabularies.json \
         usr/share/resin-hub/i18n/fr/errors.json usr/share/applications/fr.mediane.Mediane.desktop \
         usr/share/metainfo/fr.mediane.Mediane.metainfo.xml usr/share/icons/hicolor/scalable/apps/fr.mediane.Mediane.svg \
         usr/share/icons/hicolor/48x48/apps/fr.mediane.Mediane.png etc/resin-hub/resin-hub.conf \
         usr/libexec/resin-hub/nightly-backup usr/share/doc/mediane/copyright usr/share/doc/resin-hub/changelog.Debian.gz; do
  [ -e "$root/$f" ] || fail "missing $f"
done
unit="$(ls "$root"/lib/systemd/system/resin-hub.service "$root"/usr/lib/systemd/system/resin-hub.service 2>/dev/null | head -1 || true)"
[ -n "$unit" ] || fail "no resin-hub.service"
mediane="$root/usr/bin/mediane"
hub="$root/usr/bin/resin-hub"

# Every file the program opens, when strace can follow it here; the check is skipped (and said) otherwise.
# LeakSanitizer (the ASan build of scripts/test.sh) cannot stop the threads of a traced process: no leak
# check under strace; the untraced runs of the same programs keep it.
untraced_leaks="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
traced() {
  local log="$1"; shift
  if [ "${can_trace:-no}" = yes ]; then
    ASAN_OPTIONS="$untraced_leaks" strace -f -qq -e trace=%file -o "$log" "$@"
  else
    "$@"
  fi
}
never_opened_sources() {
  [ "${can_trace:-no}" = yes ] || return 0
  # Not even a look that failed: the installed binary finds its assets beside itself, first.
  if grep -qF "$source_dir" "$1"; then
    grep -F "$source_dir" "$1" | head -5 >&2
    fail "$2 looked into the source tree"
  fi
  grep -qF "$root/usr/share/" "$1" || fail "$2 did not read its installed assets"
}
can_trace=no
if command -v strace >/dev/null && strace -qq -o /dev/null true 2>/dev/null; then can_trace=yes; fi
[ "$can_trace" = yes ] || echo "strace cannot trace here: the source-tree check relies on the cwd and MEDIANE_ASSETS being unset"

step "mediane --version, a demo and an export from the installed root"
"$mediane" --version | grep -q "Médiane" || fail "--version"
traced "$tmp/demo.trace" "$mediane" --data "$tmp/notebook" demo --seed 11 >/dev/null
never_opened_sources "$tmp/demo.trace" "mediane demo"
traced "$tmp/export.trace" "$mediane" --data "$tmp/notebook" export sessions --format csv >"$tmp/sessions.csv"
never_opened_sources "$tmp/export.trace" "mediane export"
[ "$(wc -l <"$tmp/sessions.csv")" -gt 100 ] || fail "the export has too few sessions"
# The messages are the installed French ones.
if "$mediane" --data "$tmp/notebook" export nothing 2>"$tmp/err.txt"; then fail "a bad export kind passed"; fi
grep -q "mediane" "$tmp/err.txt" || fail "no message for a bad command"

exports() {  # every export of a notebook, concatenated: what must survive a backup and a restore
  local dir="$1"
  for kind in sessions learners cheques directory; do "$mediane" --data "$dir" export "$kind" --format json; done
}

step "resin-hub from its unit's ExecStart"
read -ra exec_start <<<"$(sed -n 's/^ExecStart=//p' "$unit")"
[ "${exec_start[0]}" = /usr/bin/resin-hub ] || fail "ExecStart does not run /usr/bin/resin-hub: ${exec_start[*]}"
# The installed settings, with a free port instead of 8443 (which may be taken on a test machine): the hub
# must find its listen address there, as the service does.
grep -q '^listen *=' "$root/etc/resin-hub/resin-hub.conf" || fail "the installed settings name no listen address"
sed 's/^listen *=.*/listen = "127.0.0.1:0"/' "$root/etc/resin-hub/resin-hub.conf" >"$tmp/resin-hub.conf"
command=()
for word in "${exec_start[@]}"; do
  case "$word" in
    /etc/resin-hub/resin-hub.conf) command+=("$tmp/resin-hub.conf") ;;
    /usr/*|/etc/*) command+=("$root$word") ;;
    /var/lib/resin-hub) command+=("$tmp/hub") ;;
    *) command+=("$word") ;;
  esac
done
[[ " ${command[*]} " == *" --config $tmp/resin-hub.conf "* ]] || fail "ExecStart does not read /etc/resin-hub/resin-hub.conf"
password="a long enough password"
echo "$password" | "$hub" --data "$tmp/hub" user add --login admin --role admin --structure "Association Parlons Numérique" >/dev/null
# The unit's command line as installed, nothing added.
if [ "$can_trace" = yes ]; then
  ASAN_OPTIONS="$untraced_leaks" strace -f -qq -e trace=%file -o "$tmp/hub.trace" "${command[@]}" >"$tmp/hub.out" 2>"$tmp/hub.err" &
else
  "${command[@]}" >"$tmp/hub.out" 2>"$tmp/hub.err" &
fi
hub_pid=$!
for _ in $(seq 100); do grep -q "^listening on" "$tmp/hub.out" 2>/dev/null && break; sleep 0.1; done
port="$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$tmp/hub.out")"
[ -n "$port" ] || { cat "$tmp/hub.err"; fail "resin-hub did not start from its unit's command line"; }
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
grep -q "200" <(head -1 <&3) || fail "/healthz"
exec 3<&-

step "a backup of the notebook and of the hub taken during a sync"
echo "$password" | "$mediane" --data "$tmp/notebook" enroll --hub "http://127.0.0.1:$port" --login admin >/dev/null
"$mediane" --data "$tmp/notebook" sync >"$tmp/sync.out" 2>&1 &
sync_pid=$!
n=0
# Up to 5 of each (restoring and syncing each one again is what takes time here, most under the sanitizers).
while { kill -0 "$sync_pid" 2>/dev/null && [ "$n" -lt 5 ]; } || [ "$n" -eq 0 ]; do
  n=$((n + 1))
  "$mediane" --data "$tmp/notebook" backup --to "$tmp/notebook-during-$n.sqlite" >/dev/null
  "$hub" --data "$tmp/hub" backup --to "$tmp/hub-during-$n.sqlite3" >/dev/null
done
wait "$sync_pid" || { cat "$tmp/sync.out"; fail "the sync failed"; }
echo "$n backups of each taken during the sync"
for i in $(seq "$n"); do
  "$mediane" --data "$tmp/during-$i" restore --from "$tmp/notebook-during-$i.sqlite" >/dev/null
  # The device token is never in a backup (store/device_secret.hpp): on the same laptop, its file stays.
  cp -p "$tmp/notebook/device-token" "$tmp/during-$i/"
  [ "$(sqlite3 "$tmp/during-$i/mediane.sqlite" 'PRAGMA integrity_check; PRAGMA foreign_key_check;')" = ok ] ||
    fail "notebook backup $i is not consistent"
  # Consistent means the sync can finish from it: pushed again, its operations are duplicates, nothing is lost.
  "$mediane" --data "$tmp/during-$i" sync >/dev/null 2>&1 || fail "notebook backup $i does not sync"
  [ "$(exports "$tmp/during-$i" | sha256sum)" = "$(exports "$tmp/notebook" | sha256sum)" ] ||
    fail "notebook backup $i, synced, differs from the notebook"
  "$hub" --data "$tmp/hub-during-$i" restore --from "$tmp/hub-during-$i.sqlite3" >/dev/null
  [ "$(sqlite3 "$tmp/hub-during-$i/hub.sqlite3" 'PRAGMA integrity_check; PRAGMA foreign_key_check;')" = ok ] ||
    fail "hub backup $i is not consistent"
done

step "backup then restore gives identical exports (notebook and hub)"
"$mediane" --data "$tmp/notebook" backup --to "$tmp/notebook.sqlite" >/dev/null
"$mediane" --data "$tmp/restored" restore --from "$tmp/notebook.sqlite" >/dev/null
cmp <(exports "$tmp/notebook") <(exports "$tmp/restored") || fail "restored notebook's exports differ"
"$hub" --data "$tmp/hub" backup --to "$tmp/hub.sqlite3" >/dev/null
stop_hub
never_opened_sources "$tmp/hub.trace" "resin-hub"
"$hub" --data "$tmp/hub-restored" restore --from "$tmp/hub.sqlite3" >/dev/null
cmp <(sqlite3 "$tmp/hub/hub.sqlite3" .dump) <(sqlite3 "$tmp/hub-restored/hub.sqlite3" .dump) ||
  fail "restored hub's dump differs"

echo "package test: ok"
