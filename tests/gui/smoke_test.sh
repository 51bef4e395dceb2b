#!/bin/sh
# Xvfb smoke test: fills a demo notebook, renders each screen for a few frames, and checks each PNG is not blank.
# Usage: smoke_test.sh path/to/mediane   (uses $DISPLAY when set, else starts its own Xvfb)
set -eu
MEDIANE=$1
TMP=$(mktemp -d)
XVFB_PID=""
cleanup() {
    if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

# Under AddressSanitizer: Mesa's driver is loaded with dlopen and unloaded at exit, so LeakSanitizer
# reports its allocations from an "<unknown module>" that no suppression can name. Leaks in our own
# code are still checked by the headless GUI tests and every other test, which load no GL driver.
ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
export ASAN_OPTIONS

if [ -z "${DISPLAY:-}" ]; then
    # The first display number with no X lock file is free.
    n=90
    while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
    Xvfb ":$n" -screen 0 1400x900x24 -nolisten tcp -noreset >"$TMP/xvfb.log" 2>&1 &  # window_test_lib.sh says why
    XVFB_PID=$!
    export DISPLAY=":$n"
    i=0
    while [ ! -e "/tmp/.X11-unix/X$n" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
fi

"$MEDIANE" --data "$TMP/data" demo --scale small >/dev/null
# The small demo has no directory places; the standard's example gives the Annuaire something to list.
"$MEDIANE" --data "$TMP/data" import directory "$(dirname "$0")/../../assets/directory/exemple-valide.csv" >/dev/null

status=0
for screen in session learners pass dashboard directory; do
    shot="$TMP/$screen.png"
    if ! "$MEDIANE" --data "$TMP/data" --frames 5 --screenshot "$shot" --screen "$screen" 2>"$TMP/$screen.err"; then
        echo "FAIL $screen: mediane exited with an error:"; cat "$TMP/$screen.err"; status=1; continue
    fi
    grep -q '"frames":5' "$TMP/$screen.err" || { echo "FAIL $screen: no timing line on stderr"; status=1; }
    # A blank or single-colour frame has (almost) no spread; a drawn screen has text and widgets.
    colours=$(convert "$shot" -format "%k" info:)
    deviation=$(convert "$shot" -format "%[fx:standard_deviation]" info:)
    echo "$screen: $colours colours, standard deviation $deviation, $(tail -n 1 "$TMP/$screen.err")"
    if [ "$colours" -lt 16 ] || ! awk "BEGIN { exit !($deviation > 0.02) }"; then
        echo "FAIL $screen: the screenshot looks blank"; status=1
    fi
done
exit $status
