#!/bin/sh
# Small screens under Xvfb: at 1024×600 (netbook) and 1366×768 (laptop) the window fills the screen's work
# area, every screen renders, the window's state lands in the XDG config directory and never in the current
# directory. Screenshots (the app's own frame and `import -window root` of the live window) are kept in
# $MEDIANE_SCREENSHOTS when set, to be looked at.
# Usage: small_screens_test.sh path/to/mediane
set -eu
MEDIANE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ASSETS=$(cd "$(dirname "$0")/../../assets" && pwd)
. "$(cd "$(dirname "$0")" && pwd)/window_test_lib.sh"
TMP=$(mktemp -d)
SHOTS=${MEDIANE_SCREENSHOTS:-$TMP/shots}
mkdir -p "$SHOTS"
XVFB_PID=""
APP_PID=""
cleanup() {
    if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; fi
    if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
export ASAN_OPTIONS

for tool in Xvfb import convert xdotool; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/deps.sh installs it)"; exit 1; }
done

"$MEDIANE" --data "$TMP/data" demo --scale small >/dev/null
"$MEDIANE" --data "$TMP/data" import directory "$ASSETS/directory/exemple-valide.csv" >/dev/null

# The app runs from a directory of its own, so anything it writes "here" shows up.
mkdir -p "$TMP/cwd" "$TMP/config"
export XDG_CONFIG_HOME="$TMP/config"
cd "$TMP/cwd"

status=0
fail() { echo "FAIL $*"; status=1; }

for size in 1024x600 1366x768; do
    width=${size%x*}
    height=${size#*x}
    rm -f "$TMP/config/mediane/window.json"
    start_xvfb "$size"
    for screen in session learners pass directory dashboard conflicts; do
        shot="$SHOTS/$size-$screen.png"
        if ! "$MEDIANE" --data "$TMP/data" --frames 6 --screenshot "$shot" --screen "$screen" 2>"$TMP/err.txt"; then
            fail "$size $screen: mediane exited with an error:"; cat "$TMP/err.txt"; continue
        fi
        # The frame is the whole screen: the window opened on the work area, not at a fixed 1280×800.
        got=$(convert "$shot" -format "%wx%h" info:)
        [ "$got" = "$size" ] || fail "$size $screen: the window is $got, not the screen's $size"
        deviation=$(convert "$shot" -format "%[fx:standard_deviation]" info:)
        awk "BEGIN { exit !($deviation > 0.02) }" || fail "$size $screen: the screenshot looks blank"
        echo "$size $screen: $got"
    done
    [ -s "$TMP/config/mediane/window.json" ] || fail "$size: no window.json in the XDG config directory"
    grep -q "\"width\":$width" "$TMP/config/mediane/window.json" || fail "$size: window.json does not hold the width"

    # The live window, seen by X as a person would: started normally, captured from the root window.
    "$MEDIANE" --data "$TMP/data" 2>"$TMP/live.err" &
    APP_PID=$!
    wait_window
    window=$WINDOW
    if [ -n "$window" ]; then
        sleep 1
        import -window root "$SHOTS/$size-live.png"
        geometry=$(xdotool getwindowgeometry "$window" | awk '/Geometry/ {print $2}')
        [ "$geometry" = "$size" ] || fail "$size: the live window is $geometry, not $size"
    else
        fail "$size: the window did not appear"; cat "$TMP/live.err"
    fi
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
    stop_xvfb
done

leftovers=$(ls -A "$TMP/cwd")
[ -z "$leftovers" ] || fail "the app wrote into the current directory: $leftovers"
[ ! -e "$TMP/cwd/imgui.ini" ] || fail "imgui.ini in the current directory"
exit $status
