#!/bin/sh
# An adviser's first day, driven in the real window under Xvfb with xdotool, at 1024×600 and 1366×768:
# an empty notebook → « Mes lieux » adds a place → a session is saved → a booklet typed for another
# structure → enrolment with a local hub in the window → the background sync → the hub's refusal shown in
# the status bar and « Voir pourquoi ». The app writes where its tagged items are (MEDIANE_ITEM_MAP), so the
# pointer goes to a button by its id, whatever the screen size. Screenshots go to $MEDIANE_SCREENSHOTS when
# set, to be looked at.
# Usage: first_day_window_test.sh path/to/mediane path/to/resin-hub
set -eu
MEDIANE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HUB=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
. "$(cd "$(dirname "$0")" && pwd)/window_test_lib.sh"
TMP=$(mktemp -d)
SHOTS=${MEDIANE_SCREENSHOTS:-$TMP/shots}
mkdir -p "$SHOTS"
XVFB_PID="" APP_PID="" HUB_PID=""
cleanup() {
    for pid in $APP_PID $HUB_PID $XVFB_PID; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
export ASAN_OPTIONS
for tool in Xvfb import convert xdotool; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/deps.sh installs it)"; exit 1; }
done

status=0
fail() { echo "FAIL $*"; status=1; }
MAP="$TMP/items"
export MEDIANE_ITEM_MAP="$MAP" XDG_CONFIG_HOME="$TMP/config"

# The centre of an item drawn in the last frames, once it is there and has stopped moving (a screen that
# opens scrolls its focused search into view over a few frames): 9 s at most.
where() {
    i=0 last=""
    while [ $i -lt 15 ]; do
        xy=$(awk -v id="$1" '$1 == id { print int(($2 + $4) / 2), int(($3 + $5) / 2) }' "$MAP" 2>/dev/null || true)
        if [ -n "$xy" ] && [ "$xy" = "$last" ]; then echo "$xy"; return 0; fi
        last=$xy
        sleep 0.6  # an idle window draws at least every half second
        i=$((i + 1))
    done
    return 1
}
shown() { where "$1" >/dev/null; }
click() {
    xy=$(where "$1") || { fail "$SIZE: no « $1 » on screen"; return 0; }
    # ImGui sees the pointer arrive in one frame and the button go down and up in the next ones; an idle
    # window draws a frame at least every half second, and a screen or dialog that opens settles its focus
    # and scroll in its first frames.
    xdotool mousemove --window "$WINDOW" $xy
    sleep 0.3
    xdotool click 1
    sleep 0.8
}
typein() {
    click "$1"
    xdotool type --delay 20 "$2"
    sleep 0.2
}
shot() { sleep 0.4; import -window root "$SHOTS/$SIZE-$1.png"; }

for SIZE in 1024x600 1366x768; do
    # The previous size's hub.out goes too: a background job truncates its output only once it runs, and
    # a loaded machine let the wait below read the dead hub's port from it.
    rm -rf "$TMP/data" "$TMP/hub" "$TMP/config" "$MAP" "$TMP/hub.out" "$TMP/hub.err"
    # Away from the displays other window tests pick (90 up), as ctest runs them side by side.
    start_xvfb "$SIZE" $((150 + $$ % 100))

    # A hub on loopback with one adviser account.
    echo 'correct horse battery' | "$HUB" --data "$TMP/hub" user add --login alice --role adviser \
        --structure "Centre social Parilly" --territory metropole-lyon >/dev/null
    "$HUB" --data "$TMP/hub" --listen 127.0.0.1:0 >"$TMP/hub.out" 2>"$TMP/hub.err" &
    HUB_PID=$!
    i=0
    while ! grep -q listening "$TMP/hub.out" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$TMP/hub.out")
    [ -n "$PORT" ] || { fail "$SIZE: resin-hub did not start: $(tail -n 5 "$TMP/hub.err")"; break; }

    # First run: an empty notebook, no demo.
    "$MEDIANE" --data "$TMP/data" 2>"$TMP/app.err" &
    APP_PID=$!
    wait_window
    if [ -z "$WINDOW" ]; then fail "$SIZE: the window did not appear"; cat "$TMP/app.err"; break; fi
    shown session.my_places || fail "$SIZE: no « Mes lieux » on the first screen"
    shot 1-first-run

    # « Mes lieux »: the first place, straight on its form.
    click session.my_places
    typein places.name "Salle des fetes"
    typein places.postal_code "69500"
    typein places.commune "Bron"
    shot 2-own-place
    click places.save
    shown session.place_picked || fail "$SIZE: the new place is not the session's place"

    # A session in that place: a theme, then « Enregistrer la séance ».
    click session.theme_email
    click session.save
    shot 3-session-saved

    # A booklet typed for another structure: the hub will refuse it.
    click shell.tab_pass
    # The screen opens with the keyboard in the learner search of « Remettre un chèque », at the top; with no
    # booklet yet, « Recevoir un carnet » is open below the cheque check: on a netbook, a few wheel turns down.
    xy=$(where pass.give.save) && xdotool mousemove --window "$WINDOW" $xy && xdotool click --repeat 10 --delay 50 5
    sleep 0.8
    typein pass.receive.structure "Espace numerique Croix-Rousse"
    typein pass.receive.first "7000"
    typein pass.receive.last "7009"
    typein pass.receive.valid_year "$(date +%Y)"
    typein pass.receive.funder "Metropole de Lyon"
    click pass.receive.save
    shot 4-booklet

    # Enrolment in the window; its success starts the background sync.
    click status.enrol
    typein enrol.hub "http://127.0.0.1:$PORT"
    typein enrol.login "alice"
    typein enrol.password "correct horse battery"
    shot 5-enrol
    click enrol.submit
    i=0
    while ! shown status.see_why && [ $i -lt 6 ]; do i=$((i + 1)); done
    shown status.see_why || fail "$SIZE: the status bar does not show the refused changes"
    shot 6-refused
    click status.see_why
    shown refused.first_row || fail "$SIZE: « Voir pourquoi » lists no refused change"
    shot 7-why

    # What the window showed is what the notebook and the hub hold.
    out=$("$MEDIANE" --data "$TMP/data" status 2>/dev/null || true)
    echo "$out" | grep -q '"refused_changes": *[1-9]' || fail "$SIZE: status reports no refused change: $out"
    grep -q 'POST /v1/push 200' "$TMP/hub.err" ||
        fail "$SIZE: the hub saw no push; its log ends with: $(tail -n 5 "$TMP/hub.err")"
    echo "$SIZE: first day walked through, screenshots in $SHOTS"

    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    kill "$HUB_PID" 2>/dev/null || true
    wait "$HUB_PID" 2>/dev/null || true
    stop_xvfb
    APP_PID="" HUB_PID=""
done
exit $status
